"""Where the programme's numbers come from: a registry of source keys, each a function returning the dated
records behind a number (icc.programme.progress.Record), and of warning indicators and gender populations.

Each source reads another app through that app's selectors where one gives the records (experts' coverage,
clusters' public clusters and labs, practices' public briefs and innovations); where the app has no selector
for it yet (member cities over time, national networks' founding years, candidates, feedback scores), it reads
the app's public QuerySets read-only here, in this one module, so that a selector can replace each later.

The initiation course (icc.learning), the policy tools (icc.policytools) and the impact study (icc.impact) are
written at the same time by other engineers: their functions are imported lazily, and a source whose app or
function does not exist yet raises NoSource, which the pages show as "no source yet" rather than a zero.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from icc.core.gender import GENDERS, GenderBalance, GenderCell, gender_balance
from icc.programme.progress import Record


class NoSource(Exception):
    """The app or function behind a source does not exist (yet)."""


@dataclass(frozen=True)
class SourceResult:
    records: list[Record]
    total: int | None = None  # a denominator: the value is then a percentage of it


@dataclass(frozen=True)
class Source:
    key: str
    label: Promise
    fetch: Callable[[], SourceResult]


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _lazy(module: str, function: str) -> Callable[..., Any]:
    """A function of an app that may not exist yet (see the module notes)."""
    try:
        found = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError) as exc:
        raise NoSource(f"{module}.{function}") from exc
    if not callable(found):
        raise NoSource(f"{module}.{function}")
    return found


# ------------------------------------------------------------------------------------------------ sources


def members() -> SourceResult:
    """Member cities over time: from their membership day; a withdrawn city stops counting on the day it
    withdrew (as icc.network.selectors.expansion.was_member_on)."""
    from icc.network.models import City, CityStatus
    from icc.network.selectors.expansion import MEMBER_STATUSES

    records = []
    for city in City.objects.filter(member_since__isnull=False).order_by("member_since", "name"):
        if city.status in MEMBER_STATUSES:
            until = None
        elif city.status == CityStatus.WITHDRAWN:
            until = city.status_since
        else:
            continue
        assert city.member_since is not None
        records.append(Record(city.member_since, city.name, _url("network:city_detail", city.slug), until))
    return SourceResult(records)


def new_networks() -> SourceResult:
    """National networks by the year they were founded (counted from 1 January of that year)."""
    from icc.network.models import NationalNetwork

    return SourceResult(
        [
            Record(datetime.date(n.founded, 1, 1), n.name, _url("network:network_detail", n.slug))
            for n in NationalNetwork.objects.filter(founded__isnull=False).order_by("founded", "name")
            if n.founded
        ]
    )


def network_visits() -> SourceResult:
    """National networks' member cities with an expert visit done (icc.experts coverage), as a percentage of
    all their member cities."""
    from icc.experts.selectors.work import coverage

    records: list[Record] = []
    total = 0
    for entry in coverage():
        total += entry.members
        for row in entry.visited:
            if row.visited_on is not None:
                records.append(
                    Record(
                        row.visited_on,
                        f"{row.city.name} ({entry.network.name})",
                        _url("network:city_detail", row.city.slug),
                    )
                )
    return SourceResult(records, total=total)


def anti_rumour() -> SourceResult:
    """New cities running the anti-rumour approach (icc.practices innovations: initiated or later, from the
    innovation's counting day)."""
    from icc.practices.innovations import is_new_adopter
    from icc.practices.models import Innovation

    innovation = Innovation.objects.filter(key="anti-rumour").first()
    if innovation is None:
        return SourceResult([])
    records = []
    for adoption in innovation.adoptions.select_related("city").order_by("pk"):
        if is_new_adopter(adoption, innovation.counts_from) and adoption.started_on is not None:
            records.append(
                Record(
                    adoption.started_on, adoption.city.name, _url("network:city_detail", adoption.city.slug)
                )
            )
    return SourceResult(records)


def clusters() -> SourceResult:
    """Learning clusters launched (running or completed), by their start."""
    from icc.clusters.selectors import public_clusters

    return SourceResult(
        [Record(c.starts_on, c.title, _url("clusters:cluster_detail", c.pk)) for c in public_clusters()]
    )


def policy_lab() -> SourceResult:
    """Policy lab cohorts, from 1 January of their first year."""
    from icc.clusters.selectors import labs

    return SourceResult(
        [
            Record(datetime.date(lab.first_year, 1, 1), lab.title, _url("clusters:lab_detail", lab.pk))
            for lab in labs()
        ]
    )


def policy_briefs() -> SourceResult:
    """Policy briefs published (icc.practices)."""
    from icc.practices.briefs import public_briefs

    return SourceResult(
        [
            Record(_day(b.published_at), b.title_en or b.title_fr, _url("practices:brief_detail", b.pk))
            for b in public_briefs()
            if b.published_at is not None
        ]
    )


def _milestone(module: str, function: str, label: Promise) -> SourceResult:
    day = _lazy(module, function)()
    return SourceResult([Record(day, str(label))] if day else [])


def course_ready() -> SourceResult:
    return _milestone(
        "icc.learning.selectors", "course_first_published_on", _("Initiation course first published")
    )


def tools_piloted() -> SourceResult:
    return _milestone(
        "icc.policytools.selectors",
        "first_completed_assessment_on",
        _("First policy self-assessment completed"),
    )


def impact_study() -> SourceResult:
    return _milestone("icc.impact.selectors", "impact_study_published_on", _("Impact study published"))


SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source("members", _("member cities"), members),
        Source("new_networks", _("national networks founded"), new_networks),
        Source("network_visits", _("national network members with an expert visit"), network_visits),
        Source("anti_rumour", _("new cities running the anti-rumour approach"), anti_rumour),
        Source("clusters", _("learning clusters launched"), clusters),
        Source("policy_lab", _("policy lab launched"), policy_lab),
        Source("policy_briefs", _("policy briefs published"), policy_briefs),
        Source("course", _("initiation course ready"), course_ready),
        Source("policy_tools", _("policy tools piloted"), tools_piloted),
        Source("impact_study", _("impact study published"), impact_study),
    )
}


