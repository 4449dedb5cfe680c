"""Good practice collection (issue 13): practices that cities propose and the secretariat publishes.

- `Practice`: a city's practice, its texts in English and French (either may be missing, and pages say
  so), the Index areas and questions it answers (stable identifiers of the current questionnaire:
  icc/practices/index_areas.py), themes, target groups, budget range, partners, results with figures and
  sources, transferability, contact and links. Its workflow (icc/practices/services.py): draft ->
  proposed -> in review (the secretariat's questions and the city's answers) -> published, or declined
  with a reason. Each publication is a numbered `PracticeVersion` (what the public read, with a note of
  what changed). A published practice with no review for three years is stale: its city is asked to
  confirm it.
- `PracticeImage` (with its alternative text in each language) and `PracticeDocument`: uploaded files,
  checked by content (icc/core/uploads.py) and stored like the Index evidence.
- `ReviewQuestion`: a question of the secretariat on a proposed practice, and the city's answer.

Areas, questions and themes are short lists of identifiers kept on the practice (JSON), so that the
history shows their changes with the rest; the catalogue filters them in Python, like icc/core/search.py
reads the few columns a search needs.
"""

from __future__ import annotations

import datetime
import os
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import StoredFile, TimeStampedModel
from icc.network.models import City

LANGUAGES = ("en", "fr")
STALE_AFTER_DAYS = 3 * 365


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PROPOSED = "proposed", _("proposed")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    DECLINED = "declined", _("declined")


class Theme(models.TextChoices):
    ANTI_RUMOUR = "anti_rumour", _("anti-rumour")
    REFUGEES = "refugees", _("refugees and asylum")
    NEWCOMERS = "newcomers", _("welcoming newcomers")
    YOUTH = "youth", _("young people")
    WOMEN = "women", _("women and gender equality")
    RELIGION = "religion", _("interfaith dialogue")
    ROMA = "roma", _("Roma and Travellers")
    HATE_SPEECH = "hate_speech", _("hate speech")
    PARTICIPATION = "participation", _("political participation")
    ARTS = "arts", _("arts and culture")
    SPORT = "sport", _("sport")
    EMPLOYMENT = "employment", _("jobs and entrepreneurship")
    HOUSING = "housing", _("housing and neighbourhoods")
    SCHOOLS = "schools", _("schools")
    HEALTH = "health", _("health")
    DIGITAL = "digital", _("media and digital")


class TargetGroup(models.TextChoices):
    RESIDENTS = "residents", _("all residents")
    MIGRANTS = "migrants", _("migrants")
    REFUGEES = "refugees", _("refugees")
    MINORITIES = "minorities", _("national minorities")
    YOUTH = "youth", _("young people")
    WOMEN = "women", _("women")
    CHILDREN = "children", _("children and parents")
    ELDERLY = "elderly", _("older people")
    STAFF = "staff", _("city staff")
    BUSINESSES = "businesses", _("businesses")
    CIVIL_SOCIETY = "civil_society", _("associations")
    MEDIA = "media", _("journalists and media")


class BudgetRange(models.TextChoices):
    NONE = "none", _("no specific budget")
    UNDER_10K = "under_10k", _("under 10,000 EUR")
    FROM_10K = "10k_50k", _("10,000 to 50,000 EUR")
    FROM_50K = "50k_250k", _("50,000 to 250,000 EUR")
    OVER_250K = "over_250k", _("over 250,000 EUR")


class PracticeQuerySet(models.QuerySet["Practice"]):
    def public(self) -> Self:
        """What everyone may read (pages, open data, feed, API, reports): published practices of the cities
        the public site shows. The one rule; see docs/practices.md."""
        return self.filter(status=PracticeStatus.PUBLISHED, city__in=City.objects.public())

    def stale(self, today: datetime.date | None = None) -> Self:
        """Published practices nobody reviewed for three years (the city is asked to confirm them)."""
        limit = (today or timezone.localdate()) - datetime.timedelta(days=STALE_AFTER_DAYS)
        since = datetime.datetime.combine(limit, datetime.time(), tzinfo=datetime.UTC)
        return self.filter(status=PracticeStatus.PUBLISHED).filter(
            Q(reviewed_at__lt=since) | Q(reviewed_at__isnull=True)
        )


