"""A published course built through the services, as the secretariat would."""

from __future__ import annotations

from icc.accounts.models import User
from icc.learning import services
from icc.learning.models import Course, LessonVersion, VersionStatus
from icc.learning.services import ChoiceInput


def draft_lesson(alice: User, course: Course, n: int, *, questions: int = 1) -> LessonVersion:
    version = services.lesson_create(
        by=alice,
        course=course,
        data={
            "title_en": f"Lesson {n}",
            "title_fr": f"Leçon {n}",
            "body_en": f"Text of lesson {n}.\n\nSecond paragraph.",
            "body_fr": f"Texte de la leçon {n}.",
        },
    )
    for q in range(1, questions + 1):
        services.question_add(
            by=alice,
            version=version,
            text_en=f"Question {n}.{q}?",
            text_fr=f"Question {n}.{q} ?",
            choices=[
                ChoiceInput("Right", "Juste", True, "Yes, because.", "Oui, car."),
                ChoiceInput("Wrong", "Faux", False, "No: read again.", "Non : relisez."),
            ],
        )
    return version


def make_course(alice: User, *, lessons: int = 2, questions: int = 1, slug: str = "initiation") -> Course:
    course = services.course_save(
        by=alice,
        data={
            "slug": slug,
            "title_en": "The intercultural approach",
            "title_fr": "L'approche interculturelle",
            "summary_en": "Six short lessons.",
            "summary_fr": "Six courtes leçons.",
        },
    )
    for n in range(1, lessons + 1):
        version = draft_lesson(alice, course, n, questions=questions)
        services.version_move(by=alice, version=version, status=VersionStatus.IN_REVIEW)
        services.version_move(by=alice, version=version, status=VersionStatus.PUBLISHED)
    return services.course_publish(by=alice, course=course)


def right_answers(version: LessonVersion) -> dict[int, set[int]]:
    return {q.pk: {c.pk for c in q.choices.all() if c.correct} for q in version.questions.all()}


def wrong_answers(version: LessonVersion) -> dict[int, set[int]]:
    return {q.pk: {c.pk for c in q.choices.all() if not c.correct} for q in version.questions.all()}
