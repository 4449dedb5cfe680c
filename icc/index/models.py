"""The Index questionnaire: versions (as interchange documents), rounds, cities' responses and their review.

A questionnaire version is stored as the interchange document itself (docs: shared index-format),
so its texts are language maps ({"en": ..., "fr": ...}) and a new language is data, not code.
Answers refer to questions by their stable ids.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import StoredFile, TimeStampedModel
from icc.core.workflow import Workflow


def localized(texts: object, language: str | None = None) -> str:
    """The text of a language map in the reader's language, falling back to English, then any."""
    if not isinstance(texts, dict):
        return "" if texts is None else str(texts)
    lang = (language or get_language() or "en").split("-")[0]
    return str(texts.get(lang) or texts.get("en") or next(iter(texts.values()), ""))


class Questionnaire(TimeStampedModel):
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    title = models.JSONField(_("title"), default=dict)
    version_label = models.JSONField(_("version label"), default=dict)
    published = models.DateField(_("published"), null=True, blank=True)
    document = models.JSONField(_("questionnaire document"))
    source_sha256 = models.CharField(_("checksum of the source file"), max_length=64)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["-published", "key"]

    def __str__(self) -> str:
        return localized(self.version_label) or self.key

    @property
    def display_title(self) -> str:
        return localized(self.title)


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("round status", "Open")
    CLOSED = "closed", _("Closed")


ROUND_WORKFLOW = Workflow(
    name="index round",
    labels=dict(RoundStatus.choices),
    transitions={
        RoundStatus.DRAFT: [RoundStatus.OPEN],
        RoundStatus.OPEN: [RoundStatus.CLOSED],
        RoundStatus.CLOSED: [RoundStatus.OPEN],
    },
)


