"""Reads about expert work: who may see an assignment, the lists and pages, suggestions, date clashes, open
calls, calendars, expense totals and the coverage of national network members.

Access is decided here, once per resource: `require_secretariat`, `own_expert` (icc.experts.selectors.pool),
`get_assignment_for_secretariat`, `get_member_for_expert`, `get_claim_for_user`."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from babel.languages import get_official_languages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from icc.accounts.rules import is_secretariat as is_secretariat
from icc.accounts.rules import require_secretariat as require_secretariat
from icc.accounts.selectors import user_roles_summary
from icc.core.countries import country_name
from icc.experts import suggest as ranking
from icc.experts.models import (
    SPEAKING_LEVELS,
    Assignment,
    AssignmentExpert,
    AssignmentStatus,
    CalendarKey,
    CallInterest,
    ClaimStatus,
    ExpenseClaim,
    Expert,
    Gender,
    WorkKind,
)
from icc.experts.selectors.pool import language_name, own_expert
from icc.network.models import City, CityStatus, NationalNetwork

FIRST_VISIT = "first_visit"
NETWORK_MEMBER_REVIEW = "network_member_review"
# The kinds of work that count as "an expert visit" for a national network member (the coverage page).
COVERAGE_KINDS = (FIRST_VISIT, NETWORK_MEMBER_REVIEW)
LIVE = ~Q(status=AssignmentStatus.CANCELLED)

# ------------------------------------------------------------------------------------------------ access


def require_expert(user: Any) -> Expert:
    expert = own_expert(user)
    if expert is None:
        raise PermissionDenied
    return expert


def get_assignment_for_secretariat(user: Any, pk: int) -> Assignment:
    require_secretariat(user)
    return get_object_or_404(
        Assignment.objects.select_related("kind", "city", "national_network", "created_by"), pk=pk
    )


def get_member_for_expert(user: Any, pk: int) -> AssignmentExpert:
    """One place on a team, for the expert who holds it (404 for anyone else, even the secretariat: the
    declaration and the claim are the expert's own words)."""
    expert = require_expert(user)
    return get_object_or_404(
        AssignmentExpert.objects.select_related("assignment__kind", "assignment__city", "expert"),
        pk=pk,
        expert=expert,
    )


def get_claim_for_user(user: Any, pk: int) -> ExpenseClaim:
    """A claim: the secretariat reads every claim, an expert their own; nobody else learns it exists."""
    claim = get_object_or_404(
        ExpenseClaim.objects.select_related(
            "assignment_expert__assignment__kind", "assignment_expert__expert", "decided_by"
        ).prefetch_related("receipts"),
        pk=pk,
    )
    if user_roles_summary(user).secretariat:
        return claim
    expert = own_expert(user)
    if expert is None or claim.assignment_expert.expert_id != expert.pk:
        raise Http404
    return claim


# ------------------------------------------------------------------------------------------- words


def country_languages(country: str) -> tuple[str, ...]:
    """The official languages of a country (CLDR, through babel), most used first, as ISO 639-1 codes: the
    languages the ranking looks for in a city of that country."""
    codes = get_official_languages((country or "").upper()) if country else ()
    return tuple(dict.fromkeys(code for code in codes if len(code) == 2))


@cache
def _area_titles(language: str) -> dict[str, str]:
    from icc.index.models import Questionnaire
    from icc.index.structure import structure_of

    titles: dict[str, str] = {}
    # Newest version last, so that its titles win for the areas both versions have.
    for questionnaire in reversed(list(Questionnaire.objects.order_by("-published", "key"))):
        for area in structure_of(questionnaire).areas:
            titles[area.id] = area.title(language)
    return titles


def area_title(key: str) -> str:
    return _area_titles((get_language() or "en").split("-")[0]).get(key, key.replace("_", " "))


def forget_area_titles() -> None:
    _area_titles.cache_clear()


def reason_text(reason: ranking.Reason) -> str:
    """A suggestion's reason in the reader's language."""
    items = reason.items
    if reason.code == ranking.INTERESTED_AVAILABLE:
        return _("said they are interested and available")
    if reason.code == ranking.INTERESTED_UNAVAILABLE:
        return _("interested, but not available on these dates")
    if reason.code == ranking.SPEAKS:
        return _("speaks %(languages)s") % {"languages": ", ".join(language_name(c) for c in items)}
    if reason.code == ranking.NO_SHARED_LANGUAGE:
        return _("speaks none of the city's languages")
    if reason.code == ranking.WEAK_AREAS:
        return _("expertise in the city's weak areas: %(areas)s") % {
            "areas": ", ".join(area_title(a) for a in items)
        }
    if reason.code == ranking.BALANCES_GENDER:
        return _("a woman on a team of men") if items == ("woman",) else _("a man on a team of women")
    if reason.code == ranking.WORKLOAD:
        count = reason.count or 0
        if not count:
            return _("no other work this year")
        return ngettext("%(n)s piece of work this year", "%(n)s pieces of work this year", count) % {
            "n": count
        }
    if reason.code == ranking.DATE_CLASH:
        return _("already assigned elsewhere on these dates")
    if reason.code == ranking.SAME_COUNTRY:
        return _("lives in %(country)s, the city's country: not on a first visit (conflict of interest)") % {
            "country": country_name(items[0]) if items else ""
        }
    return reason.code


# ------------------------------------------------------------------------------------------ clashes


def overlapping(start: datetime.date, end: datetime.date) -> Q:
    """Assignments whose dates overlap [start, end] (both days included)."""
    return Q(assignment__starts_on__lte=end, assignment__ends_on__gte=start)


@dataclass(frozen=True)
class Clash:
    expert: Expert
    other: Assignment


def clashes_for(assignment: Assignment, expert_ids: Iterable[int] | None = None) -> list[Clash]:
    """The team's (or the given experts') other live assignments whose dates overlap this one's."""
    ids = (
        list(expert_ids)
        if expert_ids is not None
        else list(assignment.team.values_list("expert_id", flat=True))
    )
    if not ids:
        return []
    rows = (
        AssignmentExpert.objects.filter(
            overlapping(assignment.starts_on, assignment.ends_on), expert_id__in=ids
        )
        .exclude(assignment=assignment)
        .exclude(assignment__status=AssignmentStatus.CANCELLED)
        .select_related("expert", "assignment")
        .order_by("assignment__starts_on", "expert__full_name")
    )
    return [Clash(expert=row.expert, other=row.assignment) for row in rows]


# --------------------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class SuggestionRow:
    rank: int
    expert: Expert
    reasons: list[str]
    interested: bool
    available: bool
    clashes: bool


@dataclass(frozen=True)
class ExcludedRow:
    expert: Expert
    reason: str


@dataclass
class SuggestionPage:
    rows: list[SuggestionRow]
    excluded: list[ExcludedRow]
    languages: list[str]  # the city's languages, named
    weak_areas: list[str]  # titles


def latest_area_scores(city: City | None) -> dict[str, float | None]:
    """The city's area scores in its latest validated, scored Index response; empty without one."""
    if city is None:
        return {}
    from icc.index.models import ResponseScore, ResponseStatus

    stored = (
        ResponseScore.objects.filter(response__city=city, response__status=ResponseStatus.VALIDATED)
        .order_by("-response__round__opens_on", "-response__round_id")
        .first()
    )
    if stored is None:
        return {}
    areas = stored.scores.get("areas") or {}
    return {str(k): (float(v) if v is not None else None) for k, v in areas.items()}


def _work_country(assignment: Assignment) -> str:
    if assignment.city is not None:
        return assignment.city.country
    if assignment.national_network is not None:
        return assignment.national_network.country
    return ""


def suggestion_inputs(
    assignment: Assignment,
) -> tuple[ranking.Work, list[ranking.Candidate], dict[int, Expert]]:
    """The plain data the pure ranking takes, read in a fixed number of queries."""
    year = assignment.starts_on.year
    team = list(assignment.team.select_related("expert"))
    country = _work_country(assignment)
    work = ranking.Work(
        kind=assignment.kind.key,
        country=country,
        languages=country_languages(country),
        area_scores=latest_area_scores(assignment.city),
        team_genders=tuple(member.expert.gender or Gender.NOT_GIVEN for member in team),
        team_ids=frozenset(member.expert_id for member in team),
    )
    experts = list(
        Expert.objects.active()
        .not_erased()
        .prefetch_related("languages", "expertise")
        .annotate(
            this_year=Count(
                "assignments",
                filter=Q(assignments__assignment__starts_on__year=year)
                & ~Q(assignments__assignment__status=AssignmentStatus.CANCELLED)
                & ~Q(assignments__assignment=assignment),
                distinct=True,
            )
        )
    )
    interests = {i.expert_id: i for i in CallInterest.objects.filter(assignment=assignment)}
    busy = {clash.expert.pk for clash in clashes_for(assignment, expert_ids=[e.pk for e in experts])}
    candidates = []
    for expert in experts:
        interest = interests.get(expert.pk)
        candidates.append(
            ranking.Candidate(
                expert_id=expert.pk,
                name=expert.full_name,
                country=expert.country,
                gender=expert.gender or Gender.NOT_GIVEN,
                languages=frozenset(
                    lang.language for lang in expert.languages.all() if lang.level in SPEAKING_LEVELS
                ),
                areas=frozenset(e.area for e in expert.expertise.all() if e.area),
                assignments_this_year=expert.this_year,
                interested=interest is not None,
                available=bool(interest and interest.available),
                clashes=expert.pk in busy,
            )
        )
    return work, candidates, {e.pk: e for e in experts}


def suggestion_page(assignment: Assignment, limit: int = 15) -> SuggestionPage:
    work, candidates, experts = suggestion_inputs(assignment)
    result = ranking.suggest(work, candidates)
    rows = [
        SuggestionRow(
            rank=s.rank,
            expert=experts[s.candidate.expert_id],
            reasons=[reason_text(r) for r in s.reasons],
            interested=s.candidate.interested,
            available=s.candidate.available,
            clashes=s.candidate.clashes,
        )
        for s in result.ranked[:limit]
    ]
    excluded = [ExcludedRow(experts[e.candidate.expert_id], reason_text(e.reason)) for e in result.excluded]
    return SuggestionPage(
        rows=rows,
        excluded=excluded,
        languages=[language_name(c) for c in work.languages],
        weak_areas=[area_title(a) for a in result.weak_areas],
    )


# -------------------------------------------------------------------------------------- assignments


def assignment_list(*, status: str = "", kind: str = "", year: int | None = None) -> QuerySet[Assignment]:
    rows = Assignment.objects.select_related("kind", "city", "national_network").prefetch_related(
        Prefetch("team", queryset=AssignmentExpert.objects.select_related("expert").order_by("-lead", "pk"))
    )
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind__key=kind)
    if year:
        rows = rows.filter(starts_on__year=year)
    return rows.order_by("-starts_on", "-pk")