def source_choices() -> list[tuple[str, str]]:
    return [(key, str(source.label)) for key, source in SOURCES.items()]


def fetch(key: str) -> SourceResult:
    """The records of a source; NoSource for an unknown key or a source whose app does not exist yet."""
    source = SOURCES.get(key)
    if source is None:
        raise NoSource(key)
    return source.fetch()


# --------------------------------------------------------------------------------------- warning indicators


def pipeline_vs_cap() -> float | None:
    """Candidate cities in the pipeline per admission allowed in a quarter (the cap)."""
    from icc.network.models import City, CityStatus
    from icc.network.selectors.access import network_settings

    cap = network_settings().admissions_per_quarter_cap
    candidates = City.objects.filter(status=CityStatus.CANDIDATE).count()
    return round(candidates / cap, 2) if cap else None


def experts_per_visit() -> float | None:
    """Active experts per visit planned or confirmed from today on."""
    from icc.experts.models import Assignment, AssignmentStatus, Expert, ExpertStatus

    planned = Assignment.objects.filter(
        status__in=(AssignmentStatus.PLANNED, AssignmentStatus.CONFIRMED), ends_on__gte=timezone.localdate()
    ).count()
    if not planned:
        return None
    return round(Expert.objects.filter(status=ExpertStatus.ACTIVE).count() / planned, 2)


def no_added_value() -> float | None:
    """Share (%) of events' feedback of the last twelve months scoring usefulness 1 or 2 ("no added
    value")."""
    from icc.activities.models import Feedback

    since = timezone.now() - datetime.timedelta(days=365)
    answers = Feedback.objects.filter(created__gte=since)
    total = answers.count()
    if not total:
        return None
    return round(100 * answers.filter(usefulness__lte=2).count() / total, 1)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Promise
    compute: Callable[[], float | None]


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator("pipeline_vs_cap", _("candidate cities per quarterly admission allowed"), pipeline_vs_cap),
        Indicator("experts_per_visit", _("active experts per planned visit"), experts_per_visit),
        Indicator("no_added_value", _("events' feedback of no added value (%)"), no_added_value),
    )
}


def indicator_choices() -> list[tuple[str, str]]:
    return [(key, str(indicator.label)) for key, indicator in INDICATORS.items()]


# ------------------------------------------------------------------------------------------ gender figures


def _combine(balances: list[GenderBalance]) -> GenderBalance:
    return GenderBalance(cells=tuple(GenderCell(g, sum(b.count(g) for b in balances)) for g in GENDERS))


def gender_of(population: str) -> GenderBalance:
    """The gender balance of a population (GenderPopulation), one value per person, through
    icc.core.gender."""
    if population == "experts":
        from icc.experts.models import Expert, ExpertStatus

        return gender_balance(
            Expert.objects.filter(status=ExpertStatus.ACTIVE).values_list("gender", flat=True)
        )
    if population == "participants":
        from icc.activities.models import Contact, RegistrationStatus

        return gender_balance(
            Contact.objects.filter(registrations__status=RegistrationStatus.REGISTERED)
            .distinct()
            .values_list("gender", flat=True)
        )
    if population == "cluster_members":
        from icc.clusters.selectors import cluster_gender_balance, public_clusters

        return _combine([cluster_gender_balance(c) for c in public_clusters()])
    if population == "lab_members":
        from icc.activities.models import Contact

        return gender_balance(
            Contact.objects.filter(lab_memberships__isnull=False).distinct().values_list("gender", flat=True)
        )
    raise ValueError(population)
