"""The initiation course (issue 16): courses the secretariat writes in the platform, and learners' progress.

- `Course`: a title and a summary in English and French, draft or published; the date it was first
  published is the programme's "initiation course ready" (selectors.course_first_published_on).
- `Lesson`: a place in a course (its order); what it says lives in numbered `LessonVersion`s, so that a
  published lesson is edited as a new draft version while learners keep their progress on the lesson.
- `LessonVersion`: title and text (plain text rendered with line breaks, the way practices show their
  texts), an optional video link from an allow-list of hosts (icc/learning/video.py), images with their
  alternative text (`LessonImage`), and a quiz (`Question`, `Choice`). Workflow (services.VERSION_WORKFLOW):
  draft -> in review -> published; publishing a version retires the one published before it.
- `Enrolment`: one per person and course, with the learner's city (from their roles when they enrol), the
  last activity (for the reminder), completion and the unguessable certificate code.
- `LessonProgress`: a lesson viewed, the best quiz score and whether the quiz is passed (>= 70 %).
- `QuizAnswer`: a learner's first answer to a question (what the "questions most learners miss" read).
"""

from __future__ import annotations

import os
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import StoredFile, TimeStampedModel
from icc.network.models import City

PASS_SHARE = 0.7  # a quiz is passed with at least 70 % of its questions right


class CourseStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", pgettext_lazy("course or lesson status", "published")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", pgettext_lazy("course or lesson status", "published")
    RETIRED = "retired", _("replaced by a newer version")


class CourseQuerySet(models.QuerySet["Course"]):
    def public(self) -> Self:
        return self.filter(status=CourseStatus.PUBLISHED)


class Course(TimeStampedModel):
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=CourseStatus.choices, default="draft")
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # added by modeltranslation
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str

    objects: ClassVar[CourseQuerySet] = CourseQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Lesson(TimeStampedModel):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="lessons"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["course_id", "order"]
        constraints = [models.UniqueConstraint(fields=["course", "order"], name="learning_lesson_order")]

    def __str__(self) -> str:
        return f"{self.course} · {self.order}"


class VersionQuerySet(models.QuerySet["LessonVersion"]):
    def public(self) -> Self:
        return self.filter(status=VersionStatus.PUBLISHED, lesson__course__status=CourseStatus.PUBLISHED)


class LessonVersion(TimeStampedModel):
    lesson = models.ForeignKey(
        Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices, default="draft")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True)
    # added by modeltranslation
    title_en: str
    title_fr: str
    body_en: str
    body_fr: str

    objects: ClassVar[VersionQuerySet] = VersionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("lesson version")
        verbose_name_plural = _("lesson versions")
        ordering = ["lesson_id", "number"]
        constraints = [models.UniqueConstraint(fields=["lesson", "number"], name="learning_version_number")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


def _image_path(instance: LessonImage, filename: str) -> str:
    return f"learning/{instance.version_id}/{os.urandom(8).hex()}-{filename}"


class LessonImage(StoredFile):
    version = models.ForeignKey(
        LessonVersion, verbose_name=_("lesson version"), on_delete=models.CASCADE, related_name="images"
    )
    file = models.FileField(_("file"), upload_to=_image_path, max_length=300)
    alt_en = models.CharField(_("alternative text (English)"), max_length=300)
    alt_fr = models.CharField(_("alternative text (French)"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["pk"]

    @property
    def alt(self) -> str:
        return self.alt_fr if (get_language() or "en")[:2] == "fr" else self.alt_en


class Question(TimeStampedModel):
    version = models.ForeignKey(
        LessonVersion, verbose_name=_("lesson version"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("question"), max_length=500)
    text_en: str  # added by modeltranslation, like text_fr
    text_fr: str

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["version_id", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def multiple(self) -> bool:
        """More than one right choice: the quiz shows check boxes rather than radio buttons."""
        return sum(1 for c in self.choices.all() if c.correct) > 1


class Choice(TimeStampedModel):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("answer"), max_length=300)
    correct = models.BooleanField(_("right answer"), default=False)
    feedback = models.CharField(_("feedback on this choice"), max_length=500, blank=True)
    # added by modeltranslation
    text_en: str
    text_fr: str
    feedback_en: str
    feedback_fr: str

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question_id", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Enrolment(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(_("last activity"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    certificate_code = models.CharField(_("certificate code"), max_length=40, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_one_enrolment"),
            models.UniqueConstraint(
                fields=["certificate_code"],
                condition=~models.Q(certificate_code=""),
                name="learning_certificate_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"


class LessonProgress(TimeStampedModel):
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="progress"
    )
    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField(_("viewed"))
    best_score = models.FloatField(_("best quiz score"), null=True, blank=True)
    quiz_passed = models.BooleanField(_("quiz passed"), default=False)
    attempts = models.PositiveSmallIntegerField(_("quiz attempts"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_one_progress")]


class QuizAnswer(TimeStampedModel):
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    choices = models.JSONField(_("choices picked"), default=list)
    correct = models.BooleanField(_("right"))

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "question"], name="learning_first_answer")
        ]