def assignment_years() -> list[int]:
    return sorted({d.year for d in Assignment.objects.dates("starts_on", "year")}, reverse=True)


def work_kinds() -> QuerySet[WorkKind]:
    return WorkKind.objects.order_by("order", "key")


@dataclass
class MemberRow:
    member: AssignmentExpert
    declared: bool
    claims: list[ExpenseClaim]


@dataclass
class AssignmentPage:
    assignment: Assignment
    members: list[MemberRow]
    clashes: list[Clash]
    interests: list[CallInterest]
    missing_declarations: list[Expert]
    has_lead: bool


def assignment_page(assignment: Assignment) -> AssignmentPage:
    members = list(
        assignment.team.select_related("expert").prefetch_related("claims").order_by("-lead", "pk")
    )
    rows = [MemberRow(m, m.conflict_declared_at is not None, list(m.claims.all())) for m in members]
    return AssignmentPage(
        assignment=assignment,
        members=rows,
        clashes=clashes_for(assignment, [m.expert_id for m in members]),
        interests=list(
            CallInterest.objects.filter(assignment=assignment).select_related("expert").order_by("at")
        ),
        missing_declarations=[m.expert for m in members if m.conflict_declared_at is None],
        has_lead=any(m.lead for m in members),
    )


# ---------------------------------------------------------------------------------- an expert's work


