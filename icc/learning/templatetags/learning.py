from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key], or None: the quiz's results and errors per question."""
    return mapping.get(key) if mapping else None


@register.inclusion_tag("learning/_city_completion.html")
def learning_completion(city: Any) -> dict[str, Any]:
    """On a city's accession page: its officials in the initiation course (an accession-time indicator)."""
    from icc.learning.selectors import course_completion_for_city

    enrolled, completed = course_completion_for_city(city)
    return {"enrolled": enrolled, "completed": completed}
