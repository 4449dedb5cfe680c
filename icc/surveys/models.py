"""Residents' questionnaires (issue 16): what residents experience, beside what the city declares.

- `SurveyQuestionnaire`: a version of the residents' questionnaire, stored as its document (the Index
  interchange format with the survey keys of docs/surveys.md; icc/surveys/questionnaire.py reads it).
- `Survey`: a city's round of it: dates, target number of answers, the population structure by age band and
  gender that weights the results (entered by the city, with its source), the consent text, publication.
- `SurveyAnswer`: one resident's answers, and nothing else: no account, no address, no browser fingerprint.
"""

from __future__ import annotations

import datetime
from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import TimeStampedModel
from icc.network.models import City
from icc.surveys.questionnaire import SurveyQuestionnaire as ParsedQuestionnaire
from icc.surveys.questionnaire import parse_questionnaire


class SurveyQuestionnaire(TimeStampedModel):
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    title = models.JSONField(_("title"), default=dict)
    version_label = models.JSONField(_("version label"), default=dict)
    languages = models.JSONField(_("languages"), default=list)
    document = models.JSONField(_("questionnaire document"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("residents' questionnaire")
        verbose_name_plural = _("residents' questionnaires")
        ordering = ["key"]

    def __str__(self) -> str:
        label = self.version_label or self.title or {}
        return str(label.get("en") or self.key) if isinstance(label, dict) else self.key

    def parsed(self) -> ParsedQuestionnaire:
        cached: ParsedQuestionnaire | None = getattr(self, "_parsed", None)
        if cached is None:
            cached = parse_questionnaire(self.document)
            self._parsed = cached
        return cached


class SurveyQuerySet(models.QuerySet["Survey"]):
    def public(self) -> Self:
        """What pages, API and open data show to everyone: surveys whose city published the results. The one
        rule (the answer page of an open survey is public too, but it shows no result)."""
        return self.filter(published_at__isnull=False)

    def open_on(self, day: datetime.date) -> Self:
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Survey(TimeStampedModel):
    title_en: str
    title_fr: str
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="surveys")
    questionnaire = models.ForeignKey(
        SurveyQuestionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    target_answers = models.PositiveIntegerField(
        _("target number of answers"), validators=[MinValueValidator(10), MaxValueValidator(1_000_000)]
    )
    population = models.JSONField(
        _("population structure"),
        default=dict,
        blank=True,
        help_text=_("Shares of the adult population by age band and by gender, e.g. from the census."),
    )
    population_source = models.CharField(_("source of the population structure"), max_length=300, blank=True)
    consent_text = models.TextField(_("consent text"), blank=True)
    answers_imported = models.PositiveIntegerField(
        _("answers imported"),
        default=0,
        help_text=_("Answers collected offline and imported, all files together."),
    )
    synthetic = models.BooleanField(
        _("synthetic answers"),
        default=False,
        help_text=_("Demo data: the answers were generated, not given."),
    )
    published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("results published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history: Any

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("residents' survey")
        verbose_name_plural = _("residents' surveys")
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.city.name})"

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def is_closed(self, day: datetime.date | None = None) -> bool:
        return (day or timezone.localdate()) > self.closes_on

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AnswerSource(models.TextChoices):
    WEB = "web", _("online")
    IMPORT = "import", _("imported (paper or another tool)")
    SYNTHETIC = "synthetic", _("synthetic (demo)")


class SurveyAnswer(models.Model):
    """One resident's answers: {question id: option id or "dont_know"}. Answers are data, not a record
    anyone edits, so they carry no history; the survey's history says when imports happened."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="answers"
    )
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=12, blank=True)
    source = models.CharField(
        _("source"), max_length=12, choices=AnswerSource.choices, default=AnswerSource.WEB
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("residents' answer")
        verbose_name_plural = _("residents' answers")
        ordering = ["pk"]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"#{self.pk}"
