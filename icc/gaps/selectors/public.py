"""The gaps the public reads: a city's published gaps on its public page, and every published gap in the
open data. What is public is decided by icc.gaps.selectors.publication alone; suppressed records stay
withheld (no figure at all), as on the city's own page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from icc.gaps.models import GapResult
from icc.gaps.selectors.city import CityGapsPage, city_gaps_page
from icc.gaps.selectors.publication import are_city_gaps_published, published_gap_results
from icc.network.models import City


def public_city_gaps(city: City) -> CityGapsPage | None:
    """The city's gaps of its latest period when it published them, else None."""
    if not are_city_gaps_published(city):
        return None
    page = city_gaps_page(city, with_remedial=False)
    return page if page.period else None


def public_gap_records() -> Iterator[tuple[GapResult, dict[str, Any] | None]]:
    """Every published gap record with its statistics (None when withheld or missing: the reason is the
    result's `shown_missing_reason`)."""
    for result in published_gap_results().iterator(chunk_size=2000):
        record = result.record if result.record and not result.record.get("suppressed") else None
        yield result, record