def my_work(expert: Expert) -> list[AssignmentExpert]:
    return list(
        AssignmentExpert.objects.filter(expert=expert)
        .select_related("assignment__kind", "assignment__city", "assignment__national_network")
        .prefetch_related("claims")
        .order_by("-assignment__starts_on", "-pk")
    )


def expert_work(expert: Expert) -> list[Assignment]:
    """The work an expert is on, newest first, for their record page: one query, each row with `lead_name`
    (the lead expert's name, or None) and `is_lead` (this expert leads)."""
    lead = AssignmentExpert.objects.filter(assignment=OuterRef("pk"), lead=True)
    return list(
        Assignment.objects.filter(team__expert=expert)
        .select_related("kind", "city", "national_network")
        .annotate(
            lead_name=Subquery(lead.values("expert__full_name")[:1]),
            is_lead=Exists(lead.filter(expert=expert)),
        )
        .order_by("-starts_on", "-pk")
    )


def open_calls(expert: Expert | None = None) -> list[Assignment]:
    """Work published to the pool and not started or cancelled; with the expert's own answer attached."""
    today = timezone.localdate()
    rows = (
        Assignment.objects.filter(open_call=True, ends_on__gte=today)
        .exclude(status__in=[AssignmentStatus.CANCELLED, AssignmentStatus.DONE])
        .select_related("kind", "city", "national_network")
        .annotate(interested=Count("interests", distinct=True))
        .order_by("starts_on", "pk")
    )
    calls: list[Assignment] = list(rows)
    if expert is not None:
        mine = {i.assignment_id: i for i in CallInterest.objects.filter(expert=expert, assignment__in=calls)}
        on_team = set(
            AssignmentExpert.objects.filter(expert=expert, assignment__in=calls).values_list(
                "assignment_id", flat=True
            )
        )
        for call in calls:
            call.my_interest = mine.get(call.pk)  # type: ignore[attr-defined]
            call.on_team = call.pk in on_team  # type: ignore[attr-defined]
    return calls


