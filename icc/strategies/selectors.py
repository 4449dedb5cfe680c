"""Reads of city strategies. Access is decided here, once (see docs/strategies.md):

- the secretariat reads and changes every strategy;
- the city's coordinators read and change their city's strategies (structure, status, publication);
- the city's contributors read them and keep the figures and the action plans up to date (data entry:
  data points, targets, action updates, the turn-the-curve fields), but change neither structure nor status;
- anyone else, signed in or not, reads a published strategy on the public site only; in the back office a
  strategy of another city is unknown to them (404).
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from icc.accounts.selectors import user_roles_summary
from icc.core.history import HistoryEntry, history_entries
from icc.network.models import City
from icc.strategies import curves
from icc.strategies.models import (
    OPEN_ACTION_STATUSES,
    Action,
    DataPoint,
    Indicator,
    PerformanceMeasure,
    Programme,
    Quadrant,
    Result,
    SourceKind,
    Strategy,
    StrategyStatus,
    Target,
)


@dataclass(frozen=True)
class StrategyAccess:
    read: bool = False
    data: bool = False  # enters figures, targets, action updates, turn-the-curve fields
    write: bool = False  # changes the structure, the status, the publication

    @property
    def any(self) -> bool:
        return self.read


def city_access(user: Any, city_id: int) -> StrategyAccess:
    roles = user_roles_summary(user)
    if roles.secretariat or city_id in roles.coordinated_city_ids:
        return StrategyAccess(read=True, data=True, write=True)
    if city_id in roles.contributed_city_ids:
        return StrategyAccess(read=True, data=True)
    return StrategyAccess()


def strategy_access(user: Any, strategy: Strategy) -> StrategyAccess:
    return city_access(user, strategy.city_id)


def strategies_visible_to(user: Any) -> QuerySet[Strategy]:
    roles = user_roles_summary(user)
    qs = Strategy.objects.select_related("city")
    if roles.secretariat:
        return qs
    return qs.filter(city_id__in=roles.city_ids)


def strategy_for_user(user: Any, pk: int, *, write: bool = False, data: bool = False) -> Strategy:
    """The strategy `pk` if `user` may read it (404 otherwise); with `write` (structure, status) or `data`
    (figures, action plans) the person must also be allowed that (403 otherwise)."""
    strategy = Strategy.objects.select_related("city", "presented_at_event", "previous").filter(pk=pk).first()
    if strategy is None:
        raise Http404
    access = strategy_access(user, strategy)
    if not access.read:
        raise Http404
    if write and not access.write:
        raise PermissionDenied
    if data and not access.data:
        raise PermissionDenied
    return strategy


# --------------------------------------------------------------------------------------------- lists


def city_strategies(city_id: int) -> QuerySet[Strategy]:
    return Strategy.objects.filter(city_id=city_id).select_related("city").order_by("-created")


def strategy_rows(user: Any, *, city_slug: str = "", status: str = "") -> list[Strategy]:
    qs = strategies_visible_to(user).annotate(
        n_results=Count("results", distinct=True), n_indicators=Count("results__indicators", distinct=True)
    )
    if city_slug:
        qs = qs.filter(city__slug=city_slug)
    if status:
        qs = qs.filter(status=status)
    return list(qs.order_by("city__name", "-created"))


def strategy_history(strategy: Strategy) -> list[HistoryEntry]:
    return history_entries(strategy)


def cities_for_new_strategy(user: Any) -> QuerySet[City]:
    roles = user_roles_summary(user)
    qs = City.objects.order_by("name")
    if roles.secretariat:
        return qs
    return qs.filter(pk__in=roles.coordinated_city_ids)


# --------------------------------------------------------------------------------------------- series


def x_of(day: datetime.date) -> float:
    """A period's place on the x axis: its start as a decimal year."""
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


@dataclass
class SeriesView:
    """A series (an indicator's or a measure's) with everything the scorecard and the chart show."""

    owner: Indicator | PerformanceMeasure
    polarity: str
    points: list[DataPoint]
    targets: list[Target]
    curve: curves.Forecast
    row: curves.ScorecardRow
    baseline_index: int
    overridden: bool = False
    history_points: list[curves.Point] = field(default_factory=list)

    @property
    def target_by_label(self) -> dict[str, float]:
        return {t.period_label: t.value for t in self.targets}

    @property
    def forecast_rows(self) -> list[tuple[str, float, float, float]]:
        return [(p.label, p.value, p.lower, p.upper) for p in self.curve.points]


