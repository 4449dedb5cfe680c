from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key], or None: the quiz's results and errors per question."""
    return mapping.get(key) if mapping else None