def claimable(member: AssignmentExpert) -> bool:
    """An expert may claim after the work is done (or its last day passed), unless a claim is already
    waiting or settled; a returned claim may be submitted again."""
    assignment = member.assignment
    finished = assignment.status == AssignmentStatus.DONE or (
        assignment.status == AssignmentStatus.CONFIRMED and assignment.ends_on < timezone.localdate()
    )
    if not finished:
        return False
    return not member.claims.exclude(status=ClaimStatus.RETURNED).exists()


# ------------------------------------------------------------------------------------------ calendars


def calendar_key_holder(token: str) -> Expert | CalendarKey | None:
    """Whose private calendar the key in a feed's address opens: an expert's (their own work), a secretariat
    person's (the calendar of visits, while they are secretariat and their account is active), or nobody."""
    if len(token) < 20:
        return None
    expert = Expert.objects.filter(calendar_token=token, erased_at__isnull=True).first()
    if expert is not None:
        return expert
    key = CalendarKey.objects.filter(calendar_token=token).select_related("user").first()
    if key is None or not key.user.is_active or not user_roles_summary(key.user).secretariat:
        return None
    return key


def expert_calendar_rows(expert: Expert) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(LIVE, team__expert=expert)
        .select_related("kind", "city", "national_network")
        .order_by("starts_on", "pk")
        .distinct()
    )


def visits_calendar_rows(
    start: datetime.date | None = None, end: datetime.date | None = None
) -> QuerySet[Assignment]:
    rows = (
        Assignment.objects.filter(LIVE)
        .select_related("kind", "city", "national_network")
        .prefetch_related(Prefetch("team", queryset=AssignmentExpert.objects.select_related("expert")))
        .order_by("starts_on", "pk")
    )
    if start is not None and end is not None:
        rows = rows.filter(starts_on__lte=end, ends_on__gte=start)
    return rows


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


# ------------------------------------------------------------------------------------------- expenses


