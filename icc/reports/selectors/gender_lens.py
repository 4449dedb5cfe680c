"""The gender-lens section of a city's analytical report (issue 18).

For a version with a gender lens (icc-2026 and later): the city's gender-lens score next to the sample's mean
and its intercultural-lens score, and its gender-lens questions (answer, points, recommendation) gathered from
the areas they belong to. For a version without one: the section says so, and shows no score (not 0).
A report's content frozen before this section existed has none, and renders as it did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from icc.index.gender_lens import (
    GENDER_LENS,
    INTERCULTURAL_LENS,
    gender_lens_questions,
    gender_lens_title,
    has_gender_lens,
)
from icc.index.selectors.scores import ResponseScoresPage, score_text
from icc.index.structure import Structure

# The commentary section an expert writes on gender equality (icc/reports: commentary by section key).
GENDER_EQUALITY = "gender_equality"
GENDER_EQUALITY_TITLE = gettext_lazy("Gender equality")


@dataclass
class LensQuestion:
    number: str
    question: str
    answer: str
    points: str
    status: str  # in_place, partly, missing, not_applicable
    area: str
    recommendation: str = ""


@dataclass
class GenderLensSection:
    available: bool  # False: the version has no gender-lens questions
    title: str
    note: str  # what the score is, or why there is none
    score_text: str = "–"
    sample_mean: str = "–"
    intercultural_lens: str = "–"
    questions: list[LensQuestion] = field(default_factory=list)

    @property
    def recommended(self) -> list[LensQuestion]:
        """The questions with a recommendation (the city earned less than half of their points)."""
        return [q for q in self.questions if q.recommendation]


def gender_lens_section(
    *, page: ResponseScoresPage, structure: Structure, areas: Sequence[Any], min_cities: int
) -> GenderLensSection:
    """The section from the city's stored scores and the round's document (for the sample's mean, shown from
    `min_cities` cities) and the report's area sections (their findings and recommendations, by number)."""
    entry: Mapping[str, Any] = page.stored.scores if page.stored is not None else {}
    document: Mapping[str, Any] = page.round_scores.document if page.round_scores is not None else {}
    ids = gender_lens_questions(structure)
    if not ids or not has_gender_lens(entry):
        return GenderLensSection(
            available=False,
            title=str(GENDER_EQUALITY_TITLE),
            note=_(
                "This questionnaire version has no gender-lens questions, so there is no gender-lens score "
                "(not a score of 0). Versions from Index 2026 on ask how the city's strategy, services, data "
                "and participation bodies consider women and men of migrant and minority background."
            ),
        )
    numbers = {
        q.id: f"{i}.{j}" for i, area in enumerate(structure.areas, 1) for j, q in enumerate(area.questions, 1)
    }
    wanted = {numbers[qid]: qid for qid in ids if qid in numbers}
    questions: list[LensQuestion] = []
    for area in areas:
        recommendations = {r.number: r.text for r in area.recommendations}
        for finding in area.findings:
            if finding.number in wanted:
                questions.append(
                    LensQuestion(
                        number=finding.number,
                        question=finding.question,
                        answer=finding.answer,
                        points=finding.points,
                        status=finding.status,
                        area=area.title,
                        recommendation=recommendations.get(finding.number, ""),
                    )
                )
    values = [
        c["groups"][GENDER_LENS]
        for c in document.get("cities", [])
        if (c.get("groups") or {}).get(GENDER_LENS) is not None
    ]
    mean = sum(values) / len(values) if len(values) >= min_cities else None
    groups = entry.get("groups") or {}
    return GenderLensSection(
        available=True,
        title=gender_lens_title(structure) or str(GENDER_EQUALITY_TITLE),
        note=_(
            "The gender-lens score is the share of the points the city earned on the questions that look at "
            "its work through a gender lens, wherever they are in the questionnaire: 100 x points earned / "
            "points achievable. These questions also count in their own areas; the score adds nothing to the "
            "aggregate."
        ),
        score_text=score_text(groups.get(GENDER_LENS)),
        sample_mean=score_text(mean),
        intercultural_lens=score_text(groups.get(INTERCULTURAL_LENS)),
        questions=questions,
    )
