"""Reads of the accession path: the pipeline board, one city's next step, admissions per quarter."""

import datetime
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.core.countries import COE_MEMBER_STATES
from icc.core.history import reason_display
from icc.network.eligibility import Shortfall
from icc.network.models import (
    ACCESSION_ORDER,
    ACCESSION_WORKFLOW,
    NOT_STARTED,
    AccessionStep,
    AccessionStepKind,
    City,
    CityStatus,
)
from icc.network.selectors.access import network_settings

# Members have left the pipeline, withdrawn and suspended cities are not moving along it.
PIPELINE_STATUSES = (CityStatus.ENQUIRY, CityStatus.CANDIDATE)
# The columns of the board: every state a city can wait in before it becomes a member.
PIPELINE_STATES: list[str] = [NOT_STARTED, *ACCESSION_ORDER[:-1]]


def quarter_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    end = (
        datetime.date(day.year + 1, 1, 1)
        if first_month == 10
        else datetime.date(day.year, first_month + 3, 1)
    ) - datetime.timedelta(days=1)
    return start, end


def quarter_label(day: datetime.date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def admissions_in_quarter(day: datetime.date, *, exclude_city_id: int | None = None) -> int:
    """Cities whose membership began in the calendar quarter of `day`."""
    start, end = quarter_bounds(day)
    cities = City.objects.filter(member_since__range=(start, end))
    if exclude_city_id is not None:
        cities = cities.exclude(pk=exclude_city_id)
    return cities.count()


def underrepresented_countries() -> set[str]:
    """Council of Europe member states with fewer member cities than the configured threshold."""
    threshold = network_settings().underrepresented_max_members
    # Suspended members still count, as on the expansion page.
    counts = dict(
        City.objects.filter(status__in=(CityStatus.MEMBER, CityStatus.SUSPENDED))
        .values_list("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    return {code for code in COE_MEMBER_STATES if counts.get(code, 0) < threshold}


def state_from_steps(steps: set[str]) -> str:
    """The last step reached along the path, or NOT_STARTED."""
    state = NOT_STARTED
    for kind in ACCESSION_ORDER:
        if kind in steps:
            state = kind
    return state


def step_label(kind: str) -> str:
    return str(ACCESSION_WORKFLOW.labels[kind])


@dataclass
class PipelineEntry:
    city: City
    since: datetime.date
    days: int
    capital: bool
    underrepresented: bool


@dataclass
class PipelineColumn:
    state: str
    label: str
    next_label: str
    entries: list[PipelineEntry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def median_days(self) -> float | None:
        return statistics.median(e.days for e in self.entries) if self.entries else None

    @property
    def max_days(self) -> int | None:
        return max((e.days for e in self.entries), default=None)


@dataclass
class PipelineBoard:
    columns: list[PipelineColumn]
    today: datetime.date

    @property
    def total(self) -> int:
        return sum(column.count for column in self.columns)


def pipeline_board(*, today: datetime.date | None = None) -> PipelineBoard:
    """Enquiries and candidates by the last accession step they reached, longest waiting first.

    Three queries whatever the size of the register: cities, their steps, members per country.
    """
    today = today or timezone.localdate()
    cities = list(City.objects.filter(status__in=PIPELINE_STATUSES).order_by("name"))
    reached: dict[int, dict[str, datetime.date]] = {city.pk: {} for city in cities}
    for city_id, kind, date in AccessionStep.objects.filter(city__in=[c.pk for c in cities]).values_list(
        "city_id", "step", "date"
    ):
        reached[city_id][kind] = date
    priority_countries = underrepresented_countries()
    columns = {
        state: PipelineColumn(
            state=state,
            label=step_label(state),
            next_label=step_label(ACCESSION_ORDER[PIPELINE_STATES.index(state)]),
        )
        for state in PIPELINE_STATES
    }
    for city in cities:
        steps = reached[city.pk]
        state = state_from_steps(set(steps))
        if state not in columns:  # a "member" step on a city whose status says otherwise: not waiting
            continue
        since = steps.get(state, city.status_since)
        columns[state].entries.append(
            PipelineEntry(
                city=city,
                since=since,
                days=max((today - since).days, 0),
                capital=city.is_capital,
                underrepresented=city.country in priority_countries,
            )
        )
    for column in columns.values():
        column.entries.sort(key=lambda entry: (-entry.days, entry.city.name))
    return PipelineBoard(columns=[columns[state] for state in PIPELINE_STATES], today=today)


@dataclass
class AccessionOverview:
    """What the page for recording a city's next step needs to know."""

    city: City
    steps: list[AccessionStep]
    state: str
    next_step: str | None  # None when nothing can be recorded now
    blocked_reason: str
    shortfalls: list[Shortfall]
    cap: int
    admitted_this_quarter: int
    today: datetime.date
    # historical records of the city's steps, newest first (removals included), each with its `reason`
    # in the reader's language
    changes: list[Any]

    @property
    def last_step(self) -> AccessionStep | None:
        return self.steps[-1] if self.steps else None

    @property
    def next_label(self) -> str:
        return step_label(self.next_step) if self.next_step else ""

    @property
    def is_member_step(self) -> bool:
        return self.next_step == AccessionStepKind.MEMBER

    @property
    def over_cap_today(self) -> bool:
        return self.is_member_step and self.admitted_this_quarter + 1 > self.cap

    @property
    def quarter(self) -> str:
        return quarter_label(self.today)


def accession_blocked_reason(city: City, state: str) -> str:
    """Why no step can be recorded for the city now, or "" when the next step may be recorded."""
    if state == AccessionStepKind.MEMBER:
        return _("The accession path is complete.")
    if state == NOT_STARTED:
        if city.status in (CityStatus.ENQUIRY, CityStatus.WITHDRAWN, CityStatus.CANDIDATE):
            return ""
    elif city.status == CityStatus.CANDIDATE:
        return ""
    return _(
        "%(city)s is “%(status)s”; accession steps are recorded for enquiries and candidates. "
        "Change its status first."
    ) % {"city": city, "status": city.get_status_display()}


def _with_reasons(records: Any) -> list[Any]:
    changes = list(records)
    for change in changes:
        change.reason = reason_display(change.history_change_reason)
    return changes


def accession_overview(city: City, *, today: datetime.date | None = None) -> AccessionOverview:
    from icc.network.services.cities import city_eligibility

    today = today or timezone.localdate()
    steps = sorted(
        AccessionStep.objects.filter(city=city).select_related("recorded_by").prefetch_related("documents"),
        key=lambda step: ACCESSION_ORDER.index(step.step),
    )
    state = state_from_steps({step.step for step in steps})
    blocked = accession_blocked_reason(city, state)
    next_step = (
        None
        if blocked
        else ACCESSION_ORDER[ACCESSION_ORDER.index(state) + 1 if state in ACCESSION_ORDER else 0]
    )
    is_member = next_step == AccessionStepKind.MEMBER
    return AccessionOverview(
        city=city,
        steps=steps,
        state=state,
        next_step=next_step,
        blocked_reason=blocked,
        shortfalls=city_eligibility(city) if is_member else [],
        cap=network_settings().admissions_per_quarter_cap,
        admitted_this_quarter=admissions_in_quarter(today, exclude_city_id=city.pk) if is_member else 0,
        today=today,
        changes=_with_reasons(
            AccessionStep.history.filter(city_id=city.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:50]
        ),
    )
