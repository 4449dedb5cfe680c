"""Demo expert work: ten years (2017-2026, and the months ahead) of visits and workshops over the demo's
cities, staffed from the demo pool with the platform's own suggestions (icc.experts.suggest), so that the
teams are believable: experts who speak the city's language, never from the city's country on a first
visit, the busiest passed over.

- First visits on the dates the register recorded for the step "expert visit held"; reviews of most members
  of national networks (some never visited, for the coverage page); policy and vision workshops, strategy
  assistance and evaluations, report commentaries and learning-cluster leads.
- Statuses spread: past work done (a few cancelled, with the reason), the coming months planned or
  confirmed; every expert's declaration before confirmation.
- Expense claims in every state: approved, corrected with a reason, returned, waiting for the secretariat.
- An open call with answers, a first visit in progress for a candidate city (Tallinn), and work for the demo
  expert (expert@demo.icc): a declaration to make, a claim to submit, a private calendar address.

Seeded: the same demo every time. Loaded once (nothing is done when any assignment exists).
"""

from __future__ import annotations

import datetime
import random
import secrets
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from icc.core.history import reason, record_change
from icc.experts import suggest as ranking
from icc.experts.models import (
    SPEAKING_LEVELS,
    Assignment,
    AssignmentExpert,
    AssignmentStatus,
    CallInterest,
    ClaimStatus,
    ExpenseClaim,
    Expert,
    ExpertStatus,
    WorkKind,
)
from icc.experts.selectors.work import country_languages
from icc.network.models import AccessionStep, AccessionStepKind, City, CityStatus

SEED = 19_02
FIRST_YEAR = 2017
# The demo's "today": work before it is over, work after it is coming (the demo reads the same any day).
DEMO_TODAY = datetime.date(2026, 11, 16)
DEMO_EXPERT_EMAIL = "expert@demo.icc"
IN_PROGRESS_CITY = "Tallinn"
OPEN_CALL_CITY = "Bergen"
WORKSHOPS = ("policy_workshop", "vision_workshop", "strategy_assistance", "strategy_evaluation")
COE = ["Hélène Marchetti", "Ivan Petrović", "Sarah Keller", "Luca Bianchi"]
CANCEL_REASONS = [
    "The city postponed the visit after the municipal elections.",
    "The lead expert fell ill; the city preferred to wait for the spring.",
    "Travel restrictions.",
]
CORRECTIONS = [
    ("Second-class rail fare, as the rules say.", Decimal("0.80")),
    ("Subsistence is paid at the Council of Europe's daily rate.", Decimal("0.90")),
]
RETURN_REASONS = [
    "The hotel receipt is missing.",
    "The train ticket is for another date: attach the right one.",
]


def _day(rng: random.Random, year: int) -> datetime.date:
    return datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _candidates(
    experts: list[Expert], load: dict[tuple[int, int], int], year: int
) -> list[ranking.Candidate]:
    return [
        ranking.Candidate(
            expert_id=e.pk,
            name=e.full_name,
            country=e.country,
            gender=e.gender or "not_given",
            languages=frozenset(x.language for x in e.languages.all() if x.level in SPEAKING_LEVELS),
            areas=frozenset(x.area for x in e.expertise.all() if x.area),
            assignments_this_year=load[(e.pk, year)],
        )
        for e in experts
    ]


