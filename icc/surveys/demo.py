"""Residents' questionnaires: the demo content `icc load_demo` loads.

Six cities with a validated Index response each run the residents' questionnaire 2026 with 300 to 1,500
synthetic answers (marked `synthetic`, seeded, written with bulk_create). The answers are skewed the way real
online samples are: too many women and people aged 30 to 64, few people over 65; and what people answer
depends on age and on being born abroad (those over 65 know the city's services best, the young and
residents born abroad less), so weighting moves the shares. One survey is closed with its results
published, two are closed and wait for publication, three are open (one with few answers for its target)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.index.models import Response, ResponseStatus
from icc.network.models import City
from icc.surveys.models import AnswerSource, Survey, SurveyAnswer
from icc.surveys.questionnaire import Question
from icc.surveys.services import questionnaire_load_shipped
from icc.surveys.statistics import DONT_KNOW

SEED = 16
SECRETARIAT_EMAIL = "secretariat@demo.icc"
AGE_SAMPLE = {"16-29": 20, "30-44": 34, "45-64": 38, "65+": 8}  # who answers online: few over 65
AGE_POPULATION = {"16-29": 22, "30-44": 25, "45-64": 32, "65+": 21}
CONSENT_EN = (
    "I agree to answer. My answers are anonymous: no name, no e-mail and no internet address is stored with "
    "them. The city publishes only shares of at least ten answers."
)
CONSENT_FR = (
    "J'accepte de répondre. Mes réponses sont anonymes : aucun nom, aucune adresse e-mail ni adresse "
    "internet n'est enregistré avec elles. La ville ne publie que des parts d'au moins dix réponses."
)


@dataclass(frozen=True)
class DemoSurveys:
    surveys: int
    answers: int


def load_surveys_demo(today: datetime.date | None = None) -> DemoSurveys:
    """Load once: a database that already has surveys is left alone."""
    if Survey.objects.exists() or not City.objects.exists():
        return DemoSurveys(0, 0)
    with transaction.atomic():
        return _load(today or timezone.localdate())


def _cities() -> list[City]:
    validated = set(
        Response.objects.filter(status=ResponseStatus.VALIDATED).values_list("city_id", flat=True).distinct()
    )
    coordinated = set(
        User.objects.filter(roles__kind=RoleKind.CITY_COORDINATOR).values_list("roles__city_id", flat=True)
    )
    preferred = list(City.objects.filter(pk__in=validated & coordinated).order_by("slug"))
    others = list(City.objects.filter(pk__in=validated - coordinated).order_by("slug"))
    return (preferred + others)[:6]


def _likert(rng: random.Random, mean: float) -> str:
    return str(min(5, max(1, round(rng.gauss(mean, 1.0)))))


def _answer(rng: random.Random, question: Question, person: dict[str, str], knows: float) -> str:
    young = person["about.age_band"] == "16-29"
    old = person["about.age_band"] == "65+"
    abroad = person["about.born_abroad"] == "yes"
    if question.dont_know and rng.random() < (0.12 if young else 0.07):
        return DONT_KNOW
    if question.area == "knowing":
        chance = knows - (0.18 if abroad else 0.0) - (0.1 if young else 0.0) + (0.25 if old else 0.0)
        return "yes" if rng.random() < chance else "no"
    if question.id == "discrimination.experienced":
        return "yes" if rng.random() < (0.34 if abroad else 0.09) + (0.05 if young else 0.0) else "no"
    if question.id == "discrimination.reported":
        return "yes" if rng.random() < 0.22 else "no"
    if question.id == "participation.consulted":
        return "yes" if rng.random() < (0.12 if abroad else 0.22) + (0.08 if old else 0.0) else "no"
    if question.id == "participation.association":
        return rng.choices(["member", "volunteer", "no"], weights=[25, 10 if abroad else 15, 65])[0]
    if question.area == "trust":
        return _likert(rng, 3.1 + (0.4 if old else 0.0) - (0.4 if young else 0.0) - (0.3 if abroad else 0.0))
    if question.area == "mixing":
        return _likert(rng, 3.2 + (0.5 if abroad else 0.0) + (0.4 if young else 0.0) - (0.5 if old else 0.0))
    return _likert(rng, 3.0 - (0.4 if abroad else 0.0) + (0.2 if old else 0.0))


def _person(rng: random.Random, abroad_share: float) -> dict[str, str]:
    age = rng.choices(list(AGE_SAMPLE), weights=list(AGE_SAMPLE.values()))[0]
    woman = 0.64 if age == "16-29" else 0.58
    person = {
        "about.age_band": age,
        "about.gender": "woman" if rng.random() < woman else ("man" if rng.random() < 0.97 else "other"),
        "about.born_abroad": "yes" if rng.random() < abroad_share else "no",
        "about.years_in_city": rng.choices(["lt2", "2-5", "5-10", "10+"], weights=[8, 17, 20, 55])[0],
    }
    for key in list(person):
        if rng.random() < 0.04:  # some skip a demographic question
            del person[key]
    person.setdefault("about.age_band", "")
    person.setdefault("about.born_abroad", "")
    return person


def _load(today: datetime.date) -> DemoSurveys:
    rng = random.Random(SEED)
    questionnaire = questionnaire_load_shipped()[0]
    parsed = questionnaire.parsed()
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    why = reason("surveys.demo_data")
    plans: list[tuple[int, int, int]] = [  # (days since opening, days open, answers)
        (150, 60, 1480),  # closed, published
        (120, 45, 910),  # closed, waiting for publication
        (100, 40, 640),
        (20, 40, 520),  # open
        (30, 40, 300),  # open, few answers for its target
        (10, 60, 760),
    ]
    surveys: list[Survey] = []
    answers: list[SurveyAnswer] = []
    for city, (since, length, count) in zip(_cities(), plans, strict=False):
        opens = today - datetime.timedelta(days=since)
        closes = opens + datetime.timedelta(days=length)
        women = round(rng.uniform(50.5, 53.0), 1)
        survey = Survey(
            city=city,
            questionnaire=questionnaire,
            title_en=f"Living together in {city.name_en or city.name}",
            title_fr=f"Vivre ensemble à {city.name_fr or city.name}",
            title=f"Living together in {city.name}",
            opens_on=opens,
            closes_on=closes,
            target_answers=3000 if count == 300 else 1000,
            population={
                "age": dict(AGE_POPULATION),
                "gender": {"woman": women, "man": round(100 - women, 1)},
            },
            population_source="Synthetic figures for the demo (a census of residents aged 16 or over)",
            consent_text_en=CONSENT_EN,
            consent_text_fr=CONSENT_FR,
            synthetic=True,
            created_by=secretariat,
        )
        if not surveys:
            survey.published_at = timezone.now()
            survey.published_by = secretariat
        record_change(survey, by=secretariat, reason=why)
        survey.save()
        surveys.append(survey)
        abroad_share = rng.uniform(0.18, 0.36)
        knows = rng.uniform(0.35, 0.6)
        span = max(1, min(length, since))
        for _i in range(count):
            person = _person(rng, abroad_share)
            given: dict[str, str] = {k: v for k, v in person.items() if v}
            for question in parsed.questions:
                if question.demographic:
                    continue
                if question.show_if and given.get(question.show_if[0]) not in question.show_if[1]:
                    continue
                if rng.random() < 0.05:
                    continue  # left blank
                given[question.id] = _answer(rng, question, person, knows)
            moment = datetime.datetime.combine(
                opens + datetime.timedelta(days=rng.randrange(span)),
                datetime.time(rng.randrange(7, 23)),
                tzinfo=datetime.UTC,
            )
            answers.append(
                SurveyAnswer(
                    survey=survey,
                    answers=given,
                    source=AnswerSource.SYNTHETIC,
                    language=rng.choice(["en", "fr"]),
                    submitted_at=moment,
                )
            )
    SurveyAnswer.objects.bulk_create(answers, batch_size=2000)
    return DemoSurveys(len(surveys), len(answers))
