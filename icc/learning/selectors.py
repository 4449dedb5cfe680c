"""Reads of the initiation course, for its pages and for other apps (programme, network)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icc.accounts.selectors import user_roles_summary
from icc.core.history import HistoryEntry, history_entries
from icc.learning.models import (
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    LessonProgress,
    LessonVersion,
    QuizAnswer,
    VersionStatus,
)
from icc.network.models import City, CityStatus


def course_first_published_on() -> datetime.date | None:
    """The date the first course was published: the programme's "initiation course ready"."""
    first = (
        Course.objects.filter(published_at__isnull=False)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else None


@dataclass
class LessonRow:
    lesson: Lesson
    version: LessonVersion
    viewed: bool = False
    passed: bool = False
    has_quiz: bool = False
    best_score: float | None = None


def published_courses() -> list[Course]:
    """The catalogue: published courses, each with its published lessons' versions (`lesson_versions`)."""
    courses = list(Course.objects.public().order_by("published_at", "pk"))
    versions = (
        LessonVersion.objects.public()
        .filter(lesson__course__in=courses)
        .select_related("lesson")
        .order_by("lesson__order")
    )
    by_course: dict[int, list[LessonVersion]] = {}
    for version in versions:
        by_course.setdefault(version.lesson.course_id, []).append(version)
    for course in courses:
        course.lesson_versions = by_course.get(course.pk, [])  # type: ignore[attr-defined]
    return courses


def get_course_for_user(user: Any, slug: str) -> Course:
    """A published course for anyone; a draft one only for the secretariat (404 for the others)."""
    course = get_object_or_404(Course, slug=slug)
    if course.status != CourseStatus.PUBLISHED and not user_roles_summary(user).secretariat:
        raise Http404
    return course


def get_version_for_secretariat(user: Any, pk: int) -> LessonVersion:
    """Lesson versions are the secretariat's work: others may not read them here (403)."""
    if not user_roles_summary(user).secretariat:
        raise PermissionDenied
    return get_object_or_404(LessonVersion.objects.select_related("lesson__course"), pk=pk)


def course_lessons(course: Course, enrolment: Enrolment | None) -> list[LessonRow]:
    """The course's published lessons in order, with the learner's progress on each."""
    versions = (
        LessonVersion.objects.filter(lesson__course=course, status=VersionStatus.PUBLISHED)
        .select_related("lesson")
        .annotate(n_questions=Count("questions"))
        .order_by("lesson__order")
    )
    progress = (
        {p.lesson_id: p for p in LessonProgress.objects.filter(enrolment=enrolment)} if enrolment else {}
    )
    rows = []
    for v in versions:
        p = progress.get(v.lesson_id)
        rows.append(
            LessonRow(
                lesson=v.lesson,
                version=v,
                viewed=p is not None,
                passed=bool(p and p.quiz_passed),
                has_quiz=bool(v.n_questions),
                best_score=p.best_score if p else None,
            )
        )
    return rows


def published_version(course: Course, order: int) -> LessonVersion:
    return get_object_or_404(
        LessonVersion.objects.select_related("lesson__course").prefetch_related(
            "images", "questions__choices"
        ),
        lesson__course=course,
        lesson__order=order,
        status=VersionStatus.PUBLISHED,
    )


def enrolment_for(user: Any, course: Course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def certificate_by_code(code: str) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("user", "course", "city").exclude(certificate_code=""),
        certificate_code=code,
        completed_at__isnull=False,
    )


def course_completion_for_city(city: City) -> tuple[int, int]:
    """(enrolled, completed): the city's officials in the initiation course, an accession-time indicator."""
    row = Enrolment.objects.filter(city=city).aggregate(
        enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False))
    )
    return row["enrolled"], row["completed"]


@dataclass
class CityRow:
    city_id: int | None
    name: str
    member: bool
    enrolled: int
    completed: int


def completion_by_city(course: Course | None = None) -> list[CityRow]:
    """Enrolment and completion per city (learners with no city role together on one row), most enrolled
    first. Two queries."""
    enrolments = Enrolment.objects.all() if course is None else Enrolment.objects.filter(course=course)
    rows = enrolments.values("city_id").annotate(
        enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False))
    )
    cities = {c.pk: c for c in City.objects.filter(pk__in=[r["city_id"] for r in rows if r["city_id"]])}
    out = []
    for r in rows:
        city = cities.get(r["city_id"]) if r["city_id"] else None
        out.append(
            CityRow(
                city_id=r["city_id"],
                name=city.name if city else str(_("no city role")),
                member=bool(city and city.status == CityStatus.MEMBER),
                enrolled=r["enrolled"],
                completed=r["completed"],
            )
        )
    return sorted(out, key=lambda row: (row.city_id is None, -row.enrolled, row.name))


@dataclass
class MissedQuestion:
    question: str
    lesson: str
    answered: int
    wrong: int

    @property
    def share_wrong(self) -> float:
        return self.wrong / self.answered if self.answered else 0.0


def missed_questions(course: Course, limit: int = 20) -> list[MissedQuestion]:
    """The questions most learners get wrong at their first answer (share wrong, n), most missed first."""
    rows = (
        QuizAnswer.objects.filter(question__version__lesson__course=course)
        .values("question_id", "question__text", "question__version__title")
        .annotate(answered=Count("pk"), wrong=Count("pk", filter=Q(correct=False)))
    )
    out = [
        MissedQuestion(
            question=r["question__text"],
            lesson=r["question__version__title"],
            answered=r["answered"],
            wrong=r["wrong"],
        )
        for r in rows
    ]
    out.sort(key=lambda m: (-round(m.share_wrong, 6), -m.answered, m.question))
    return out[:limit]


def course_history(course: Course) -> list[HistoryEntry]:
    return history_entries(course)


def version_history(version: LessonVersion) -> list[HistoryEntry]:
    return history_entries(version)


def my_enrolments(user: Any) -> list[Enrolment]:
    return list(Enrolment.objects.filter(user=user).select_related("course").order_by("-last_activity_at"))
