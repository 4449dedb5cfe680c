"""Evaluations of strategies' implementation (issue 14, "Evaluation of implementation").

`Evaluation`: the evaluation of one city's strategy. Its instrument is its `EvaluationSection`s (one per
result
and per programme of the strategy, plus "General questions") holding `EvaluationQuestion`s: one per action
and per
performance measure, prefilled from the strategy, and free questions the secretariat adds (text, scale,
yes/no).
The secretariat builds it while it is a draft, opens it to the city with a deadline; the city's people answer
(`EvaluationAnswer`, autosaved, with `EvaluationEvidence` files) and submit; the secretariat returns it with
comments or accepts the answers by assigning an expert.

`EvaluationReport`: the expert's report on it (summary, findings, `Recommendation`s linked to a result or an
action), drafted, reviewed by the secretariat, shared with the city and published, like the Index report. The
next version of the strategy links to the published evaluation (`Evaluation.next_strategy`).
"""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import StoredFile, TimeStampedModel
from icc.core.workflow import Workflow
from icc.experts.models import Expert
from icc.network.models import City


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("being built")
    OPEN = "open", _("open to the city")
    SUBMITTED = "submitted", _("answers submitted")
    RETURNED = "returned", _("returned to the city")
    ACCEPTED = "accepted", _("answers accepted")


# The secretariat builds the instrument (draft), opens it to the city; the city submits; the secretariat
# returns
# it with comments (the city answers again and submits) or accepts the answers, which it does by assigning the
# expert who writes the report.
EVALUATION_WORKFLOW = Workflow(
    name="strategy evaluation",
    labels=dict(EvaluationStatus.choices),
    transitions={
        EvaluationStatus.DRAFT: [EvaluationStatus.OPEN],
        EvaluationStatus.OPEN: [EvaluationStatus.SUBMITTED],
        EvaluationStatus.SUBMITTED: [EvaluationStatus.RETURNED, EvaluationStatus.ACCEPTED],
        EvaluationStatus.RETURNED: [EvaluationStatus.SUBMITTED],
    },
)
ANSWERING = (EvaluationStatus.OPEN, EvaluationStatus.RETURNED)


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def public(self) -> Self:
        """Evaluations whose report is published: what the public site and the public API show."""
        return self.filter(report__status=ReportStatus.PUBLISHED, city__in=City.objects.public())


class Evaluation(TimeStampedModel):
    """The evaluation of a city's strategy: its instrument, the city's answers and their status."""

    history: Any
    title_en: str  # added by modeltranslation, like title_fr
    title_fr: str
    strategy = models.ForeignKey(
        "strategies.Strategy",
        verbose_name=_("strategy"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="evaluations"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    deadline = models.DateField(_("answer by"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_comment = models.TextField(_("comments of the secretariat"), blank=True)
    next_strategy = models.ForeignKey(
        "strategies.Strategy",
        verbose_name=_("next strategy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="previous_evaluations",
        help_text=_("The next version of the city's strategy, which builds on this evaluation."),
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy evaluation")
        verbose_name_plural = _("strategy evaluations")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_answering(self) -> bool:
        return self.status in ANSWERING


class EvaluationSection(TimeStampedModel):
    """A section of the instrument: one per result, one per programme, and the general questions."""

    history: Any
    title_en: str
    title_fr: str
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    result = models.ForeignKey(
        "strategies.Result",
        verbose_name=_("result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = models.ForeignKey(
        "strategies.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evaluation section")
        verbose_name_plural = _("evaluation sections")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", _("text")
    SCALE = "scale", _("scale from 1 to 5")
    YES_NO = "yes_no", _("yes or no")


class QuestionSource(models.TextChoices):
    ACTION = "action", _("an action of the strategy")
    MEASURE = "measure", _("a performance measure")
    FREE = "free", _("added by the secretariat")


SCALE_VALUES = ("1", "2", "3", "4", "5")
YES_NO_VALUES = ("yes", "no")


class EvaluationQuestion(TimeStampedModel):
    """A question of the instrument. Generated ones carry their action or measure and `context`: its title and
    latest data as they were when the instrument was built (the city answers about what it saw)."""

    history: Any
    text_en: str
    text_fr: str
    section = models.ForeignKey(
        EvaluationSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    source = models.CharField(
        _("source"), max_length=10, choices=QuestionSource.choices, default=QuestionSource.FREE
    )
    text = models.CharField(_("question"), max_length=500)
    context = models.TextField(_("what the strategy says"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    action = models.ForeignKey(
        "strategies.Action",
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    measure = models.ForeignKey(
        "strategies.PerformanceMeasure",
        verbose_name=_("performance measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class EvaluationAnswer(TimeStampedModel):
    """The city's answer to one question: a value (scale 1-5, yes/no; empty for text questions) and its words.
    `revision` counts the saves, so that a save made on an older page does not overwrite a colleague's."""

    question = models.OneToOneField(
        EvaluationQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answer"
    )
    value = models.CharField(_("answer"), max_length=10, blank=True)
    text = models.TextField(_("explanation"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")

    def __str__(self) -> str:
        return f"{self.question}: {self.value or self.text[:40]}"

    @property
    def is_answered(self) -> bool:
        return bool(self.value or self.text.strip())


class EvaluationEvidence(StoredFile):
    """A file the city attaches to a question as evidence."""

    question = models.ForeignKey(
        EvaluationQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="evaluations/evidence/%Y/", max_length=300)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["created", "pk"]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    SHARED = "shared", _("shared with the city")
    PUBLISHED = "published", _("published")


# Like the Index report (icc/reports): the expert drafts and sends it for review; the secretariat sends it
# back
# to the expert, shares it with the city for reading, or publishes it (directly or after sharing).
REPORT_WORKFLOW = Workflow(
    name="evaluation report",
    labels=dict(ReportStatus.choices),
    transitions={
        ReportStatus.DRAFT: [ReportStatus.REVIEW],
        ReportStatus.REVIEW: [ReportStatus.DRAFT, ReportStatus.SHARED, ReportStatus.PUBLISHED],
        ReportStatus.SHARED: [ReportStatus.DRAFT, ReportStatus.PUBLISHED],
    },
)


class EvaluationReport(TimeStampedModel):
    """The expert's evaluation report. Summary and findings are translated (EN/FR)."""

    history: Any
    summary_en: str
    summary_fr: str
    findings_en: str
    findings_fr: str
    evaluation = models.OneToOneField(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="report"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="evaluation_reports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    review_comment = models.TextField(_("comments of the secretariat"), blank=True)
    shared_at = models.DateTimeField(_("shared on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    city_read_at = models.DateTimeField(_("read by the city on"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="evaluations_report_published_has_date",
            )
        ]

    def __str__(self) -> str:
        return str(self.evaluation)


class Recommendation(TimeStampedModel):
    """A recommendation of the report, linked to the result or the action it is about where it applies."""

    history: Any
    text_en: str
    text_fr: str
    report = models.ForeignKey(
        EvaluationReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    result = models.ForeignKey(
        "strategies.Result",
        verbose_name=_("result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.ForeignKey(
        "strategies.Action",
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
