"""Demo visits' records and intercultural profiles, in every state of the profile's workflow.

- Lyon: its first visit's profile published in English and French (on its public page).
- Prague: published in English only (the French version is marked missing on its public page).
- Reykjavík: shared with the city, which has not decided yet; Bratislava: accepted, not shared yet.
- Nantes: submitted, waiting for the secretariat (accepting it records "intercultural profile issued").
- Tirana: returned to the lead expert with the secretariat's reason.
- Tallinn: a visit in progress for a candidate city: its profile being drafted by the demo expert
  (expert@demo.icc), who can try the autosave.
The accession steps stay as the network's demo recorded them: the states above follow each city's step.
Each city's first visit is the one the work demo planned when there is one, else one is added here.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from icc.core.history import reason, record_change
from icc.core.public_version import public_content_changed
from icc.experts.models import (
    Assignment,
    AssignmentExpert,
    AssignmentStatus,
    Expert,
    ExpertStatus,
    Profile,
    ProfileArea,
    ProfileComment,
    ProfileStatus,
    StakeholderCategory,
    StakeholderMeeting,
    Visit,
    WorkKind,
)
from icc.experts.selectors.profiles import FIRST_VISIT, IndexArea, index_areas
from icc.network.models import AccessionStep, AccessionStepKind, City

SEED = 19_03
DEMO_EXPERT_EMAIL = "expert@demo.icc"
LAST_DEMO_DAY = datetime.date(2026, 10, 31)


@dataclass(frozen=True)
class _Plan:
    city: str
    status: str
    languages: tuple[str, ...] = ("en",)
    demo_expert_leads: bool = False


PLANS = [
    _Plan("Lyon", ProfileStatus.PUBLISHED, ("en", "fr")),
    _Plan("Prague", ProfileStatus.PUBLISHED, ("en",)),
    _Plan("Reykjavík", ProfileStatus.SHARED, ("en",)),
    _Plan("Bratislava", ProfileStatus.ACCEPTED, ("en",)),
    _Plan("Nantes", ProfileStatus.SUBMITTED, ("fr",)),
    _Plan("Tirana", ProfileStatus.RETURNED, ("en",)),
    _Plan("Tallinn", ProfileStatus.DRAFTING, ("en",), demo_expert_leads=True),
]

STRENGTHS = {
    "en": [
        "{city} already works on {area} with associations of migrants and minorities, several of them paid "
        "partners of the city.",
        "The departments in charge of {area} know the intercultural approach and name it in their plans.",
        "Good practice in {area} is visible: the experts met staff and residents who described it "
        "the same way.",
    ],
    "fr": [
        "{city} travaille déjà sur ce domaine ({area}) avec des associations de personnes migrantes et de "
        "minorités, dont plusieurs sont partenaires rémunérés de la ville.",
        "Les services chargés de ce domaine ({area}) connaissent l'approche interculturelle et la citent "
        "dans leurs plans.",
        "Les bonnes pratiques sont visibles ({area}) : les experts ont rencontré agents et habitants qui les "
        "décrivent de la même manière.",
    ],
}
NEEDS = {
    "en": [
        "Efforts in {area} are scattered across departments and rarely evaluated.",
        "Data on who benefits from the city's action in {area} is missing.",
        "Staff working on {area} ask for training on mediation and on bias.",
    ],
    "fr": [
        "Les actions ({area}) sont dispersées entre les services et rarement évaluées.",
        "On ne sait pas qui bénéficie de l'action de la ville ({area}) : les données manquent.",
        "Les agents ({area}) demandent une formation à la médiation et aux biais.",
    ],
}
RECOMMENDATIONS = {
    "en": [
        "Give {area} a named lead in the administration and two or three targets reviewed each year with the "
        "intercultural support group.",
        "Learn from the cities of the network that score best in {area}; a study visit would help.",
        "Involve residents of migrant background in the design of the next plan for {area}.",
    ],
    "fr": [
        "Confier ce domaine ({area}) à un responsable identifié dans l'administration, avec deux ou trois "
        "objectifs revus chaque année avec le groupe de soutien interculturel.",
        "S'inspirer des villes du réseau les mieux placées dans ce domaine ({area}) ; une visite d'étude "
        "serait utile.",
        "Associer des habitants issus de l'immigration à la conception du prochain plan ({area}).",
    ],
}
# The gender-equality section (issue 18): every profile past the draft has it, since the secretariat accepts
# none without it; the draft of the demo expert (Tallinn) leaves it to be written.
GENDER_EQUALITY_TEXTS = {
    "en": "{city} counts the users of its welcome and language services by gender, but not its other "
    "services, so it cannot tell whether women of migrant background reach them. The experts met a women's "
    "association whose members avoid two neighbourhoods after dark, and a migrant council with two women "
    "among eleven members. The profile recommends data by gender and origin in every service report, "
    "childcare during language courses, a rule of at least 40 % of each gender in the consultative bodies, "
    "and exploratory walks with women of different origins.",
    "fr": "{city} compte par sexe les usagers de ses services d'accueil et de langue, mais pas ceux de ses "
    "autres services : elle ne peut donc pas savoir si les femmes d'origine migrante y ont accès. Les "
    "experts ont rencontré une association de femmes dont les membres évitent deux quartiers à la nuit "
    "tombée, et un conseil des migrants qui compte deux femmes sur onze membres. Le profil recommande des "
    "données par sexe et par origine dans chaque rapport de service, une garde d'enfants pendant les cours "
    "de langue, une règle d'au moins 40 % de chaque sexe dans les instances consultatives et des marches "
    "exploratoires avec des femmes de différentes origines.",
}
SUMMARIES = {
    "en": "{city} has made diversity part of how it governs: a clear political commitment, services that "
    "adapt to the people they serve, and lively associations. The experts saw the most progress in "
    "education and public space, and the most need in business and the labour market, where the city's "
    "action is still small. The profile recommends an intercultural strategy with measurable targets, "
    "training for front-line staff, and closer work with employers.",
    "fr": "{city} a fait de la diversité une part de sa manière de gouverner : un engagement politique "
    "clair, "
    "des services qui s'adaptent à leurs publics et des associations très actives. Les experts ont constaté "
    "le plus de progrès dans l'éducation et l'espace public, et le plus de besoins dans l'économie et le "
    "marché du travail, où l'action de la ville reste modeste. Le profil recommande une stratégie "
    "interculturelle assortie d'objectifs mesurables, la formation des agents d'accueil et un travail plus "
    "étroit avec les employeurs.",
}
AGENDA = (
    "Day 1: the mayor and the deputy mayor for social cohesion; the intercultural support group; "
    "a walk through two neighbourhoods.\n"
    "Day 2: schools and the welcome centre for newcomers; associations and faith leaders; a meeting with "
    "employers and trade unions.\n"
    "Day 3: a workshop with heads of department; the experts' first findings to the mayor."
)
RETURN_REASON = (
    "The needs and recommendations are too general in several areas: name the services concerned and "
    "what the city could do within two years."
)
AREA_COMMENT = "Say which associations the city funds, and since when."


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))


def _text(pool: dict[str, list[str]], language: str, rng: random.Random, city: City, area: IndexArea) -> str:
    title = area.title_in(language)
    return rng.choice(pool[language]).format(
        city=city.name_en, area=title.lower() if language == "en" else title
    )


def _lead_for(
    city: City, experts: list[Expert], demo_expert: Expert | None, plan: _Plan, turn: int
) -> Expert:
    if plan.demo_expert_leads and demo_expert is not None:
        return demo_expert
    others = [e for e in experts if e.country != city.country and e != demo_expert] or experts
    return others[turn % len(others)]


def _first_visit(
    city: City, kind: WorkKind, day: datetime.date, plan: _Plan, lead: Expert, second: Expert
) -> Assignment:
    """The city's first visit (the work demo's, else a new one), led by `lead` when it has no lead yet, or
    always when the demo expert is to lead it (so that the demo account can draft its profile)."""
    assignment = Assignment.objects.filter(city=city, kind=kind).order_by("starts_on").first()
    if assignment is None:
        in_progress = plan.status == ProfileStatus.DRAFTING
        assignment = Assignment(
            kind=kind,
            city=city,
            title=f"First expert visit to {city.name_en}",
            starts_on=day - datetime.timedelta(days=2),
            ends_on=day,
            status=AssignmentStatus.CONFIRMED if in_progress else AssignmentStatus.DONE,
            coe_representative="Hélène Marchetti",
        )
        record_change(assignment, by=None, reason=reason("experts.demo_data"))
        assignment.save()
    team = {m.expert_id: m for m in assignment.team.all()}
    current = next((m for m in team.values() if m.lead), None)
    if current is not None and (current.expert_id == lead.pk or not plan.demo_expert_leads):
        return assignment
    if current is not None:
        current.lead = False
        record_change(current, by=None, reason=reason("experts.demo_data"))
        current.save()
    member = team.get(lead.pk) or AssignmentExpert(assignment=assignment, expert=lead)
    member.lead = True
    record_change(member, by=None, reason=reason("experts.demo_data"))
    member.save()
    if not team and second != lead:
        extra = AssignmentExpert(assignment=assignment, expert=second)
        record_change(extra, by=None, reason=reason("experts.demo_data"))
        extra.save()
    return assignment


def _visit(assignment: Assignment, rng: random.Random) -> Visit:
    visit = Visit.objects.filter(assignment=assignment).first() or Visit(assignment=assignment)
    if not visit.agenda:
        visit.agenda = AGENDA
    record_change(visit, by=None, reason=reason("experts.demo_data"))
    visit.save()
    if not visit.meetings.exists():
        ranges = {"politicians": (2, 6), "officials": (6, 20), "civil_society": (8, 30), "business": (1, 6),
                  "media": (0, 3), "faith_leaders": (0, 4), "trade_unions": (0, 3)}  # fmt: skip
        for category in StakeholderCategory.values:
            count = rng.randint(*ranges[category])
            if count:
                meeting = StakeholderMeeting(visit=visit, category=category, count=count)
                record_change(meeting, by=None, reason=reason("experts.demo_data"))
                meeting.save()
    return visit


def _profile(visit: Visit, language: str, status: str, rng: random.Random, day: datetime.date) -> Profile:
    city = visit.assignment.city
    assert city is not None
    reached = list(ProfileStatus.values).index(status)
    order = [ProfileStatus.DRAFTING, ProfileStatus.SUBMITTED, ProfileStatus.RETURNED, ProfileStatus.ACCEPTED,
             ProfileStatus.SHARED, ProfileStatus.PUBLISHED]  # fmt: skip
    at = {
        s: _aware(min(day + datetime.timedelta(days=10 * (i + 1)), LAST_DEMO_DAY))
        for i, s in enumerate(order)
    }
    gender_text = GENDER_EQUALITY_TEXTS[language]
    profile = Profile(
        visit=visit,
        language=language,
        status=status,
        summary=SUMMARIES[language].format(city=city.name_en),
        gender_equality="" if status == ProfileStatus.DRAFTING else gender_text.format(city=city.name_en),
        submitted_at=at[ProfileStatus.SUBMITTED] if reached >= 1 else None,
        accepted_at=at[ProfileStatus.ACCEPTED] if reached >= 3 else None,
        shared_at=at[ProfileStatus.SHARED] if reached >= 4 else None,
        city_agreed_at=at[ProfileStatus.PUBLISHED] if reached >= 5 else None,
        published_at=at[ProfileStatus.PUBLISHED] if reached >= 5 else None,
    )
    record_change(profile, by=None, reason=reason("experts.demo_data"))
    profile.save()
    areas = index_areas()
    written = areas if status != ProfileStatus.DRAFTING else areas[: len(areas) // 3]
    for area in written:
        row = ProfileArea(
            profile=profile,
            area=area.key,
            strengths=_text(STRENGTHS, language, rng, city, area),
            needs=_text(NEEDS, language, rng, city, area),
            recommendations=_text(RECOMMENDATIONS, language, rng, city, area),
        )
        record_change(row, by=None, reason=reason("experts.demo_data"))
        row.save()
    if status in (ProfileStatus.SUBMITTED, ProfileStatus.RETURNED):
        comment = ProfileComment(profile=profile, area=written[0].key, text=AREA_COMMENT)
        record_change(comment, by=None, reason=reason("experts.demo_data"))
        comment.save()
    if status == ProfileStatus.RETURNED:
        comment = ProfileComment(profile=profile, text=RETURN_REASON)
        record_change(comment, by=None, reason=reason("experts.demo_data"))
        comment.save()
    return profile


def _visit_day(city: City, rng: random.Random) -> datetime.date:
    """The city's recorded expert visit, else a visit held some weeks after its analytical report."""
    steps = {s.step: s.date for s in AccessionStep.objects.filter(city=city)}
    if AccessionStepKind.EXPERT_VISIT_HELD in steps:
        return steps[AccessionStepKind.EXPERT_VISIT_HELD]
    after = steps.get(AccessionStepKind.REPORT_ISSUED, LAST_DEMO_DAY - datetime.timedelta(days=120))
    return min(
        after + datetime.timedelta(days=rng.randint(20, 50)), LAST_DEMO_DAY - datetime.timedelta(days=7)
    )


@transaction.atomic
def load_expert_profiles() -> int:
    """The demo profiles (once: nothing is done when any profile exists). Returns the number written."""
    if Profile.objects.exists():
        return 0
    kind = WorkKind.objects.filter(key=FIRST_VISIT).first()
    experts = list(Expert.objects.filter(status=ExpertStatus.ACTIVE, erased_at__isnull=True).order_by("pk"))
    if kind is None or not experts:
        return 0
    demo_expert = Expert.objects.filter(user__email=DEMO_EXPERT_EMAIL).first()
    rng = random.Random(SEED)
    cities = {c.name_en: c for c in City.objects.filter(name_en__in=[p.city for p in PLANS])}
    written = 0
    for turn, plan in enumerate(PLANS):
        city = cities.get(plan.city)
        if city is None:
            continue
        day = _visit_day(city, rng)
        lead = _lead_for(city, experts, demo_expert, plan, turn)
        second = experts[(turn * 7 + 3) % len(experts)]
        visit = _visit(_first_visit(city, kind, day, plan, lead, second), rng)
        for language in plan.languages:
            _profile(visit, language, plan.status, rng, day)
            written += 1
    if written:
        public_content_changed()
    return written
