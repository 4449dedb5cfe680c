"""City strategies and results-based accountability in the JSON API: `GET /strategies` (and one by id)
with their results, indicators, data series, targets and forecasts, and their programmes with their
performance measures. Without a token: the published strategies only (icc.strategies.models
.StrategyQuerySet.public, the same rule as the public pages); with a token, also every strategy of the cities
the token's person works for (coordinator or contributor), and every one for the secretariat."""

import datetime
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.accounts.selectors import user_roles_summary
from icc.api.auth import PUBLIC, PUBLIC_SECURITY, user_of
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.strategies import selectors
from icc.strategies.models import Strategy

router = Router(tags=["city strategies"])


class PointOut(Schema):
    period: str = Field(..., description="The period as the city names it, e.g. 2024.")
    period_start: datetime.date
    value: float
    source: str


class TargetOut(Schema):
    period: str
    period_start: datetime.date
    value: float


class ForecastOut(Schema):
    period: str
    value: float
    lower: float = Field(
        ..., description="Lower bound of the 80 % prediction band (= value when set by hand)."
    )
    upper: float


class SeriesOut(Schema):
    points: list[PointOut]
    targets: list[TargetOut]
    forecast: list[ForecastOut] = Field(
        ..., description="Empty with fewer than 3 figures up to the baseline (not enough data)."
    )
    forecast_set_by_city: bool
    baseline_period: str | None
    turning_the_curve: bool | None = Field(
        ...,
        description="The latest figure does better than the forecast, given the polarity; null if unknown.",
    )


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    polarity: Literal["higher_is_better", "lower_is_better"]
    source_kind: Literal["own", "index_area", "gap"]
    source_key: str
    story: str
    partners: str
    what_works: str
    series: SeriesOut


class ResultOut(Schema):
    id: int
    title: str
    statement: str
    indicators: list[IndicatorOut]


class MeasureOut(Schema):
    id: int
    name: str
    quadrant: Literal["how_much", "how_well", "better_off"]
    unit: str
    polarity: Literal["higher_is_better", "lower_is_better"]
    series: SeriesOut


class ProgrammeOut(Schema):
    id: int
    name: str
    measures: list[MeasureOut]


class StrategyOut(Schema):
    id: int
    city: str = Field(..., description="The city's slug.")
    city_name: str
    title: str = Field(
        ..., description="In the language asked for (Accept-Language or ?lang), English otherwise."
    )
    status: Literal["drafting", "validated", "presented", "implementing", "evaluated", "superseded"]
    published: bool
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    validated_on: datetime.date | None
    validated_by_body: str
    presented_on: datetime.date | None
    previous: int | None = Field(..., description="The id of the strategy this one replaces.")
    index_areas: list[str]
    results: list[ResultOut]
    programmes: list[ProgrammeOut]


class StrategyFilters(Schema):
    city: str | None = Field(None, max_length=120, description="A city's slug.")


def _series(view: selectors.SeriesView) -> dict[str, Any]:
    return {
        "points": [
            {"period": p.period_label, "period_start": p.period_start, "value": p.value, "source": p.source}
            for p in view.points
        ],
        "targets": [
            {"period": t.period_label, "period_start": t.period_start, "value": t.value} for t in view.targets
        ],
        "forecast": [
            {"period": p.label, "value": p.value, "lower": p.lower, "upper": p.upper}
            for p in view.curve.points
        ]
        if view.curve.enough
        else [],
        "forecast_set_by_city": view.overridden,
        "baseline_period": view.row.baseline_period,
        "turning_the_curve": view.row.turning,
    }


def strategy_out(strategy: Strategy) -> dict[str, Any]:
    return {
        "id": strategy.pk,
        "city": strategy.city.slug,
        "city_name": strategy.city.name,
        "title": strategy.title,
        "status": strategy.status,
        "published": strategy.published,
        "starts_on": strategy.starts_on,
        "ends_on": strategy.ends_on,
        "validated_on": strategy.validated_on,
        "validated_by_body": strategy.validated_by_body,
        "presented_on": strategy.presented_on,
        "previous": strategy.previous_id,
        "index_areas": list(strategy.index_areas),
        "results": [
            {
                "id": rv.result.pk,
                "title": rv.result.title,
                "statement": rv.result.statement,
                "indicators": [
                    {
                        "id": iv.indicator.pk,
                        "name": iv.indicator.name,
                        "unit": iv.indicator.unit,
                        "polarity": iv.indicator.polarity,
                        "source_kind": iv.indicator.source_kind,
                        "source_key": iv.indicator.source_key,
                        "story": iv.indicator.story,
                        "partners": iv.indicator.partners,
                        "what_works": iv.indicator.what_works,
                        "series": _series(iv.series),
                    }
                    for iv in rv.indicators
                ],
            }
            for rv in selectors.result_views(strategy)
        ],
        "programmes": [
            {
                "id": pv.programme.pk,
                "name": pv.programme.name,
                "measures": [
                    {
                        "id": mv.measure.pk,
                        "name": mv.measure.name,
                        "quadrant": mv.measure.quadrant,
                        "unit": mv.measure.unit,
                        "polarity": mv.measure.polarity,
                        "series": _series(mv.series),
                    }
                    for _q, _label, measures in pv.quadrants
                    for mv in measures
                ],
            }
            for pv in selectors.programme_views(strategy)
        ],
    }


def readable_strategies(request: HttpRequest) -> QuerySet[Strategy]:
    user = user_of(request)
    roles = user_roles_summary(user)
    rows = Strategy.objects.select_related("city")
    if roles.secretariat:
        return rows
    return rows.filter(Q(pk__in=Strategy.objects.public()) | Q(city_id__in=roles.city_ids))


@router.get(
    "/strategies", response=documented({200: list[StrategyOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
@paginate(Pagination)
def list_strategies(request: HttpRequest, filters: Query[StrategyFilters]) -> Any:
    """City strategies with their results, indicators and series (figures, targets, forecast with its 80 %
    band) and their programmes' performance measures. Without a token: the published ones only; with a token,
    also the strategies of the token's cities. Filter: `city` (a city's slug)."""
    rows = readable_strategies(request)
    if filters.city:
        rows = rows.filter(city__slug=filters.city)
    return Mapped(rows.order_by("city__name", "-pk"), strategy_out)


@router.get(
    "/strategies/{strategy_id}",
    response=documented({200: StrategyOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
def get_strategy(request: HttpRequest, strategy_id: int) -> Any:
    """One strategy, as in the list; 404 for a strategy the caller may not read."""
    strategy = readable_strategies(request).filter(pk=strategy_id).first()
    if strategy is None:
        raise Http404
    return strategy_out(strategy)
