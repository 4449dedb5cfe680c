"""What of the gaps is public: the one place that decides it (city page, open data, API, sitemap).

A city's gaps are public when both hold:
- the city is public (`City.objects.public()`, the register's one rule),
- the city has published its gaps (`CityGaps.published`; withdrawing clears it, and the public content
  version moves on at once: icc.gaps.services.publication).
Suppressed records stay withheld in public too: their statistics are null in the stored record.
Unpublished observations, imports and groups with no published gap are never public.
"""

from django.db.models import Q, QuerySet

from icc.gaps.models import CityGaps, GapResult
from icc.network.models import City

# On City: the city published its gaps (combine with City.objects.public()).
PUBLISHED_GAPS = Q(gaps__published=True)


def gap_publishing_cities() -> QuerySet[City]:
    """The public cities that published their gaps, by name."""
    return City.objects.public().filter(PUBLISHED_GAPS).order_by("name")


def published_gap_results() -> QuerySet[GapResult]:
    """Every public gap record, with its indicator and groups."""
    return (
        GapResult.objects.filter(city__in=gap_publishing_cities())
        .select_related("city", "indicator", "focal", "reference")
        .order_by("city__name", "indicator__order", "period", "focal__key")
    )


def are_city_gaps_published(city: City) -> bool:
    return gap_publishing_cities().filter(pk=city.pk).exists()


def city_gaps_publication(city: City) -> CityGaps | None:
    """The city's publication row (None before any decision)."""
    return CityGaps.objects.filter(city=city).select_related("published_by").first()