@dataclass
class ExpertYearTotal:
    expert: Expert
    year: int
    claims: int
    travel: Decimal
    subsistence: Decimal
    fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.travel + self.subsistence + self.fee


# Approved and corrected claims are what the programme pays; submitted ones wait, returned ones are the
# expert's to resubmit.
SETTLED = (ClaimStatus.APPROVED, ClaimStatus.CORRECTED)


def claims_list(status: str = "") -> QuerySet[ExpenseClaim]:
    rows = ExpenseClaim.objects.select_related(
        "assignment_expert__assignment__kind", "assignment_expert__expert"
    ).order_by("-submitted_at", "-pk")
    return rows.filter(status=status) if status else rows


def expense_totals(year: int | None = None) -> list[ExpertYearTotal]:
    """Settled claims per expert and year (of the work's start), by year (newest first) then name."""
    rows = (
        ExpenseClaim.objects.filter(status__in=SETTLED)
        .values("assignment_expert__expert_id", "assignment_expert__assignment__starts_on__year")
        .annotate(n=Count("pk"), travel=Sum("travel"), subsistence=Sum("subsistence"), fee=Sum("fee"))
        .order_by()
    )
    if year:
        rows = rows.filter(assignment_expert__assignment__starts_on__year=year)
    rows_list = list(rows)
    experts = Expert.objects.in_bulk({r["assignment_expert__expert_id"] for r in rows_list})
    totals = [
        ExpertYearTotal(
            expert=experts[r["assignment_expert__expert_id"]],
            year=r["assignment_expert__assignment__starts_on__year"],
            claims=r["n"],
            travel=r["travel"] or Decimal(0),
            subsistence=r["subsistence"] or Decimal(0),
            fee=r["fee"] or Decimal(0),
        )
        for r in rows_list
    ]
    return sorted(totals, key=lambda t: (-t.year, t.expert.full_name.casefold(), t.expert.pk))


# ------------------------------------------------------------------------------------------- coverage


@dataclass
class CoverageRow:
    city: City
    visited_on: datetime.date | None
    kind: str = ""


@dataclass
class NetworkCoverage:
    network: NationalNetwork
    visited: list[CoverageRow] = field(default_factory=list)
    missing: list[CoverageRow] = field(default_factory=list)

    @property
    def members(self) -> int:
        return len(self.visited) + len(self.missing)

    @property
    def share(self) -> int:
        return round(100 * len(self.visited) / self.members) if self.members else 0


def coverage() -> list[NetworkCoverage]:
    """Per national network, its member cities with the last expert visit done (a first visit or a network
    member review) and the ones never visited (two queries)."""
    members = list(
        City.objects.filter(national_network__isnull=False)
        .exclude(status__in=[CityStatus.WITHDRAWN, CityStatus.ENQUIRY])
        .select_related("national_network")
        .order_by("national_network__name", "name")
    )
    last: dict[int, tuple[datetime.date, str]] = {}
    for done in (
        Assignment.objects.filter(
            status=AssignmentStatus.DONE, kind__key__in=COVERAGE_KINDS, city_id__in=[c.pk for c in members]
        )
        .select_related("kind")
        .order_by("ends_on", "pk")
    ):
        assert done.city_id is not None
        last[done.city_id] = (done.ends_on, str(done.kind))
    by_network: dict[int, NetworkCoverage] = {}
    for city in members:
        network = city.national_network
        assert network is not None
        entry = by_network.setdefault(network.pk, NetworkCoverage(network=network))
        if city.pk in last:
            entry.visited.append(CoverageRow(city, *last[city.pk]))
        else:
            entry.missing.append(CoverageRow(city, None))
    return list(by_network.values())


def live_team_counts(expert_ids: Iterable[int]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for row in (
        AssignmentExpert.objects.filter(expert_id__in=list(expert_ids))
        .exclude(assignment__status=AssignmentStatus.CANCELLED)
        .values("expert_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["expert_id"]] = row["n"]
    return counts


def has_interest(assignment: Assignment) -> Exists:
    return Exists(CallInterest.objects.filter(assignment=OuterRef("pk")))
