from typing import Any

from django import template

from icc.index.models import Response
from icc.network.models import City
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


@register.inclusion_tag("practices/public/_city_practices.html")
def city_practices(city: City) -> dict[str, Any]:
    """A city's published practices, for its public page."""
    from icc.practices.selectors.catalogue import city_public_practices

    return {"practices": city_public_practices(city), "city": city}


@register.inclusion_tag("practices/_help_for_response.html")
def practices_help(response: Response) -> dict[str, Any]:
    """On a city's scores page: for each question where it did not earn the full points, the published
    practices answering it from cities that do."""
    from icc.practices.selectors.pointers import help_for_response

    return {"helps": help_for_response(response)}
