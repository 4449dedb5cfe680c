"""Builders for the survey tests: the shipped questionnaire, a survey of Lyon, answers."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from icc.surveys.models import AnswerSource, Survey, SurveyAnswer, SurveyQuestionnaire
from icc.surveys.services import questionnaire_load_shipped, survey_create

POPULATION = {
    "age": {"16-29": 25, "30-44": 25, "45-64": 30, "65+": 20},
    "gender": {"woman": 52, "man": 48},
}


def questionnaire() -> SurveyQuestionnaire:
    return questionnaire_load_shipped()[0]


def make_survey(city: Any, *, by: Any = None, open_now: bool = True, **kwargs: Any) -> Survey:
    today = timezone.localdate()
    opens = today - datetime.timedelta(days=10) if open_now else today - datetime.timedelta(days=60)
    closes = today + datetime.timedelta(days=20) if open_now else today - datetime.timedelta(days=1)
    values: dict[str, Any] = {
        "city": city,
        "questionnaire": questionnaire(),
        "title_en": "Living together in Lyon",
        "title_fr": "Vivre ensemble à Lyon",
        "opens_on": opens,
        "closes_on": closes,
        "target_answers": 400,
        "population": POPULATION,
        "population_source": "INSEE census 2021",
        "by": by,
    }
    values.update(kwargs)
    return survey_create(**values)


def add_answers(survey: Survey, rows: list[dict[str, str]]) -> None:
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(survey=survey, answers=row, source=AnswerSource.IMPORT) for row in rows]
    )


def skewed_answers(n: int, seed: int = 1) -> list[dict[str, str]]:
    """Young women over-represented, and the young know the service less: weighting changes the share."""
    rng = random.Random(seed)
    rows = []
    for _i in range(n):
        age = rng.choices(["16-29", "30-44", "45-64", "65+"], weights=[50, 25, 15, 10])[0]
        gender = rng.choices(["woman", "man"], weights=[70, 30])[0]
        born = rng.choices(["yes", "no"], weights=[30, 70])[0]
        know = 0.2 if age == "16-29" else 0.6
        rows.append(
            {
                "about.age_band": age,
                "about.gender": gender,
                "about.born_abroad": born,
                "knowing.antidiscrimination_service": "yes"
                if rng.random() < know
                else rng.choice(["no", "dont_know"]),
                "trust.city_administration": str(rng.randint(1, 5)),
            }
        )
    return rows
