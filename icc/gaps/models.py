"""Mind the gap: a city's figures per community (observations), the gaps computed from them, publication.

- `Indicator`: the catalogue (data: icc/gaps/indicators.json, loaded by a migration and by
  `icc gaps load-indicators`), each with its domain, polarity, unit, definition and source.
- `GapGroup`: the communities a city names (foreign-born, non-EU nationals, "unknown"...), by key.
- `Observation`: one group's counts for one indicator and period (numerator over denominator), or a missing
  value with its reason. Unique per (city, indicator, period, group).
- `GapResult`: derived, never edited: one record of the statistics engine (icc/gaps/statistics.py) per
  (city, indicator, period, focal group), recomputed in the transaction that changes the city's
  observations (icc/gaps/services/compute.py), or the reason why there is none.
- `CityGaps`: the city's publication decision (one row per city).
- `GapImport`: each file a city checked or imported, with its problems (the "needs you" list reads it).
"""

import re
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import TimeStampedModel
from icc.network.models import City


class Domain(models.TextChoices):
    """The domains of the roll-up: the same keys as icc.gaps.statistics.DOMAINS (a test keeps them equal)."""

    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    CIVIC_PARTICIPATION = "civic_participation", _("Civic participation")
    SAFETY = "safety", _("Safety")
    DISCRIMINATION = "discrimination", _("Discrimination")


class Polarity(models.IntegerChoices):
    HIGHER_IS_BETTER = 1, _("higher is better")
    LOWER_IS_BETTER = -1, _("lower is better")


class Role(models.TextChoices):
    REFERENCE = "reference", _("reference group")
    FOCAL = "focal", _("focal group")


class MissingReason(models.TextChoices):
    """Why a figure is not there: every missing value says which (no blank cell on any page)."""

    WITHHELD = "withheld", _("withheld: too few people")
    NOT_COLLECTED = "not_collected", _("not collected")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


# A period is a year ("2024") or pooled years ("2022-2024").
PERIOD_RE = re.compile(r"^(?P<start>\d{4})(?:-(?P<end>\d{4}))?$")


def period_end_year(period: str) -> int | None:
    """The last year a period covers ("2022-2024" -> 2024), None for a label that is not one."""
    match = PERIOD_RE.fullmatch(period or "")
    if match is None:
        return None
    return int(match["end"] or match["start"])


def period_sort_key(period: str) -> tuple[int, int, str]:
    """Oldest first: by the last year, then the first year, then the text."""
    match = PERIOD_RE.fullmatch(period or "")
    if match is None:
        return (0, 0, period)
    start = int(match["start"])
    return (int(match["end"] or start), start, period)


