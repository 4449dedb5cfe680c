"""The link from a city's public page (public/cities/detail.html) to its published strategy."""

from typing import Any

from django import template

from icc.network.models import City
from icc.strategies.models import Strategy

register = template.Library()


@register.inclusion_tag("strategies/_city_strategy_link.html")
def city_strategy_link(city: City) -> dict[str, Any]:
    """The city's published strategies (newest first), or nothing."""
    return {
        "strategies": list(Strategy.objects.public().filter(city=city).order_by("-created")[:3]),
        "city": city,
    }
