"""Writes of the initiation course: the secretariat's authoring (course, lessons and their versions, quizzes,
images) and the learners' progress (enrolment, lessons viewed, quiz answers, completion and certificate).

Workflow of a lesson version (VERSION_WORKFLOW, declared once): draft -> in review -> published, and back
from review to draft. Publishing a version retires the one published before it; editing a published lesson
starts a new draft version (a copy, quiz included) while learners keep their progress, which is kept per
lesson, not per version. A course is complete for a learner when every lesson with a published version was
viewed and each such lesson's quiz passed (at least PASS_SHARE of its questions right).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import Role, RoleKind, User
from icc.accounts.selectors import user_roles_summary
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.core.workflow import Workflow
from icc.learning.models import (
    PASS_SHARE,
    Choice,
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    LessonImage,
    LessonProgress,
    LessonVersion,
    Question,
    QuizAnswer,
    VersionStatus,
)
from icc.learning.video import ALLOWED_HOSTS, parse_video
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify

VERSION_WORKFLOW = Workflow(
    name="lesson version",
    labels=dict(VersionStatus.choices),
    transitions={
        VersionStatus.DRAFT: [VersionStatus.IN_REVIEW],
        VersionStatus.IN_REVIEW: [VersionStatus.DRAFT, VersionStatus.PUBLISHED],
        VersionStatus.PUBLISHED: [VersionStatus.RETIRED],
        VersionStatus.RETIRED: [],
    },
)
LANGUAGES = ("en", "fr")
RESERVED_SLUGS = ("new", "manage", "versions", "images")
IDLE_BEFORE_REMINDER = datetime.timedelta(days=14)


def _secretariat_only(by: User) -> None:
    if not user_roles_summary(by).secretariat:
        raise PermissionDenied


def _clean(obj: Any, errors: dict[str, list[str]], exclude: Sequence[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _both_languages(data: Mapping[str, Any], name: str, errors: dict[str, list[str]], message: str) -> None:
    for lang in LANGUAGES:
        if not str(data.get(f"{name}_{lang}") or "").strip():
            errors.setdefault(f"{name}_{lang}", []).append(message)


# ------------------------------------------------------------------------------------------------ courses


def course_save(*, by: User, data: Mapping[str, Any], course: Course | None = None) -> Course:
    """Create a course or change its title and summary (English and French both required)."""
    _secretariat_only(by)
    errors: dict[str, list[str]] = {}
    _both_languages(data, "title", errors, _("Give the title in English and in French."))
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk) if course else Course()
        created = course.pk is None
        for name in ("slug", "title_en", "title_fr", "summary_en", "summary_fr"):
            if name in data:
                setattr(course, name, str(data[name] or "").strip())
        course.title = course.title_en
        course.summary = course.summary_en
        if course.slug in RESERVED_SLUGS:
            errors.setdefault("slug", []).append(_("This short name is taken by a page; choose another."))
        _clean(course, errors)
        code = "learning.course_created" if created else "learning.course_changed"
        record_change(course, by=by, reason=reason(code))
        course.save()
    return course


def course_publish(*, by: User, course: Course) -> Course:
    _secretariat_only(by)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        if course.status == CourseStatus.PUBLISHED:
            raise ValidationError({"status": _("The course is already published.")})
        if not LessonVersion.objects.filter(lesson__course=course, status=VersionStatus.PUBLISHED).exists():
            raise ValidationError({"status": _("Publish at least one lesson before the course.")})
        course.status = CourseStatus.PUBLISHED
        course.published_at = course.published_at or timezone.now()
        record_change(course, by=by, reason=reason("learning.course_published"))
        course.save()
    return course


# ------------------------------------------------------------------------------------------------ lessons


def _apply_version(version: LessonVersion, data: Mapping[str, Any], errors: dict[str, list[str]]) -> None:
    for name in ("title_en", "title_fr", "body_en", "body_fr", "video_url", "change_note"):
        if name in data:
            setattr(version, name, str(data[name] or "").strip())
    version.title = version.title_en
    version.body = version.body_en
    if not (version.title_en and version.title_fr):
        errors.setdefault("title_en", []).append(_("Give the title in English and in French."))
    if version.video_url and parse_video(version.video_url) is None:
        errors.setdefault("video_url", []).append(
            _("Only https links to these video sites are embedded: %(hosts)s. Paste the video's own address.")
            % {"hosts": ", ".join(ALLOWED_HOSTS)}
        )


def lesson_create(*, by: User, course: Course, data: Mapping[str, Any]) -> LessonVersion:
    """A new lesson at the end of the course, with its first draft version."""
    _secretariat_only(by)
    errors: dict[str, list[str]] = {}
    with transaction.atomic():
        last = Lesson.objects.filter(course=course).aggregate(m=Max("order"))["m"] or 0
        lesson = Lesson(course=course, order=last + 1)
        record_change(lesson, by=by, reason=reason("learning.lesson_created"))
        lesson.save()
        version = LessonVersion(lesson=lesson, number=1, author=by)
        _apply_version(version, data, errors)
        _clean(version, errors, exclude=["author"])
        record_change(version, by=by, reason=reason("learning.version_created", number=1))
        version.save()
    return version


def version_update(*, by: User, version: LessonVersion, data: Mapping[str, Any]) -> LessonVersion:
    _secretariat_only(by)
    errors: dict[str, list[str]] = {}
    with transaction.atomic():
        version = LessonVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != VersionStatus.DRAFT:
            raise ValidationError(
                {"status": _("Only a draft is changed. Start a new version of the lesson to change it.")}
            )
        _apply_version(version, data, errors)
        _clean(version, errors, exclude=["author"])
        record_change(version, by=by, reason=reason("learning.version_changed"))
        version.save()
    return version


def lesson_new_version(*, by: User, lesson: Lesson) -> LessonVersion:
    """A draft copy of the lesson's newest version (text, video, images, quiz), to edit while the published
    one stays online. Refused while a draft or a version in review exists."""
    _secretariat_only(by)
    with transaction.atomic():
        Lesson.objects.select_for_update().get(pk=lesson.pk)
        versions = list(LessonVersion.objects.filter(lesson=lesson).order_by("-number"))
        if any(v.status in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW) for v in versions):
            raise ValidationError({"status": _("The lesson already has a version in draft or in review.")})
        source = versions[0]
        copy = LessonVersion(
            lesson=lesson,
            number=source.number + 1,
            author=by,
            **{
                f"{n}_{lang}": getattr(source, f"{n}_{lang}") for n in ("title", "body") for lang in LANGUAGES
            },
            title=source.title_en,
            body=source.body_en,
            video_url=source.video_url,
        )
        record_change(copy, by=by, reason=reason("learning.version_created", number=copy.number))
        copy.save()
        for image in source.images.all():
            LessonImage.objects.create(
                version=copy,
                file=image.file.name,
                name=image.name,
                size=image.size,
                uploaded_by=image.uploaded_by,
                alt_en=image.alt_en,
                alt_fr=image.alt_fr,
            )
        for question in source.questions.prefetch_related("choices"):
            choices = list(question.choices.all())
            question.pk = None
            question.version = copy
            question.save()
            for choice in choices:
                choice.pk = None
                choice.question = question
                choice.save()
    return copy


def version_move(*, by: User, version: LessonVersion, status: str) -> LessonVersion:
    """Submit for review (tells the rest of the secretariat), return to draft, or publish (retiring the
    version published before)."""
    _secretariat_only(by)
    with transaction.atomic():
        version = (
            LessonVersion.objects.select_for_update().select_related("lesson__course").get(pk=version.pk)
        )
        VERSION_WORKFLOW.check(version.status, status)
        if status == VersionStatus.IN_REVIEW:
            errors: dict[str, list[str]] = {}
            _both_languages(
                {f"body_{lang}": getattr(version, f"body_{lang}") for lang in LANGUAGES},
                "body",
                errors,
                _("A lesson goes to review with its text in English and in French."),
            )
            if not version.questions.exists():
                errors.setdefault("questions", []).append(_("Add at least one quiz question."))
            if errors:
                raise ValidationError(errors)
            version.submitted_at = timezone.now()
        if status == VersionStatus.PUBLISHED:
            for older in LessonVersion.objects.filter(lesson=version.lesson, status=VersionStatus.PUBLISHED):
                older.status = VersionStatus.RETIRED
                record_change(older, by=by, reason=reason("learning.version_status", status=older.status))
                older.save()
            version.published_at = timezone.now()
        version.status = status
        record_change(version, by=by, reason=reason("learning.version_status", status=status))
        version.save()
        if status == VersionStatus.IN_REVIEW:
            reviewers = User.objects.filter(roles__kind=RoleKind.SECRETARIAT).exclude(pk=by.pk).distinct()
            link = reverse("learning:version", args=[version.pk])
            notify(
                recipients=reviewers,
                kind=NotificationKind.LESSON_TO_REVIEW,
                obj=version,
                context={"what": version.title, "course": version.lesson.course.title},
                link=link,
                key=f"learning.review.{version.pk}.{version.submitted_at:%Y%m%d%H%M%S}",
            )
    return version


@dataclass
class ChoiceInput:
    text_en: str
    text_fr: str
    correct: bool = False
    feedback_en: str = ""
    feedback_fr: str = ""


def question_add(
    *, by: User, version: LessonVersion, text_en: str, text_fr: str, choices: Sequence[ChoiceInput]
) -> Question:
    """A quiz question with its choices (at least two, at least one right; each with feedback)."""
    _secretariat_only(by)
    errors: dict[str, list[str]] = {}
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            {"status": _("Only a draft is changed. Start a new version of the lesson to change it.")}
        )
    _both_languages(
        {"text_en": text_en, "text_fr": text_fr},
        "text",
        errors,
        _("Write the question in English and in French."),
    )
    filled = [c for c in choices if c.text_en.strip() or c.text_fr.strip()]
    if len(filled) < 2:
        errors.setdefault("choices", []).append(_("Give at least two choices."))
    if not any(c.correct for c in filled):
        errors.setdefault("choices", []).append(_("Mark at least one choice as right."))
    if any(not (c.text_en.strip() and c.text_fr.strip()) for c in filled):
        errors.setdefault("choices", []).append(_("Write every choice in English and in French."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        order = (version.questions.aggregate(m=Max("order"))["m"] or 0) + 1
        question = Question(
            version=version,
            order=order,
            text=text_en.strip(),
            text_en=text_en.strip(),
            text_fr=text_fr.strip(),
        )
        _clean(question, {})
        record_change(question, by=by, reason=reason("learning.question_added"))
        question.save()
        for i, c in enumerate(filled, start=1):
            choice = Choice(
                question=question,
                order=i,
                text=c.text_en.strip(),
                text_en=c.text_en.strip(),
                text_fr=c.text_fr.strip(),
                correct=c.correct,
                feedback=c.feedback_en.strip(),
                feedback_en=c.feedback_en.strip(),
                feedback_fr=c.feedback_fr.strip(),
            )
            _clean(choice, {})
            record_change(choice, by=by, reason=reason("learning.question_added"))
            choice.save()
    return question


def image_add(
    *, by: User, version: LessonVersion, file: UploadedFile, alt_en: str, alt_fr: str
) -> LessonImage:
    """An image of the lesson (PNG or JPEG), with its alternative text in both languages, required."""
    _secretariat_only(by)
    errors: dict[str, list[str]] = {}
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            {"status": _("Only a draft is changed. Start a new version of the lesson to change it.")}
        )
    _both_languages(
        {"alt_en": alt_en, "alt_fr": alt_fr},
        "alt",
        errors,
        _("Describe the image for people who cannot see it, in English and in French."),
    )
    try:
        name = validate_upload(file, allowed=("png", "jpeg"))
    except ValidationError as exc:
        errors.setdefault("file", []).extend(exc.messages)
        name = ""
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        image = LessonImage(
            version=version,
            name=name,
            size=file.size or 0,
            uploaded_by=by,
            alt_en=alt_en.strip(),
            alt_fr=alt_fr.strip(),
        )
        image.file.save(name, file, save=False)
        record_change(image, by=by, reason=reason("learning.image_added", words=name))
        image.save()
    return image


# ------------------------------------------------------------------------------------------------ learners


def _learner_city_id(user: User) -> int | None:
    """The city a learner works for: the first of their city roles (coordinator before contributor)."""
    roles = Role.objects.filter(
        user=user, city__isnull=False, kind__in=[RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR]
    )
    first = roles.order_by("kind", "pk").values_list("city_id", flat=True).first()
    return first


def enrol(*, user: User, course: Course) -> Enrolment:
    """Enrol a signed-in person in a published course (once: a second call returns the same enrolment)."""
    if course.status != CourseStatus.PUBLISHED:
        raise ValidationError({"course": _("This course is not published yet.")})
    with transaction.atomic():
        existing = Enrolment.objects.filter(user=user, course=course).first()
        if existing:
            return existing
        enrolment = Enrolment(
            user=user, course=course, city_id=_learner_city_id(user), last_activity_at=timezone.now()
        )
        record_change(enrolment, by=user, reason=reason("learning.enrolled"))
        enrolment.save()
    return enrolment


def lesson_viewed(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    with transaction.atomic():
        now = timezone.now()
        progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
        if progress is None:
            progress = LessonProgress(enrolment=enrolment, lesson=lesson, viewed_at=now)
            record_change(progress, by=enrolment.user, reason=reason("learning.progress"))
            progress.save()
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    return progress


@dataclass
class QuestionResult:
    question: Question
    picked: set[int]
    right: bool
    feedback: list[tuple[Choice, bool]] = field(default_factory=list)  # the picked choices, right or not


@dataclass
class QuizResult:
    results: list[QuestionResult]
    score: float
    passed: bool
    completed: bool

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def quiz_submit(
    *, enrolment: Enrolment, version: LessonVersion, picked: Mapping[int, set[int]]
) -> QuizResult:
    """Score a learner's answers to a lesson's quiz (every question must be answered), keep their first
    answer to each question, the best score and whether the quiz is passed; complete the course when it
    was the last thing missing."""
    questions = list(version.questions.prefetch_related("choices"))
    missing = [q for q in questions if not picked.get(q.pk)]
    if missing:
        raise ValidationError({f"question_{q.pk}": _("Choose an answer.") for q in missing})
    results = []
    for q in questions:
        choices = list(q.choices.all())
        right_ids = {c.pk for c in choices if c.correct}
        chosen = set(picked[q.pk]) & {c.pk for c in choices}
        results.append(
            QuestionResult(
                question=q,
                picked=chosen,
                right=chosen == right_ids,
                feedback=[(c, c.correct) for c in choices if c.pk in chosen],
            )
        )
    score = sum(r.right for r in results) / len(results) if results else 1.0
    passed = score >= PASS_SHARE
    with transaction.atomic():
        progress = lesson_viewed(enrolment=enrolment, lesson=version.lesson)
        progress = LessonProgress.objects.select_for_update().get(pk=progress.pk)
        progress.attempts += 1
        progress.best_score = max(progress.best_score or 0.0, score)
        progress.quiz_passed = progress.quiz_passed or passed
        record_change(progress, by=enrolment.user, reason=reason("learning.progress"))
        progress.save()
        answered = set(
            QuizAnswer.objects.filter(enrolment=enrolment, question__in=questions).values_list(
                "question_id", flat=True
            )
        )
        QuizAnswer.objects.bulk_create(
            [
                QuizAnswer(
                    enrolment=enrolment, question=r.question, choices=sorted(r.picked), correct=r.right
                )
                for r in results
                if r.question.pk not in answered
            ]
        )
        completed = _complete_if_done(enrolment)
    return QuizResult(results=results, score=score, passed=passed, completed=completed)


def _complete_if_done(enrolment: Enrolment) -> bool:
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course", "user", "city")
        .get(pk=enrolment.pk)
    )
    if enrolment.completed_at:
        return False
    lessons = set(
        LessonVersion.objects.filter(
            lesson__course=enrolment.course, status=VersionStatus.PUBLISHED
        ).values_list("lesson_id", flat=True)
    )
    with_quiz = set(
        Question.objects.filter(
            version__lesson__course=enrolment.course, version__status=VersionStatus.PUBLISHED
        ).values_list("version__lesson_id", flat=True)
    )
    progress = {p.lesson_id: p for p in LessonProgress.objects.filter(enrolment=enrolment)}
    done = all(lid in progress and (lid not in with_quiz or progress[lid].quiz_passed) for lid in lessons)
    if not (lessons and done):
        return False
    enrolment.completed_at = timezone.now()
    enrolment.certificate_code = secrets.token_urlsafe(16)
    record_change(enrolment, by=enrolment.user, reason=reason("learning.completed"))
    enrolment.save()
    if enrolment.city_id:
        coordinators = User.objects.filter(
            roles__kind=RoleKind.CITY_COORDINATOR, roles__city_id=enrolment.city_id
        ).exclude(pk=enrolment.user_id)
        notify(
            recipients=coordinators.distinct(),
            kind=NotificationKind.COURSE_COMPLETED,
            obj=enrolment,
            context={
                "what": enrolment.course.title,
                "learner": enrolment.user.get_full_name() or enrolment.user.email,
                "city": enrolment.city.name if enrolment.city else "",
            },
            link=reverse("learning:manage"),
            key=f"learning.completed.{enrolment.pk}",
        )
    return True


def course_reminders_daily(*, today: datetime.date | None = None) -> int:
    """The daily run's hook (`icc send_notifications`): the course reminders as of now."""
    return send_course_reminders()


def send_course_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind, once, each learner whose started course is idle for 14 days. Returns how many were told."""
    now = now or timezone.now()
    due = Enrolment.objects.filter(
        completed_at__isnull=True, reminded_at__isnull=True, last_activity_at__lt=now - IDLE_BEFORE_REMINDER
    ).select_related("user", "course")
    told = 0
    for enrolment in due:
        with transaction.atomic():
            result = notify(
                recipients=[enrolment.user],
                kind=NotificationKind.COURSE_NOT_FINISHED,
                obj=enrolment.course,
                context={"what": enrolment.course.title},
                link=reverse("learning:course", args=[enrolment.course.slug]),
                key=f"learning.not_finished.{enrolment.pk}",
            )
            enrolment.reminded_at = now
            record_change(enrolment, by=None, reason=reason("learning.reminded"))
            enrolment.save(update_fields=["reminded_at", "updated"])
            told += 1 if result else 0
    return told
