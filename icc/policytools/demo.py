"""Policy self-assessment tools: the demo content `icc load_demo` loads (seeded, deterministic).

- the shipped checklist versions (icc/policytools/data), loaded if the migration has not;
- checklists filled in by 10 member cities: Strasbourg (the demo coordinator's city) and the first nine
  other member cities by name; each completed one or two checklists in 2026, four of them repeated the
  housing checklist to show progress, and Strasbourg has an education checklist in progress (its needs-you
  item);
- 20 business diversity-advantage self-assessments that their businesses chose to save (example.org
  addresses, consent dated).
Names and answers are invented.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import RoleKind, User
from icc.core.history import reason
from icc.network.models import City, CityStatus
from icc.policytools import checklist_format, scoring
from icc.policytools.models import Assessment, AssessmentStatus, Audience, BusinessAssessment, Checklist
from icc.policytools.services import checklists_load_shipped

SEED = 14
UTC = datetime.UTC
CITY_CHECKLISTS = ["housing-2026", "education-2026", "public-services-2026", "business-2026"]
BUSINESSES = [
    "Boulangerie du Port",
    "Nordlicht Logistik",
    "Café Babel",
    "Atelier Mosaïque",
    "Vesuvio Costruzioni",
    "Tech Bridge Lisboa",
    "Les Jardins Partagés SARL",
    "Green Clean Services",
    "Studio Kaleido",
    "Medina Market",
    "Transports Étoile",
    "Ubuntu Care",
    "Hotel Porta Nuova",
    "Kiosk Sofia",
    "Alpha Electric",
    "Mano a Mano",
    "Delta Print",
    "La Table du Monde",
    "BlueWave IT",
    "Solidar Textiles",
]


def _answers(rng: random.Random, document: dict[str, Any], level: float) -> dict[str, int]:
    """Answers around a level (0..1): each question's grade drawn near it."""
    answers = {}
    for question in checklist_format.questions_of(document):
        top = scoring.top_points(document, question)
        grade = round(level * top + rng.uniform(-1.2, 1.2))
        answers[question["id"]] = max(0, min(top, grade))
    return answers


def _completed(
    city: City, checklist: Checklist, answers: dict[str, int], when: datetime.datetime
) -> Assessment:
    profile = scoring.score(checklist.document, answers)
    return Assessment(
        city=city,
        checklist=checklist,
        status=AssessmentStatus.COMPLETED,
        answers=answers,
        completed_at=when,
        overall=profile.overall,
        gender_score=profile.gender,
        section_scores=dict(profile.section_percents),
    )


def load_policytools_demo() -> None:
    """Loads once: a database that already has assessments keeps them."""
    if Assessment.objects.exists():
        return
    rng = random.Random(SEED)
    checklists_load_shipped()
    by_key = {c.key: c for c in Checklist.objects.all()}
    secretariat = User.objects.filter(roles__kind=RoleKind.SECRETARIAT).order_by("pk").first()
    why = reason("policytools.demo_data")
    members = list(City.objects.filter(status=CityStatus.MEMBER).order_by("name"))
    strasbourg = next((c for c in members if c.name == "Strasbourg"), None)
    others = [c for c in members if c is not strasbourg]
    cities = ([strasbourg] if strasbourg else []) + others[: 10 - bool(strasbourg)]
    today = timezone.localdate()
    start = datetime.datetime(min(today.year, 2026), 1, 15, 10, tzinfo=UTC)
    rows: list[Assessment] = []
    for n, city in enumerate(cities):
        level = rng.uniform(0.3, 0.8)
        first_key = CITY_CHECKLISTS[n % len(CITY_CHECKLISTS)]
        keys = [first_key] + ([CITY_CHECKLISTS[(n + 1) % 4]] if n % 2 else [])
        for k, key in enumerate(keys):
            checklist = by_key[key]
            when = start + datetime.timedelta(days=7 * n + 30 * k, hours=n)
            rows.append(_completed(city, checklist, _answers(rng, checklist.document, level), when))
        if n < 4:  # repeated housing checklist: progress since the first time
            housing = by_key["housing-2026"]
            if "housing-2026" not in keys:
                earlier = start + datetime.timedelta(days=3 * n)
                rows.append(_completed(city, housing, _answers(rng, housing.document, level - 0.15), earlier))
            later = start + datetime.timedelta(days=180 + 5 * n)
            rows.append(_completed(city, housing, _answers(rng, housing.document, level + 0.2), later))
    if strasbourg is not None:
        education = by_key["education-2026"]
        partial = dict(list(_answers(rng, education.document, 0.5).items())[:4])
        rows.append(Assessment(city=strasbourg, checklist=education, answers=partial))
    created = bulk_create_with_history(rows, Assessment, default_user=secretariat, default_change_reason=why)
    # The rows' creation dates follow the story, not the day the demo is loaded.
    for assessment in created:
        when = assessment.completed_at or timezone.now()
        started = when - datetime.timedelta(days=rng.randint(5, 25))
        Assessment.objects.filter(pk=assessment.pk).update(created=started)
    business = next(c for c in by_key.values() if c.audience == Audience.BUSINESS)
    results = []
    for n, name in enumerate(BUSINESSES):
        answers = _answers(rng, business.document, rng.uniform(0.2, 0.9))
        results.append(
            BusinessAssessment(
                checklist=business,
                organisation=name,
                email=f"contact{n + 1}@business{n + 1}.example.org",
                language="fr" if n % 3 == 0 else "en",
                answers=answers,
                overall=scoring.score(business.document, answers).overall,
                consent_at=start + datetime.timedelta(days=9 * n),
            )
        )
    bulk_create_with_history(results, BusinessAssessment, default_change_reason=why)