class Indicator(TimeStampedModel):
    """An indicator of the catalogue. `name` and `definition` are translated (icc/gaps/translation.py:
    name_en, name_fr, definition_en, definition_fr) and the history is registered there."""

    history: Any  # simple-history's manager, registered after the translation
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(_("domain"), max_length=30, choices=Domain.choices)
    polarity = models.SmallIntegerField(_("polarity"), choices=Polarity.choices)
    unit = models.CharField(
        _("unit"), max_length=200, help_text=_("Whom the rate counts, e.g. “share of people aged 20-64”.")
    )
    definition = models.TextField(_("definition"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Indicators no longer in use keep their data but take no new.")
    )

    class Meta:
        verbose_name = _("gap indicator")
        verbose_name_plural = _("gap indicators")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class GapGroup(TimeStampedModel):
    """A community as the city names it. "unknown" is a group of its own: never merged with another."""

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="gap_groups"
    )
    key = models.SlugField(
        _("identifier"),
        max_length=60,
        help_text=_("As in the data files, e.g. foreign_born, non_eu_nationals, unknown."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["city", "key"]
        constraints = [models.UniqueConstraint(fields=["city", "key"], name="gaps_group_unique_key_in_city")]

    def __str__(self) -> str:
        return self.name or self.key


class ObservationQuerySet(models.QuerySet["Observation"]):
    def for_city(self, city: City) -> Self:
        return self.filter(city=city)


class Observation(TimeStampedModel):
    """One group's figure for one indicator and period: numerator of denominator people, or missing."""

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="gap_observations"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="observations"
    )
    period = models.CharField(_("period"), max_length=9, help_text=_("A year (2024) or years (2022-2024)."))
    group = models.ForeignKey(
        GapGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="observations"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    numerator = models.PositiveIntegerField(_("people with the outcome"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("people in the group"), null=True, blank=True)
    missing_reason = models.CharField(
        _("why the figure is missing"), max_length=20, choices=MissingReason.choices, blank=True
    )
    source_note = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects: ClassVar[models.Manager["Observation"]] = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["city", "indicator__order", "period", "role", "group__key"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "indicator", "period", "group"], name="gaps_observation_unique"
            ),
            # Counts, or a reason for their absence: never both, never neither.
            models.CheckConstraint(
                condition=(
                    Q(
                        missing_reason="",
                        numerator__isnull=False,
                        denominator__isnull=False,
                        numerator__lte=models.F("denominator"),
                    )
                    | (~Q(missing_reason="") & Q(numerator__isnull=True, denominator__isnull=True))
                ),
                name="gaps_observation_counts_or_reason",
            ),
        ]
        indexes = [models.Index(fields=["city", "indicator", "period"])]

    def __str__(self) -> str:
        return f"{self.city} · {self.indicator.key} · {self.period} · {self.group.key}"

    @property
    def rate(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator


class GapResult(models.Model):
    """One record of the engine for (city, indicator, period, focal group), as GapRecord.as_dict() gives it
    (the contract's output keys, unrounded), or why there is none (`missing_reason`, `record` empty).

    Derived data: icc.gaps.services.compute.city_gaps_recompute rewrites a city's results in the transaction
    that changes its observations; nobody edits them (no history: the observations have it)."""

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="gap_results"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="results"
    )
    period = models.CharField(_("period"), max_length=9)
    focal = models.ForeignKey(
        GapGroup, verbose_name=_("focal group"), on_delete=models.CASCADE, related_name="+"
    )
    reference = models.ForeignKey(
        GapGroup,
        verbose_name=_("reference group"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    record = models.JSONField(_("statistics"), null=True)
    # The counts behind the record, kept even when it is suppressed (the change over time redraws from
    # them: `GapResult.as_gap_record()`); never shown or exported when the record is suppressed.
    focal_numerator = models.PositiveIntegerField(_("focal group: people with the outcome"), null=True)
    focal_denominator = models.PositiveIntegerField(_("focal group: people"), null=True)
    reference_numerator = models.PositiveIntegerField(
        _("reference group: people with the outcome"), null=True
    )
    reference_denominator = models.PositiveIntegerField(_("reference group: people"), null=True)
    missing_reason = models.CharField(
        _("why there is no gap"), max_length=20, choices=MissingReason.choices, blank=True
    )
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("gap")
        verbose_name_plural = _("gaps")
        ordering = ["city", "indicator__order", "period", "focal__key"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "indicator", "period", "focal"], name="gaps_result_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.indicator.key} · {self.period} · {self.focal.key}"

    def as_gap_record(self) -> Any:
        """The engine's GapRecord again (for gap_score_change), or None when there is no record."""
        from icc.gaps.statistics import GapRecord

        if self.record is None or self.focal_numerator is None:
            return None
        values = dict(self.record)
        for name in ("gap_ci", "ratio_ci"):
            if values.get(name) is not None:
                values[name] = tuple(values[name])
        return GapRecord(
            **values,
            focal_numerator=self.focal_numerator,
            focal_denominator=self.focal_denominator or 0,
            reference_numerator=self.reference_numerator or 0,
            reference_denominator=self.reference_denominator or 0,
        )

    @property
    def suppressed(self) -> bool:
        return bool(self.record and self.record.get("suppressed"))

    @property
    def shown_missing_reason(self) -> str:
        """Why no figure is shown: the stored reason, or "withheld" for a record the engine suppressed."""
        if self.missing_reason:
            return self.missing_reason
        return MissingReason.WITHHELD if self.suppressed else ""


class CityGaps(TimeStampedModel):
    """A city's decision to publish its gaps (one row per city, created when first needed). Withdrawing
    keeps the row and clears `published`: the public site stops showing the gaps at once."""

    city = models.OneToOneField(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="gaps")
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city's gap publication")
        verbose_name_plural = _("cities' gap publication")

    def __str__(self) -> str:
        return str(self.city)


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("checked, ready to import")
    HAS_ERRORS = "has_errors", _("has errors")
    APPLIED = "applied", _("imported")
    REPLACED = "replaced", _("replaced by a later file")


class GapImport(TimeStampedModel):
    """A file a city checked (dry run) or imported. A file with errors stays on its people's "needs you"
    list until a later file of the city is checked or imported (status `replaced`)."""

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="gap_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=200)
    token = models.CharField(_("staged file"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # [{"row": 3, "column": "numerator", "message": "..."}], every problem of the file.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    applied_at = models.DateTimeField(_("imported on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gap data import")
        verbose_name_plural = _("gap data imports")
        ordering = ["-created"]
        indexes = [models.Index(fields=["city", "status"])]

    def __str__(self) -> str:
        return f"{self.city} · {self.filename}"
