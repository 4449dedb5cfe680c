"""Policy self-assessment tools: the records.

A checklist version is stored as its data document itself (icc/policytools/data/*.yaml, validated by
icc/policytools/checklist_format.py), as the Index stores questionnaire versions: its texts are language maps
({"en": ..., "fr": ...}) and answers refer to questions by their stable ids.

- `Checklist`: one version of a checklist for a policy field, for cities or (the "diversity advantage")
  for businesses.
- `Assessment`: a city fills in a city checklist version (several people of the city, autosaved); completing
  it keeps the scored profile; a later assessment of the same field shows progress against the previous one.
- `BusinessAssessment`: a business's diversity-advantage answers, stored ONLY when the business chose to save
  them with an e-mail address (with the date of its consent); found again through a private link, erasable.
"""

from __future__ import annotations

import secrets
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import TimeStampedModel
from icc.index.models import localized


class Audience(models.TextChoices):
    CITY = "city", _("Cities")
    BUSINESS = "business", _("Businesses")


class ChecklistQuerySet(models.QuerySet["Checklist"]):
    def public(self) -> Self:
        """Published versions: anyone may read them (API, public pages)."""
        return self.filter(published__isnull=False)


class Checklist(TimeStampedModel):
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    field = models.SlugField(_("policy field"), max_length=60)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.CITY)
    title = models.JSONField(_("title"), default=dict)
    version_label = models.JSONField(_("version label"), default=dict)
    published = models.DateField(_("published"), null=True, blank=True)
    document = models.JSONField(_("checklist document"))
    source_sha256 = models.CharField(_("checksum of the source file"), max_length=64)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist version")
        verbose_name_plural = _("checklist versions")
        ordering = ["audience", "field", "-published", "key"]

    def __str__(self) -> str:
        return localized(self.version_label) or self.key

    @property
    def display_title(self) -> str:
        return localized(self.title)

    @property
    def field_title(self) -> str:
        return localized(self.document.get("field_title")) or self.field


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Assessment(TimeStampedModel):
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="policy_assessments"
    )
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist version"), on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overall = models.FloatField(_("overall score (%)"), null=True, blank=True)
    gender_score = models.FloatField(_("gender-equality score (%)"), null=True, blank=True)
    section_scores = models.JSONField(_("scores per section (%)"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy self-assessment")
        verbose_name_plural = _("policy self-assessments")
        ordering = ["-created", "-pk"]
        constraints = [
            # One open assessment per city and checklist version: several people fill in the same one.
            models.UniqueConstraint(
                fields=["city", "checklist"],
                condition=models.Q(status="in_progress"),
                name="policytools_one_open_assessment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.checklist}"

    @property
    def completed(self) -> bool:
        return self.status == AssessmentStatus.COMPLETED


def new_token() -> str:
    return secrets.token_urlsafe(24)


class BusinessAssessmentQuerySet(models.QuerySet["BusinessAssessment"]):
    def public(self) -> Self:
        """Nothing is public: a saved result is reached only through its private link."""
        return self.none()


class BusinessAssessment(TimeStampedModel):
    checklist = models.ForeignKey(
        Checklist,
        verbose_name=_("checklist version"),
        on_delete=models.PROTECT,
        related_name="business_results",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, default="en")
    answers = models.JSONField(_("answers"), default=dict)
    overall = models.FloatField(_("overall score (%)"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    token = models.CharField(_("private link key"), max_length=64, unique=True, default=new_token)
    # The history keeps when it was saved and its score, never who (the address) nor the private link key.
    history = HistoricalRecords(excluded_fields=["token", "email", "organisation"])

    objects = BusinessAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved diversity-advantage self-assessment")
        verbose_name_plural = _("saved diversity-advantage self-assessments")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.organisation or str(_("Business self-assessment"))

    def as_data(self) -> dict[str, Any]:
        return {"answers": dict(self.answers)}