class _Builder:
    def __init__(self, rng: random.Random, experts: list[Expert]) -> None:
        self.rng = rng
        self.experts = experts
        self.by_id = {e.pk: e for e in experts}
        self.load: dict[tuple[int, int], int] = defaultdict(int)
        self.kinds = {k.key: k for k in WorkKind.objects.all()}
        self.members: list[AssignmentExpert] = []

    def team_for(self, kind: str, city: City | None, start: datetime.date, size: int) -> list[Expert]:
        """The platform's suggestions for the work, one of the top few at a time (a person's choice)."""
        chosen: list[Expert] = []
        country = city.country if city is not None else ""
        for _turn in range(size):
            work = ranking.Work(
                kind=kind,
                country=country,
                languages=country_languages(country),
                team_genders=tuple(e.gender or "not_given" for e in chosen),
                team_ids=frozenset(e.pk for e in chosen),
            )
            ranked = ranking.suggest(work, _candidates(self.experts, self.load, start.year)).ranked
            if not ranked:
                break
            pick = self.by_id[self.rng.choice(ranked[:4]).candidate.expert_id]
            chosen.append(pick)
        return chosen

    def add(
        self,
        kind: str,
        city: City | None,
        start: datetime.date,
        *,
        title: str,
        days: int = 2,
        status: str | None = None,
        size: int = 2,
        team: list[Expert] | None = None,
        open_call: bool = False,
    ) -> Assignment:
        rng = self.rng
        if status is None:
            if start < DEMO_TODAY:
                status = AssignmentStatus.CANCELLED if rng.random() < 0.05 else AssignmentStatus.DONE
            else:
                status = AssignmentStatus.CONFIRMED if rng.random() < 0.5 else AssignmentStatus.PLANNED
        fee = Decimal(300 * days * size)
        assignment = Assignment(
            kind=self.kinds[kind],
            city=city,
            title=title,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=days - 1),
            status=status,
            cancel_reason=rng.choice(CANCEL_REASONS) if status == AssignmentStatus.CANCELLED else "",
            coe_representative=rng.choice(COE) if kind != "report_commentary" else "",
            fee_planned=fee,
            expenses_planned=Decimal(450 * size) if kind != "report_commentary" else Decimal(0),
            open_call=open_call,
        )
        record_change(assignment, by=None, reason=reason("experts.demo_data"))
        assignment.save()
        members = team if team is not None else self.team_for(kind, city, start, size)
        for position, expert in enumerate(members):
            declared = status != AssignmentStatus.PLANNED or rng.random() < 0.5
            member = AssignmentExpert(
                assignment=assignment,
                expert=expert,
                lead=position == 0,
                conflict_declared_at=timezone.make_aware(
                    datetime.datetime.combine(start - datetime.timedelta(days=30), datetime.time(10))
                )
                if declared
                else None,
                conflict_statement=""
                if rng.random() < 0.9
                else "I took part in a city conference in 2015 as a paid speaker.",
            )
            record_change(member, by=None, reason=reason("experts.demo_data"))
            member.save()
            self.load[(expert.pk, start.year)] += 1
            self.members.append(member)
        return assignment


def _claims(rng: random.Random, members: list[AssignmentExpert], demo_expert: Expert | None) -> int:
    """A claim for most finished work: old ones approved (some corrected); the last months' in every state."""
    written = 0
    recent = DEMO_TODAY - datetime.timedelta(days=240)
    for member in members:
        assignment = member.assignment
        if assignment.status != AssignmentStatus.DONE or assignment.kind.key == "report_commentary":
            continue
        if demo_expert is not None and member.expert_id == demo_expert.pk and assignment.ends_on > recent:
            continue  # left for the demo expert to claim
        if rng.random() < 0.1:
            continue  # never claimed (an expert working for free, or a claim lost)
        days = (assignment.ends_on - assignment.starts_on).days + 1
        travel = Decimal(rng.randint(90, 780))
        subsistence = Decimal(95 * days)
        fee = Decimal(300 * days) * (2 if member.lead else 1)
        roll = rng.random()
        if assignment.ends_on > recent:
            status = (
                ClaimStatus.SUBMITTED
                if roll < 0.45
                else ClaimStatus.RETURNED
                if roll < 0.6
                else ClaimStatus.CORRECTED
                if roll < 0.75
                else ClaimStatus.APPROVED
            )
        else:
            status = ClaimStatus.CORRECTED if roll < 0.12 else ClaimStatus.APPROVED
        submitted = timezone.make_aware(
            datetime.datetime.combine(
                assignment.ends_on + datetime.timedelta(days=rng.randint(3, 20)), datetime.time(9)
            )
        )
        claim = ExpenseClaim(
            assignment_expert=member,
            status=status,
            travel=travel,
            subsistence=subsistence,
            fee=fee,
            submitted_at=submitted,
        )
        if status == ClaimStatus.CORRECTED:
            words, share = rng.choice(CORRECTIONS)
            claim.reason = words
            claim.travel = (travel * share).quantize(Decimal("0.01"))
        elif status == ClaimStatus.RETURNED:
            claim.reason = rng.choice(RETURN_REASONS)
        if status != ClaimStatus.SUBMITTED:
            claim.decided_at = submitted + datetime.timedelta(days=rng.randint(2, 15))
        record_change(claim, by=None, reason=reason("experts.demo_data"))
        claim.save()
        written += 1
    return written


