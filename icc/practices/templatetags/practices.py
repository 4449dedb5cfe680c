from django import template

from icc.practices.models import Practice

register = template.Library()


@register.filter
def practice_text(practice: Practice, name: str) -> str:
    """A translated text of the practice in the reader's language, else in the language it has."""
    return practice.text(name)


@register.filter
def query_without(found: object, name: str) -> str:
    method = getattr(found, "query_without", None)
    return method(name) if method else ""