def _future_positions(
    points: list[DataPoint], targets: list[Target], n_future: int = 2
) -> list[tuple[float, str]]:
    """Where the forecast is drawn: every period with a figure or a target, and `n_future` more periods at the
    series' usual spacing after the last one (labelled by their start year)."""
    seen: dict[str, float] = {}
    for p in points:
        seen.setdefault(p.period_label, x_of(p.period_start))
    for t in targets:
        seen.setdefault(t.period_label, x_of(t.period_start))
    if len(points) >= 2 and n_future:
        xs = sorted(x_of(p.period_start) for p in points)
        steps = sorted(b - a for a, b in itertools.pairwise(xs))
        step = steps[len(steps) // 2] or 1.0
        last = max(seen.values())
        for i in range(1, n_future + 1):
            x = last + i * step
            label = f"{math.floor(x + 1e-6)}"
            if label not in seen:
                seen[label] = x
    return sorted(((x, label) for label, x in seen.items()), key=lambda item: item[0])


def series_view(
    owner: Indicator | PerformanceMeasure,
    points: list[DataPoint],
    targets: list[Target],
    *,
    starts_on: datetime.date | None,
) -> SeriesView:
    polarity = owner.polarity
    cpoints = [curves.Point(x_of(p.period_start), p.period_label, p.value) for p in points]
    baseline = curves.default_baseline_index([p.x for p in cpoints], x_of(starts_on) if starts_on else None)
    history = cpoints[: baseline + 1]
    override = getattr(owner, "forecast_override", None) or {}
    if override:
        where = {label: x for x, label in _future_positions(points, targets)}
        forecast_points = [
            curves.ForecastPoint(where[label], label, float(value), float(value), float(value))
            for label, value in override.items()
            if label in where
        ]
        forecast_points.sort(key=lambda p: p.x)
        curve = curves.Forecast(enough=True, points=forecast_points, history_size=len(history))
    else:
        after = [
            (x, label) for x, label in _future_positions(points, targets) if not history or x > history[-1].x
        ]
        curve = curves.forecast(history, after)
    row = curves.scorecard_row(
        cpoints,
        polarity=polarity,
        targets={t.period_label: t.value for t in targets},
        curve=curve,
        baseline_index=baseline,
    )
    return SeriesView(owner, polarity, points, targets, curve, row, baseline, bool(override), history)


@dataclass
class IndicatorView:
    indicator: Indicator
    series: SeriesView
    actions: list[Action]
    chart: Any = None  # the SVG chart, drawn by the pages that show it


@dataclass
class ResultView:
    result: Result
    indicators: list[IndicatorView]


@dataclass
class MeasureView:
    measure: PerformanceMeasure
    series: SeriesView


@dataclass
class ProgrammeView:
    programme: Programme
    quadrants: list[tuple[str, Any, list[MeasureView]]]  # (quadrant, its question, its measures)


def _points_by(
    owner_field: str, ids: list[int]
) -> tuple[dict[int, list[DataPoint]], dict[int, list[Target]]]:
    points: dict[int, list[DataPoint]] = defaultdict(list)
    targets: dict[int, list[Target]] = defaultdict(list)
    if ids:
        for p in DataPoint.objects.filter(**{f"{owner_field}__in": ids}).order_by("period_start", "pk"):
            points[getattr(p, f"{owner_field}_id")].append(p)
        for t in Target.objects.filter(**{f"{owner_field}__in": ids}).order_by("period_start", "pk"):
            targets[getattr(t, f"{owner_field}_id")].append(t)
    return points, targets


def result_views(strategy: Strategy, *, result_id: int | None = None) -> list[ResultView]:
    """The strategy's results, each with its indicators' series and forecasts (a fixed number of queries)."""
    results = list(
        Result.objects.filter(strategy=strategy, **({"pk": result_id} if result_id else {})).prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")),
            Prefetch(
                "indicators__actions",
                queryset=Action.objects.select_related("owner")
                .prefetch_related("updates")
                .order_by("due_on", "pk"),
            ),
            "indicators__practices",
        )
    )
    ids = [i.pk for r in results for i in r.indicators.all()]
    points, targets = _points_by("indicator", ids)
    start = strategy.starts_on or strategy.validated_on
    return [
        ResultView(
            r,
            [
                IndicatorView(
                    i, series_view(i, points[i.pk], targets[i.pk], starts_on=start), list(i.actions.all())
                )
                for i in r.indicators.all()
            ],
        )
        for r in results
    ]