@transaction.atomic
def load_expert_work() -> int:
    """The demo's expert work (once). Returns the number of assignments written."""
    if Assignment.objects.exists():
        return 0
    experts = list(
        Expert.objects.filter(status=ExpertStatus.ACTIVE, erased_at__isnull=True)
        .prefetch_related("languages", "expertise")
        .order_by("pk")
    )
    if len(experts) < 4 or not WorkKind.objects.filter(key="first_visit").exists():
        return 0
    rng = random.Random(SEED)
    build = _Builder(rng, experts)
    cities = list(
        City.objects.filter(
            status__in=[CityStatus.MEMBER, CityStatus.CANDIDATE, CityStatus.SUSPENDED]
        ).order_by("name", "pk")
    )
    by_name = {c.name_en: c for c in cities}
    count = 0
    # First visits, on the days the register recorded.
    for step in (
        AccessionStep.objects.filter(step=AccessionStepKind.EXPERT_VISIT_HELD, date__year__gte=FIRST_YEAR)
        .select_related("city")
        .order_by("date", "pk")
    ):
        city = step.city
        build.add(
            "first_visit",
            city,
            step.date - datetime.timedelta(days=2),
            title=f"First expert visit to {city.name_en}",
            days=3,
            status=AssignmentStatus.DONE,
        )
        count += 1
    # The first visit in progress for a candidate city (its profile is being drafted by the demo expert).
    demo_expert = Expert.objects.filter(user__email=DEMO_EXPERT_EMAIL).first()
    candidate = by_name.get(IN_PROGRESS_CITY)
    if (
        candidate is not None
        and not Assignment.objects.filter(city=candidate, kind__key="first_visit").exists()
    ):
        team = build.team_for("first_visit", candidate, DEMO_TODAY, 2)
        if demo_expert is not None and demo_expert.country != candidate.country:
            team = [demo_expert, *[e for e in team if e.pk != demo_expert.pk][:1]]
        build.add(
            "first_visit",
            candidate,
            DEMO_TODAY - datetime.timedelta(days=12),
            title=f"First expert visit to {candidate.name_en}",
            days=3,
            status=AssignmentStatus.CONFIRMED,
            team=team,
        )
        count += 1
    # Reviews of national network members: most of them, some never (the coverage page lists them).
    for city in cities:
        if city.national_network_id is None or city.status != CityStatus.MEMBER or rng.random() < 0.3:
            continue
        start = _day(rng, rng.randint(FIRST_YEAR, 2026))
        build.add("network_member_review", city, start, title=f"Expert review of {city.name_en}")
        count += 1
    # Workshops, strategy work and report commentaries, about a dozen a year; a learning cluster lead a year.
    members = [c for c in cities if c.status == CityStatus.MEMBER]
    for year in range(FIRST_YEAR, 2028):
        for _n in range(12 if year < 2027 else 4):
            city = rng.choice(members)
            kind = rng.choice((*WORKSHOPS, "report_commentary"))
            start = (
                _day(rng, year) if year < 2027 else datetime.date(2027, rng.randint(1, 4), rng.randint(1, 28))
            )
            label = build.kinds[kind].name_en  # type: ignore[attr-defined]
            build.add(
                kind,
                city,
                start,
                title=f"{label}: {city.name_en}",
                days=1 if kind == "report_commentary" else rng.choice((1, 2, 2, 3)),
                size=1 if kind == "report_commentary" else 2,
            )
            count += 1
        if year < 2027:
            build.add(
                "cluster_lead",
                None,
                datetime.date(year, 3, 1),
                title=f"Learning cluster {year}",
                days=270,
                size=1,
            )
            count += 1
    # An open call with answers, for a workshop next spring (no team yet).
    call_city = by_name.get(OPEN_CALL_CITY) or rng.choice(members)
    call = build.add(
        "vision_workshop",
        call_city,
        datetime.date(2027, 3, 16),
        title=f"Vision-building workshop: {call_city.name_en}",
        status=AssignmentStatus.PLANNED,
        team=[],
        open_call=True,
    )
    for expert, available in zip(rng.sample(experts, 4), (True, True, False, True), strict=True):
        interest = CallInterest(
            assignment=call,
            expert=expert,
            available=available,
            note="" if available else "Only the second day.",
        )
        record_change(interest, by=None, reason=reason("experts.demo_data"))
        interest.save()
    count += 1
    # The demo expert: something to declare, something to claim, a calendar to subscribe to.
    if demo_expert is not None:
        coming = build.add(
            "policy_workshop",
            rng.choice(members),
            datetime.date(2027, 2, 9),
            title="Policy development workshop: anti-rumour strategy",
            status=AssignmentStatus.PLANNED,
            team=[demo_expert],
            size=1,
        )
        AssignmentExpert.objects.filter(assignment=coming).update(conflict_declared_at=None)
        build.add(
            "strategy_evaluation",
            rng.choice(members),
            DEMO_TODAY - datetime.timedelta(days=40),
            title="Evaluation of the intercultural strategy",
            status=AssignmentStatus.DONE,
            team=[demo_expert],
            size=1,
        )
        count += 2
        demo_expert.calendar_token = secrets.token_urlsafe(32)
        record_change(demo_expert, by=None, reason=reason("experts.calendar_key"))
        demo_expert.save()
    _claims(rng, build.members, demo_expert)
    return count
