"""Reads of the back office: the list of practices a person works on, and a practice's page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from icc.core.search import search
from icc.practices.index_areas import area_title, index_question
from icc.practices.models import Practice, PracticeStatus, PracticeVersion, ReviewQuestion, TargetGroup, Theme

SEARCHED = ("title_en", "title_fr", "summary_en", "summary_fr", "city__name")


@dataclass
class WorkList:
    practices: list[Practice]
    counts: dict[str, int]


def work_list(practices: QuerySet[Practice], *, status: str = "", q: str = "") -> WorkList:
    counts = dict(practices.order_by().values_list("status").annotate(n=Count("pk")))
    chosen = practices.filter(status=status) if status in PracticeStatus.values else practices
    chosen = search(chosen, q, SEARCHED).annotate(
        open_questions=Count("review_questions", filter=Q(review_questions__answered_at__isnull=True))
    )
    return WorkList(practices=list(chosen.order_by("-updated", "pk")[:500]), counts=counts)


@dataclass
class PracticePage:
    practice: Practice
    areas: list[tuple[str, str]]  # key, title
    questions: list[tuple[str, str]]  # id, text
    themes: list[str]
    target_groups: list[str]
    review_questions: list[ReviewQuestion] = field(default_factory=list)
    versions: list[PracticeVersion] = field(default_factory=list)


def _labels(values: list[str], choices: type[Theme] | type[TargetGroup]) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(v, v)) for v in values]


def practice_page(practice: Practice, *, with_review: bool = True) -> PracticePage:
    questions = []
    for question_id in practice.questions:
        question = index_question(question_id)
        questions.append((question_id, question.text if question else question_id))
    return PracticePage(
        practice=practice,
        areas=[(key, area_title(key)) for key in practice.areas],
        questions=questions,
        themes=_labels(practice.themes, Theme),
        target_groups=_labels(practice.target_groups, TargetGroup),
        review_questions=(
            list(practice.review_questions.select_related("asked_by", "answered_by")) if with_review else []
        ),
        versions=list(practice.versions.select_related("published_by")),
    )
