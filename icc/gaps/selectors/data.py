"""Reads of a city's gap data as entered or imported (its figures, groups and files), for the data pages,
the "needs you" list and the API. The computed gaps are read by the reading pages' own selectors."""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from icc.gaps.models import (
    GapGroup,
    GapImport,
    GapResult,
    ImportStatus,
    Indicator,
    Observation,
    Role,
    period_end_year,
    period_sort_key,
)
from icc.network.models import City


@dataclass
class FigureSet:
    """One indicator and period of the city: the reference group's figure first, then the focal ones."""

    indicator: Indicator
    period: str
    reference: Observation | None
    focal: list[Observation] = field(default_factory=list)

    @property
    def observations(self) -> list[Observation]:
        return ([self.reference] if self.reference else []) + self.focal


@dataclass
class CityDataOverview:
    groups: list[GapGroup]
    figure_sets: list[FigureSet]
    imports: list[GapImport]
    newest_period: str | None

    @property
    def observation_count(self) -> int:
        return sum(len(figure_set.observations) for figure_set in self.figure_sets)


def city_figure_sets(city: City) -> list[FigureSet]:
    """The city's figures by indicator (catalogue order) and period (newest first). Three queries."""
    sets: dict[tuple[int, str], FigureSet] = {}
    observations = (
        Observation.objects.filter(city=city)
        .select_related("indicator", "group")
        .order_by("indicator__order", "role", "group__name")
    )
    for observation in observations:
        key = (observation.indicator_id, observation.period)
        figure_set = sets.setdefault(key, FigureSet(observation.indicator, observation.period, None))
        if observation.role == Role.REFERENCE:
            figure_set.reference = observation
        else:
            figure_set.focal.append(observation)
    by_period = sorted(sets.values(), key=lambda item: period_sort_key(item.period), reverse=True)
    return sorted(by_period, key=lambda item: item.indicator.order)


def city_data_overview(city: City) -> CityDataOverview:
    figure_sets = city_figure_sets(city)
    periods = {figure_set.period for figure_set in figure_sets}
    return CityDataOverview(
        groups=list(GapGroup.objects.filter(city=city).order_by("name")),
        figure_sets=figure_sets,
        imports=list(GapImport.objects.filter(city=city).select_related("uploaded_by")[:10]),
        newest_period=max(periods, key=period_sort_key) if periods else None,
    )


def newest_period_years(city_ids: set[int]) -> dict[int, int]:
    """Per city, the last year of its newest period with figures (one query)."""
    newest: dict[int, int] = {}
    rows = Observation.objects.filter(city_id__in=city_ids).values_list("city_id", "period").distinct()
    for city_id, period in rows:
        year = period_end_year(period)
        if year is not None and year > newest.get(city_id, 0):
            newest[city_id] = year
    return newest


def waiting_failed_imports(city_ids: set[int]) -> QuerySet[GapImport]:
    """The cities' files whose dry run failed and that no later file replaced."""
    return GapImport.objects.filter(city_id__in=city_ids, status=ImportStatus.HAS_ERRORS).select_related(
        "city"
    )


def city_results(city: City) -> QuerySet[GapResult]:
    """The city's stored gaps (every record, suppressed and missing ones included), catalogue order."""
    return (
        GapResult.objects.filter(city=city)
        .select_related("indicator", "focal", "reference")
        .order_by("indicator__order", "period", "focal__key")
    )


def is_stale(year: int, today: datetime.date, *, years: int = 2) -> bool:
    """Data whose newest period ended more than `years` years before this year."""
    return today.year - year > years


@dataclass(frozen=True)
class FigureChange:
    """One change of one of the city's figures, as its history recorded it (deletions included)."""

    when: datetime.datetime
    who: str
    action: str
    reason: str
    indicator: str
    period: str
    group: str
    role: str
    figure: str  # "472 / 812", or why the figure is missing


def city_figure_history(city: City, limit: int = 200) -> list[FigureChange]:
    """The latest changes of the city's figures, newest first: who entered, imported or deleted what. One
    query."""
    from django.utils.translation import gettext as _

    from icc.core.history import reason_display
    from icc.gaps.models import MissingReason

    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    records = (
        Observation.history.filter(city_id=city.pk)
        .select_related("history_user", "indicator", "group")
        .order_by("-history_date", "-history_id")[:limit]
    )
    changes = []
    for record in records:
        if record.missing_reason:
            figure = str(MissingReason(record.missing_reason).label)
        else:
            figure = f"{record.numerator} / {record.denominator}"
        changes.append(
            FigureChange(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else _("the system"),
                action=str(actions.get(record.history_type, record.history_type)),
                reason=reason_display(record.history_change_reason),
                indicator=str(record.indicator) if record.indicator_id else "–",
                period=record.period,
                group=str(record.group) if record.group_id else "–",
                role=str(Role(record.role).label),
                figure=figure,
            )
        )
    return changes