class Round(TimeStampedModel):
    name_en: str  # added by modeltranslation (icc/index/translation.py), like name_fr
    name_fr: str | None
    history: Any  # simple-history's manager, registered after the translation
    name = models.CharField(_("name"), max_length=200)
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the secretariat releases the round's results: from then on the scores of the cities that
    # agreed to publication are public (see selectors/publication.py, the one place that decides).
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("results published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # `name` is translated (icc/index/translation.py: name_en, name_fr) and its history registered there,
    # after the translation, so that it records every language's column.

    class Meta:
        verbose_name = _("Index round")
        verbose_name_plural = _("Index rounds")
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.name


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("questionnaire status", "Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", pgettext_lazy("status", "Submitted")
    RETURNED = "returned", _("Returned for revision")
    VALIDATED = "validated", _("Validated")


RESPONSE_WORKFLOW = Workflow(
    name="Index response",
    labels=dict(ResponseStatus.choices),
    transitions={
        ResponseStatus.NOT_STARTED: [ResponseStatus.IN_PROGRESS, ResponseStatus.SUBMITTED],
        ResponseStatus.IN_PROGRESS: [ResponseStatus.SUBMITTED],
        ResponseStatus.SUBMITTED: [ResponseStatus.RETURNED, ResponseStatus.VALIDATED],
        ResponseStatus.RETURNED: [ResponseStatus.SUBMITTED],
        ResponseStatus.VALIDATED: [ResponseStatus.RETURNED],  # reopening, with a recorded reason
    },
)
# Statuses in which the city may change answers.
EDITABLE_STATUSES = frozenset(
    {ResponseStatus.NOT_STARTED, ResponseStatus.IN_PROGRESS, ResponseStatus.RETURNED}
)


class Response(TimeStampedModel):
    """One city's answers to one round: several people fill it in over weeks."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="responses"
    )
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="index_responses"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ResponseStatus.choices, default=ResponseStatus.NOT_STARTED
    )
    deadline = models.DateField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(_("note from the secretariat"), blank=True)
    # The city's agreement to publish its results (scores and reports) once the round's results are out.
    publication_agreed = models.BooleanField(_("the city agrees to publish its results"), default=False)
    publication_decided_at = models.DateTimeField(_("publication decided at"), null=True, blank=True)
    publication_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publication decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Index response")
        verbose_name_plural = _("Index responses")
        ordering = ["round", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "city"], name="response_once_per_city_and_round")
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.round}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class SectionAssignment(TimeStampedModel):
    """A colleague asked to answer one area (section) of a city's response."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="assignments"
    )
    area = models.CharField(_("section"), max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("section assignment")
        verbose_name_plural = _("section assignments")
        constraints = [
            models.UniqueConstraint(fields=["response", "area", "user"], name="assignment_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.response} · {self.area} · {self.user}"


class Answer(TimeStampedModel):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.CharField(_("question"), max_length=120)
    # An option id, a list of option ids, a number, a text, or "n/a" (interchange format); null = unanswered.
    value = models.JSONField(_("answer"), null=True, blank=True)
    explanation = models.TextField(_("explanation and examples"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=0,
        help_text=_("Counts saves; a save based on an older revision is a conflict."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.response} · {self.question}"


def _evidence_path(instance: "EvidenceFile", filename: str) -> str:
    return f"evidence/{instance.answer.response_id}/{instance.answer_id}/{filename}"


class EvidenceFile(StoredFile):
    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=_evidence_path, max_length=300)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["created"]


class ThreadStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("conversation status", "Open")
    ANSWERED = "answered", pgettext_lazy("conversation status", "Answered")
    RESOLVED = "resolved", _("Resolved")


# A city's reply makes a thread "answered"; a secretariat reply makes it "open" again; resolving closes it.
THREAD_WORKFLOW = Workflow(
    name="comment thread",
    labels=dict(ThreadStatus.choices),
    transitions={
        ThreadStatus.OPEN: [ThreadStatus.ANSWERED, ThreadStatus.RESOLVED],
        ThreadStatus.ANSWERED: [ThreadStatus.OPEN, ThreadStatus.RESOLVED],
        ThreadStatus.RESOLVED: [ThreadStatus.OPEN],
    },
)


class CommentThread(TimeStampedModel):
    """The secretariat's questions about one answer, and the city's replies."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="threads"
    )
    question = models.CharField(_("question"), max_length=120)
    status = models.CharField(
        _("status"), max_length=10, choices=ThreadStatus.choices, default=ThreadStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment thread")
        verbose_name_plural = _("comment threads")
        ordering = ["created"]

    def __str__(self) -> str:
        return f"{self.response} · {self.question}"


class Comment(TimeStampedModel):
    thread = models.ForeignKey(
        CommentThread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created"]

    def __str__(self) -> str:
        return self.body[:60]


class RoundScores(models.Model):
    """A round's scores: the engine's scores document for the round's sample, its rank robustness and its
    statistical audit.

    The sample is every validated response of the round: all answered the same questionnaire version,
    so they are comparable. Derived data: `round_scores_compute` rewrites it, nobody edits it.
    """

    round = models.OneToOneField(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="scores"
    )
    questionnaire = models.CharField(_("questionnaire version"), max_length=60)
    engine_version = models.CharField(_("scoring engine version"), max_length=20)
    computed_at = models.DateTimeField(_("computed at"))
    # The scores document of the interchange format (cities, sample statistics), unrounded.
    document = models.JSONField(_("scores document"))
    robustness = models.JSONField(_("rank robustness"), default=dict)
    # The round's statistical audit (icc.index.audit, its own "version" key inside), computed with the scores.
    audit = models.JSONField(_("statistical audit"), default=dict)

    class Meta:
        verbose_name = _("round scores")
        verbose_name_plural = _("round scores")

    def __str__(self) -> str:
        return f"{self.round} · {self.questionnaire}"

    @property
    def sample(self) -> dict:
        return self.document.get("sample", {})


class ResponseScore(models.Model):
    """One validated response's scores within its round's sample (its entry of the round's document)."""

    response = models.OneToOneField(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="score"
    )
    questionnaire = models.CharField(_("questionnaire version"), max_length=60)
    engine_version = models.CharField(_("scoring engine version"), max_length=20)
    computed_at = models.DateTimeField(_("computed at"))
    # When the response was validated, as scored: a later validation makes these scores stale.
    validated_at = models.DateTimeField(_("validated at"), null=True)
    # {"city", "complete", "aggregate", "areas", "groups", "peer_groups", "rank"} as in the scores document.
    scores = models.JSONField(_("scores"))

    class Meta:
        verbose_name = _("response scores")
        verbose_name_plural = _("response scores")

    def __str__(self) -> str:
        return str(self.response)

    @property
    def aggregate(self) -> float | None:
        return self.scores.get("aggregate")

    @property
    def city_name(self) -> str:
        return str(self.scores.get("city", ""))
