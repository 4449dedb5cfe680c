"""Shared helpers of the policy tools' tests."""

from __future__ import annotations

from typing import Any

from icc.policytools.checklist_format import questions_of
from icc.policytools.models import Assessment, Checklist


def housing() -> Checklist:
    return Checklist.objects.get(key="housing-2026")


def question_ids(checklist: Checklist) -> list[str]:
    return [q["id"] for q in questions_of(checklist.document)]


def all_answers(checklist: Checklist, points: int = 3, **overrides: int) -> dict[str, Any]:
    answers: dict[str, Any] = dict.fromkeys(question_ids(checklist), points)
    answers.update({k.replace("__", "."): v for k, v in overrides.items()})
    return answers


def fill(assessment: Assessment, answers: dict[str, Any]) -> Assessment:
    Assessment.objects.filter(pk=assessment.pk).update(answers=answers)
    assessment.refresh_from_db()
    return assessment
