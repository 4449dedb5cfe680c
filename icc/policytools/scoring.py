"""The scored profile of a policy self-assessment. Pure: no Django, no database; plain data in and out.

A checklist document (see checklist_format.py) has sections of questions; each question has a weight, graded
answers (`grades`: points 0..top with a label each) and may be flagged `gender` (the gender-equality
dimension).
Answers map question ids to the points chosen; an unanswered question earns 0.

- a section's score, the overall score and the gender dimension's score are 100 × weighted points earned /
  weighted points achievable (weight × top grade), rounded to one decimal; None when nothing is achievable;
- gaps are the questions below the top grade, the heaviest first (then the largest shortfall, then the order
  of the checklist);
- progress compares two profiles section by section (sections matched by id).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PRECISION = 1


@dataclass(frozen=True)
class Gap:
    question: str
    section: str
    points: int | None  # None: unanswered
    top: int
    weight: float

    @property
    def shortfall(self) -> int:
        return self.top - (self.points or 0)


@dataclass(frozen=True)
class SectionScore:
    id: str
    earned: float
    achievable: float

    @property
    def percent(self) -> float | None:
        return _percent(self.earned, self.achievable)


@dataclass(frozen=True)
class Profile:
    sections: list[SectionScore]
    overall: float | None
    gender: float | None
    gaps: list[Gap]
    answered: int
    questions: int
    section_percents: dict[str, float | None] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.answered == self.questions


@dataclass(frozen=True)
class SectionChange:
    id: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, PRECISION)


def _percent(earned: float, achievable: float) -> float | None:
    if achievable <= 0:
        return None
    return round(100.0 * earned / achievable, PRECISION)


def top_points(document: Mapping[str, Any], question: Mapping[str, Any]) -> int:
    grades = question.get("grades") or document.get("grades") or []
    return max((int(g["points"]) for g in grades), default=0)


def grade_points(document: Mapping[str, Any], question: Mapping[str, Any]) -> list[int]:
    grades = question.get("grades") or document.get("grades") or []
    return sorted(int(g["points"]) for g in grades)


def clean_points(document: Mapping[str, Any], question: Mapping[str, Any], value: Any) -> int | None:
    """The points of an answer if it is one of the question's grades, else None."""
    try:
        points = int(value)
    except (TypeError, ValueError):
        return None
    return points if points in grade_points(document, question) else None


def score(document: Mapping[str, Any], answers: Mapping[str, Any]) -> Profile:
    sections: list[SectionScore] = []
    gaps: list[tuple[float, int, int, Gap]] = []
    gender_earned = gender_achievable = 0.0
    total_earned = total_achievable = 0.0
    answered = count = 0
    order = 0
    for section in document.get("sections", []):
        earned = achievable = 0.0
        for question in section.get("questions", []):
            count += 1
            order += 1
            weight = float(question.get("weight", 1))
            top = top_points(document, question)
            points = clean_points(document, question, answers.get(question["id"]))
            if points is not None:
                answered += 1
            got = weight * (points or 0)
            best = weight * top
            earned += got
            achievable += best
            if question.get("gender"):
                gender_earned += got
                gender_achievable += best
            if (points or 0) < top:
                gap = Gap(
                    question=question["id"], section=section["id"], points=points, top=top, weight=weight
                )
                gaps.append((-weight, -gap.shortfall, order, gap))
        sections.append(SectionScore(id=section["id"], earned=earned, achievable=achievable))
        total_earned += earned
        total_achievable += achievable
    gaps.sort(key=lambda item: item[:3])
    return Profile(
        sections=sections,
        overall=_percent(total_earned, total_achievable),
        gender=_percent(gender_earned, gender_achievable),
        gaps=[item[3] for item in gaps],
        answered=answered,
        questions=count,
        section_percents={s.id: s.percent for s in sections},
    )


def progress(before: Profile, after: Profile) -> list[SectionChange]:
    """The change per section of `after` since `before` (sections of `after`, in its order)."""
    earlier = before.section_percents
    return [SectionChange(id=s.id, before=earlier.get(s.id), after=s.percent) for s in after.sections]