class Practice(TimeStampedModel):
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="practices")
    status = models.CharField(
        _("status"), max_length=12, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=1000, blank=True)
    summary_fr = models.TextField(_("summary (French)"), max_length=1000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=20_000, blank=True)
    description_fr = models.TextField(_("description (French)"), max_length=20_000, blank=True)
    results_en = models.TextField(_("results: what changed (English)"), max_length=10_000, blank=True)
    results_fr = models.TextField(_("results: what changed (French)"), max_length=10_000, blank=True)
    transferability_en = models.TextField(_("transferability (English)"), max_length=5_000, blank=True)
    transferability_fr = models.TextField(_("transferability (French)"), max_length=5_000, blank=True)
    key_figures = models.TextField(
        _("figures"),
        max_length=3_000,
        blank=True,
        help_text=_("One figure per line, e.g. “1,200 pupils in 2023”."),
    )
    sources = models.TextField(
        _("sources of the evidence"),
        max_length=3_000,
        blank=True,
        help_text=_("One source per line: an evaluation, a survey, statistics, with its year."),
    )
    started = models.PositiveSmallIntegerField(_("started (year)"))
    ended = models.PositiveSmallIntegerField(
        _("ended (year)"), null=True, blank=True, help_text=_("Leave empty while it runs.")
    )
    areas = models.JSONField(_("Index areas"), default=list, blank=True)
    questions = models.JSONField(_("Index questions"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    budget_range = models.CharField(_("budget range"), max_length=12, choices=BudgetRange.choices, blank=True)
    partners = models.TextField(_("partners"), max_length=2_000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    links = models.TextField(_("links"), max_length=3_000, blank=True, help_text=_("One address per line."))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(
        _("last reviewed"), null=True, blank=True, help_text=_("Publication or the city's confirmation.")
    )
    decline_reason = models.TextField(_("reason for declining"), max_length=2_000, blank=True)
    version = models.PositiveIntegerField(_("published version"), default=0)
    history = HistoricalRecords()

    objects: ClassVar[models.Manager[Practice]] = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "-created", "pk"]
        indexes = [models.Index(fields=["status", "city"])]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    # Texts in the reader's language, falling back to the other one; `missing_language` says when it did.
    def text(self, name: str, language: str | None = None) -> str:
        lang = (language or get_language() or "en")[:2]
        own = getattr(self, f"{name}_{lang}", "") if lang in LANGUAGES else ""
        if own:
            return own
        for other in LANGUAGES:
            value = getattr(self, f"{name}_{other}", "")
            if value:
                return value
        return ""

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def summary(self) -> str:
        return self.text("summary")

    @property
    def languages(self) -> list[str]:
        return [
            lang for lang in LANGUAGES if getattr(self, f"title_{lang}") and getattr(self, f"summary_{lang}")
        ]

    @property
    def shown_language(self) -> str:
        """The language its texts are shown in to the current reader."""
        lang = (get_language() or "en")[:2]
        return lang if lang in self.languages else (self.languages[0] if self.languages else lang)

    @property
    def missing_language(self) -> bool:
        return self.shown_language != (get_language() or "en")[:2]

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def figure_list(self) -> list[str]:
        return [line.strip() for line in self.key_figures.splitlines() if line.strip()]

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    @property
    def is_stale(self) -> bool:
        if self.status != PracticeStatus.PUBLISHED:
            return False
        limit = timezone.now() - datetime.timedelta(days=STALE_AFTER_DAYS)
        return self.reviewed_at is None or self.reviewed_at < limit

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("public:practices:detail", args=[self.pk])


def _practice_file_path(instance: PracticeImage | PracticeDocument, filename: str) -> str:
    return f"practices/{instance.practice_id}/{os.urandom(8).hex()}-{filename}"


class PracticeImage(StoredFile):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="images"
    )
    file = models.FileField(_("file"), upload_to=_practice_file_path, max_length=300)
    alt_en = models.CharField(_("alternative text (English)"), max_length=300, blank=True)
    alt_fr = models.CharField(_("alternative text (French)"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["pk"]

    @property
    def alt(self) -> str:
        lang = (get_language() or "en")[:2]
        return (self.alt_fr if lang == "fr" else self.alt_en) or self.alt_en or self.alt_fr


class PracticeDocument(StoredFile):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=_practice_file_path, max_length=300)
    title = models.CharField(_("title"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["pk"]


class ReviewQuestion(TimeStampedModel):
    """The secretariat asks, the city answers (one answer; a new question for more)."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="review_questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.TextField(_("question"), max_length=3_000)
    answer = models.TextField(_("answer"), max_length=5_000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question from the secretariat")
        verbose_name_plural = _("questions from the secretariat")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.question[:80]


class PracticeVersion(TimeStampedModel):
    """One publication of a practice: what the public read from then on (a copy of its texts and tags)."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    snapshot = models.JSONField(_("content"), default=dict)

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="practice_version_unique")]

    def __str__(self) -> str:
        return f"{self.practice} v{self.number}"


# ------------------------------------------------------------------------------------------ policy briefs


class PolicyField(models.TextChoices):
    EDUCATION = "education", _("education")
    HOUSING = "housing", _("housing and neighbourhoods")
    EMPLOYMENT = "employment", _("employment and business")
    MEDIA = "media", _("media and communication")
    PARTICIPATION = "participation", _("participation")
    PUBLIC_SERVICES = "public_services", _("public services")
    CULTURE = "culture", _("culture and public space")
    WELCOMING = "welcoming", _("welcoming newcomers")
    ANTI_DISCRIMINATION = "anti_discrimination", _("anti-discrimination")
    MEDIATION = "mediation", _("mediation and conflict resolution")


class BriefStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")


class PolicyBriefQuerySet(models.QuerySet["PolicyBrief"]):
    def public(self) -> Self:
        return self.filter(status=BriefStatus.PUBLISHED)


class PolicyBrief(TimeStampedModel):
    """A policy brief for one policy field: written by the secretariat (or an expert for it) in English and
    French, reviewed by another person of the secretariat, published on the public site with its PDF."""

    field = models.CharField(_("policy field"), max_length=24, choices=PolicyField.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=BriefStatus.choices, default=BriefStatus.DRAFT
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=1000, blank=True)
    summary_fr = models.TextField(_("summary (French)"), max_length=1000, blank=True)
    body_en = models.TextField(_("text (English)"), max_length=50_000, blank=True)
    body_fr = models.TextField(_("text (French)"), max_length=50_000, blank=True)
    areas = models.JSONField(_("Index areas"), default=list, blank=True)
    practices = models.ManyToManyField(
        Practice, verbose_name=_("practices"), blank=True, related_name="briefs"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(_("note from the review"), max_length=2000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[practices])

    objects: ClassVar[models.Manager[PolicyBrief]] = PolicyBriefQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy brief")
        verbose_name_plural = _("policy briefs")
        ordering = ["field", "pk"]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def text(self, name: str, language: str | None = None) -> str:
        lang = (language or get_language() or "en")[:2]
        own = getattr(self, f"{name}_{lang}", "") if lang in LANGUAGES else ""
        return own or getattr(self, f"{name}_en", "") or getattr(self, f"{name}_fr", "")

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def summary(self) -> str:
        return self.text("summary")

    @property
    def body(self) -> str:
        return self.text("body")

    @property
    def languages(self) -> list[str]:
        return [
            lang for lang in LANGUAGES if getattr(self, f"title_{lang}") and getattr(self, f"body_{lang}")
        ]

    @property
    def missing_language(self) -> bool:
        return (get_language() or "en")[:2] not in self.languages


class BriefTarget(TimeStampedModel):
    """The strategy's target for the briefs: how many published briefs by when (data, set by the
    secretariat in the admin; the public list shows the progress against the nearest one)."""

    briefs = models.PositiveSmallIntegerField(_("published briefs"))
    due_on = models.DateField(_("due on"), unique=True)
    label = models.CharField(_("label"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target for policy briefs")
        verbose_name_plural = _("targets for policy briefs")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.briefs} · {self.due_on}"


# ---------------------------------------------------------------------------- spreading tested innovations


class Innovation(TimeStampedModel):
    """A tested innovation the network spreads to new cities (the anti-rumour approach first; others are
    data): its description, where it was born, and the target of new adopting cities by a date."""

    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=5000, blank=True)
    description_fr = models.TextField(_("description (French)"), max_length=5000, blank=True)
    origin = models.ForeignKey(
        City,
        verbose_name=_("where it was born"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_cities = models.PositiveSmallIntegerField(_("target: new adopting cities"))
    target_date = models.DateField(_("target: by"))
    counts_from = models.DateField(
        _("new adopters counted from"), help_text=_("Cities that start on or after this day count as new.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return (self.name_fr if (get_language() or "en")[:2] == "fr" else "") or self.name_en

    @property
    def description(self) -> str:
        return (self.description_fr if (get_language() or "en")[:2] == "fr" else "") or self.description_en


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", _("toolkit")
    GUIDE = "guide", _("guide")
    TRAINING = "training", _("training event")
    VIDEO = "video", _("video")


class InnovationResource(TimeStampedModel):
    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="resources"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    url = models.URLField(_("address"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("For a training event."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "-date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return (self.title_fr if (get_language() or "en")[:2] == "fr" else "") or self.title_en


class AdoptionStage(models.TextChoices):
    INTERESTED = "interested", _("interested")
    INITIATED = "initiated", _("initiated (training, resources received)")
    RUNNING = "running", _("running")
    EVALUATED = "evaluated", _("evaluated")


STAGE_DATES = {
    AdoptionStage.INTERESTED: "interested_on",
    AdoptionStage.INITIATED: "initiated_on",
    AdoptionStage.RUNNING: "running_since",
    AdoptionStage.EVALUATED: "evaluated_on",
}


class Adoption(TimeStampedModel):
    """Where one city stands with one innovation, with the date of each stage reached and its evidence."""

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="adoptions"
    )
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="adoptions")
    stage = models.CharField(_("stage"), max_length=12, choices=AdoptionStage.choices)
    interested_on = models.DateField(_("interested on"), null=True, blank=True)
    initiated_on = models.DateField(_("initiated on"), null=True, blank=True)
    running_since = models.DateField(_("running since"), null=True, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    evidence = models.TextField(
        _("evidence"),
        max_length=3000,
        blank=True,
        help_text=_("What shows the stage: an event, a report, a figure."),
    )
    evidence_url = models.URLField(_("evidence: address"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["city__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["innovation", "city"], name="adoption_unique_city")]

    def __str__(self) -> str:
        return f"{self.city} · {self.innovation}"

    @property
    def started_on(self) -> datetime.date | None:
        """When the city adopted it: the day it was initiated (or began running, if it skipped that)."""
        return self.initiated_on or self.running_since or self.evaluated_on

    @property
    def stage_date(self) -> datetime.date | None:
        return getattr(self, STAGE_DATES[AdoptionStage(self.stage)])
