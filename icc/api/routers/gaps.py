"""Gaps between a city's communities (the "mind the gap" tool): the published gaps for everyone; with a
token of the city's people or of the secretariat, the city's unpublished gaps too (the same rules as the
pages: icc/gaps/rules.py, icc.gaps.selectors.publication)."""

from typing import Annotated, Any, Literal

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import StringConstraints

from icc.api.auth import PUBLIC, PUBLIC_SECURITY, user_of
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.gaps.models import GapResult
from icc.gaps.selectors.access import gap_cities_for_user
from icc.gaps.selectors.publication import gap_publishing_cities
from icc.public.page_cache import public_cache

router = Router(tags=["gaps"])

DomainValue = Literal[
    "employment", "education", "housing", "health", "civic_participation", "safety", "discrimination"
]
Key = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]
Period = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{4})?$")]


class GapOut(Schema):
    """One gap of the format (../shared/docs/gap-format.md) with names, the domain and whether it is
    published. Every statistic is null when the record is suppressed (`missing_reason` "withheld") or
    when a figure is missing (`missing_reason` says why)."""

    city: str = Field(..., description="The city's slug.")
    city_name: str
    indicator: str
    indicator_name: str
    domain: str
    polarity: int = Field(..., description="1: a higher rate is better; -1: a lower rate is better.")
    period: str
    focal: str = Field(..., description="The focal group's identifier.")
    focal_name: str
    reference: str | None = Field(..., description="The reference group's identifier (null: none named).")
    reference_name: str | None
    published: bool = Field(..., description="Whether the city published its gaps (false: token only).")
    missing_reason: Literal["withheld", "not_collected", "not_applicable"] | None = Field(
        ...,
        description="Why there are no statistics: withheld (too few people), not collected, not applicable.",
    )
    focal_rate: float | None
    reference_rate: float | None
    focal_n: int | None
    reference_n: int | None
    gap_pp: float | None = Field(
        ..., description="Negative: the focal group is worse off, whatever the polarity."
    )
    gap_ci: list[float] | None = Field(..., description="Newcombe's 95 % interval of the gap, in points.")
    significant: bool | None
    ratio: float | None
    ratio_ci: list[float] | None
    parity_index: float | None
    gap_score: float | None = Field(..., description="0 to 100, 100 = parity.")
    suppressed: bool
    low_reliability: bool | None


class GapFilters(Schema):
    city: Key | None = Field(None, description="A city's slug.")
    indicator: Key | None = Field(None, description="An indicator's identifier, e.g. employment_rate.")
    period: Period | None = Field(None, description="A year (2024) or years (2022-2024).")
    domain: DomainValue | None = None


STATISTICS = (
    "focal_rate",
    "reference_rate",
    "focal_n",
    "reference_n",
    "gap_pp",
    "gap_ci",
    "significant",
    "ratio",
    "ratio_ci",
    "parity_index",
    "gap_score",
    "low_reliability",
)


def gap_out(result: GapResult, published: set[int]) -> dict[str, Any]:
    record = result.record or {}
    return {
        "city": result.city.slug,
        "city_name": result.city.name,
        "indicator": result.indicator.key,
        "indicator_name": result.indicator.name,
        "domain": result.indicator.domain,
        "polarity": result.indicator.polarity,
        "period": result.period,
        "focal": result.focal.key,
        "focal_name": result.focal.name,
        "reference": result.reference.key if result.reference else None,
        "reference_name": result.reference.name if result.reference else None,
        "published": result.city_id in published,
        "missing_reason": result.shown_missing_reason or None,
        **{name: record.get(name) for name in STATISTICS},
        "suppressed": bool(record.get("suppressed")),
    }


def readable_gaps(user: Any) -> QuerySet[GapResult]:
    """The published gaps, plus those of the cities whose gap data `user` may read."""
    visible = Q(city__in=gap_publishing_cities())
    if user.is_authenticated:
        visible |= Q(city__in=gap_cities_for_user(user))
    return GapResult.objects.filter(visible).select_related("city", "indicator", "focal", "reference")


@router.get("/gaps", response=documented({200: list[GapOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY)
@public_cache
@paginate(Pagination)
def list_gaps(request: HttpRequest, filters: Query[GapFilters]) -> list[dict[str, Any]]:
    """The gaps between communities that cities published, by city, indicator (catalogue order), period
    and focal group; with a token of a city's coordinator or contributor, or of the secretariat, also the
    unpublished gaps they may read (`published` false). Filters: `city`, `indicator`, `period`, `domain`."""
    user = user_of(request)
    gaps = readable_gaps(user)
    if filters.city:
        gaps = gaps.filter(city__slug=filters.city)
    if filters.indicator:
        gaps = gaps.filter(indicator__key=filters.indicator)
    if filters.period:
        gaps = gaps.filter(period=filters.period)
    if filters.domain:
        gaps = gaps.filter(indicator__domain=filters.domain)
    published = set(gap_publishing_cities().values_list("pk", flat=True))
    ordered = gaps.order_by("city__name", "city_id", "indicator__order", "period", "focal__key")
    return Mapped(ordered, lambda result: gap_out(result, published))  # type: ignore[return-value]
