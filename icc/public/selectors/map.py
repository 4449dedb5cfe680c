"""The cities on the public map: members and candidates that have coordinates, in one query.

How a page shows the map (the home page does):

    from icc.public.map import network_map
    from icc.public.selectors.map import city_url, map_cities

    def home(request):
        view = network_map(map_cities(), url_for=city_url)
        return render(request, "public/home.html", {"network_map": view})

    {# in the template; link the stylesheet once in the page's head: #}
    <link rel="stylesheet" href="{% static 'public/map.css' %}">
    {% include "public/_map.html" with map=network_map %}

`_map.html` takes an optional `map_id` (default "network-map") when a page shows two maps.
"""

from __future__ import annotations

from django.urls import reverse

from icc.network.models import City, CityStatus
from icc.public.map import CANDIDATE, MEMBER, MapCity

# The map shows the network as it is now: the public cities (`City.objects.public()`) that are members or
# candidates. A suspended or withdrawn city keeps its public page for its published results, not a pin.
MAP_STATUSES = {CityStatus.MEMBER: MEMBER, CityStatus.CANDIDATE: CANDIDATE}


def map_cities() -> list[MapCity]:
    """Members and candidates with both coordinates, names in the active language."""
    cities = (
        City.objects.public()
        .filter(status__in=list(MAP_STATUSES), latitude__isnull=False, longitude__isnull=False)
        .only("name", "name_en", "name_fr", "slug", "country", "status", "latitude", "longitude")
        .order_by("pk")
    )
    return [
        MapCity(
            name=city.name,
            slug=city.slug,
            country=city.country,
            status=MAP_STATUSES[CityStatus(city.status)],
            latitude=float(city.latitude),  # type: ignore[arg-type]  # filtered on not null above
            longitude=float(city.longitude),  # type: ignore[arg-type]
        )
        for city in cities
    ]


def city_url(city: MapCity) -> str:
    """The city's public page; looked up per call so the URL configuration is read when it is complete."""
    return reverse("public:city_detail", args=[city.slug])