def programme_views(strategy: Strategy) -> list[ProgrammeView]:
    programmes = list(
        Programme.objects.filter(strategy=strategy).prefetch_related(
            Prefetch("measures", queryset=PerformanceMeasure.objects.order_by("quadrant", "name"))
        )
    )
    ids = [m.pk for p in programmes for m in p.measures.all()]
    points, targets = _points_by("measure", ids)
    start = strategy.starts_on or strategy.validated_on
    views = []
    for programme in programmes:
        by_quadrant: dict[str, list[MeasureView]] = defaultdict(list)
        for m in programme.measures.all():
            by_quadrant[m.quadrant].append(
                MeasureView(m, series_view(m, points[m.pk], targets[m.pk], starts_on=start))
            )
        views.append(ProgrammeView(programme, [(q, label, by_quadrant[q]) for q, label in Quadrant.choices]))
    return views


def indicator_for_strategy(strategy: Strategy, pk: int) -> Indicator:
    indicator = Indicator.objects.select_related("result").filter(pk=pk, result__strategy=strategy).first()
    if indicator is None:
        raise Http404
    return indicator


def measure_for_strategy(strategy: Strategy, pk: int) -> PerformanceMeasure:
    measure = (
        PerformanceMeasure.objects.select_related("programme")
        .filter(pk=pk, programme__strategy=strategy)
        .first()
    )
    if measure is None:
        raise Http404
    return measure


def indicator_view(strategy: Strategy, indicator: Indicator) -> IndicatorView:
    for view in result_views(strategy, result_id=indicator.result_id):
        for iv in view.indicators:
            if iv.indicator.pk == indicator.pk:
                return iv
    raise Http404


# --------------------------------------------------------------------------------------------- reminders


def open_actions_due(until: datetime.date) -> QuerySet[Action]:
    """Open actions (planned, in progress, late) of strategies in force due on or before `until`."""
    return (
        Action.objects.filter(
            status__in=OPEN_ACTION_STATUSES,
            due_on__isnull=False,
            due_on__lte=until,
            indicator__result__strategy__status__in=ACTIVE_STATUSES,
        )
        .select_related("owner", "indicator__result__strategy__city")
        .order_by("due_on", "pk")
    )


ACTIVE_STATUSES = (StrategyStatus.VALIDATED, StrategyStatus.PRESENTED, StrategyStatus.IMPLEMENTING)


@dataclass(frozen=True)
class MissingData:
    strategy_id: int
    city_id: int
    city_name: str
    key: str  # "m<pk>" or "i<pk>"
    series: Indicator | PerformanceMeasure
    period_label: str
    period_start: datetime.date


def missing_data(city_ids: set[int] | None = None) -> list[MissingData]:
    """Per strategy in force, the series (performance measures, and indicators the city types in) without a
    figure for the strategy's latest period (the newest period any of its series has). Four queries."""
    strategies = Strategy.objects.filter(status__in=ACTIVE_STATUSES).select_related("city")
    if city_ids is not None:
        strategies = strategies.filter(city_id__in=city_ids)
    by_id = {s.pk: s for s in strategies}
    if not by_id:
        return []
    measures = list(
        PerformanceMeasure.objects.filter(programme__strategy_id__in=by_id).select_related("programme")
    )
    indicators = list(
        Indicator.objects.filter(result__strategy_id__in=by_id, source_kind=SourceKind.OWN).select_related(
            "result"
        )
    )
    rows = DataPoint.objects.filter(
        Q(measure__programme__strategy_id__in=by_id) | Q(indicator__result__strategy_id__in=by_id)
    ).values_list(
        "measure_id",
        "measure__programme__strategy_id",
        "indicator_id",
        "indicator__result__strategy_id",
        "period_start",
        "period_label",
    )
    latest: dict[int, tuple[datetime.date, str]] = {}
    has: set[tuple[str, datetime.date]] = set()
    for measure_id, m_strategy, indicator_id, i_strategy, start, label in rows:
        strategy_id = m_strategy or i_strategy
        if strategy_id not in latest or start > latest[strategy_id][0]:
            latest[strategy_id] = (start, label)
        has.add((f"m{measure_id}" if measure_id else f"i{indicator_id}", start))
    items: list[MissingData] = []
    series: list[tuple[str, int, Indicator | PerformanceMeasure]] = [
        *((f"m{m.pk}", m.programme.strategy_id, m) for m in measures),
        *((f"i{i.pk}", i.result.strategy_id, i) for i in indicators),
    ]
    for key, strategy_id, obj in series:
        if strategy_id not in latest:
            continue
        start, label = latest[strategy_id]
        if (key, start) not in has:
            strategy = by_id[strategy_id]
            items.append(
                MissingData(strategy_id, strategy.city_id, strategy.city.name, key, obj, label, start)
            )
    return items
