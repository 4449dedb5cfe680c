"""Evidence of impact (issue 15): outcome figures per city and year, the analyses run on them against the
Index, and the impact studies the secretariat publishes.

`OutcomeValue`: one figure of one outcome (safety, education, employment, entrepreneurship, discrimination
reports) for a city and a year, with its unit, source and licence, imported from a CSV/XLSX file.
`AnalysisRun`: one run of the analyses (icc.impact.analysis) as a task; its `snapshot` keeps the data it
used and every result, so that a later import does not change what a study says.
`ImpactStudy`: a run the secretariat publishes with a title and a summary (translated); public once
`published_on` is set.
"""

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import TimeStampedModel
from icc.network.models import City


class OutcomeKind(models.TextChoices):
    SAFETY = "safety", _("safety (recorded crime per 1,000 inhabitants)")
    EDUCATION = "education", _("educational outcomes")
    EMPLOYMENT = "employment", _("employment rate")
    ENTREPRENEURSHIP = "entrepreneurship", _("entrepreneurship (new firms per 1,000 inhabitants)")
    DISCRIMINATION = "discrimination", _("discrimination reports")


# Whether a higher figure is the better outcome: the page says which way "good" points for each outcome.
HIGHER_IS_BETTER = {
    OutcomeKind.SAFETY: False,
    OutcomeKind.EDUCATION: True,
    OutcomeKind.EMPLOYMENT: True,
    OutcomeKind.ENTREPRENEURSHIP: True,
    OutcomeKind.DISCRIMINATION: False,
}


class OutcomeValue(TimeStampedModel):
    """One outcome figure of one city in one year."""

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="outcomes")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=60)
    source = models.CharField(_("source"), max_length=300)
    licence = models.CharField(_("licence"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome figure")
        verbose_name_plural = _("outcome figures")
        ordering = ["city__name", "year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year", "kind"], name="impact_outcome_city_year_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.year} · {self.kind}"


class AnalysisRun(TimeStampedModel):
    """One run of the analyses. `job` is its progress record; `snapshot` the data and the results."""

    job = models.OneToOneField(
        "core.Job",
        verbose_name=_("progress record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    seed = models.PositiveIntegerField(_("random seed"), default=0)
    runs = models.PositiveIntegerField(_("Monte Carlo runs"), default=200)
    snapshot = models.JSONField(_("data and results"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("impact analysis run")
        verbose_name_plural = _("impact analysis runs")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None and bool(self.snapshot.get("results"))


class ImpactStudyQuerySet(models.QuerySet["ImpactStudy"]):
    def public(self) -> Self:
        """Published studies: the public page, the API and the programme's target read these."""
        return self.filter(published_on__isnull=False)


class ImpactStudy(TimeStampedModel):
    """An analysis run published as a study. `title` and `summary` are translated (title_en, title_fr...:
    icc/impact/translation.py). `snapshot` is a copy of the run's, frozen at publication."""

    history: Any
    title_en: str
    title_fr: str | None
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    run = models.ForeignKey(
        AnalysisRun, verbose_name=_("analysis run"), on_delete=models.PROTECT, related_name="studies"
    )
    snapshot = models.JSONField(_("data and results"), default=dict, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ImpactStudyQuerySet.as_manager()

    class Meta:
        verbose_name = _("impact study")
        verbose_name_plural = _("impact studies")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title
