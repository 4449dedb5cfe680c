"""The programme's objectives, targets and risks (issue 15).

A `StrategyPeriod` (e.g. the medium-term strategy 2016-2019) holds its `Objective`s; each objective has
`Target`s (a number computed from the records of other apps through a *source key*, icc/programme/sources.py,
never typed), `GenderTarget`s (the minimum share of women among a population such as experts or event
participants) and a register of `Risk`s with their `MitigationAction`s and `WarningIndicator`s. A new period
is
data (the demo and `icc load_demo` load 2016-2019 from the seed document), never code.
"""

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from icc.core.models import TimeStampedModel


class StrategyPeriod(TimeStampedModel):
    """A strategy period; `title` is translated (title_en, title_fr: icc/programme/translation.py)."""

    history: Any
    title_en: str
    title_fr: str
    key = models.SlugField(_("identifier"), max_length=40, unique=True, help_text=_("For example 2016-2019."))
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("strategy period")
        verbose_name_plural = _("strategy periods")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="programme_period_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.key


class Objective(TimeStampedModel):
    """One of a period's objectives. `key` maps it to the objectives events are tagged with (icc.activities
    OBJECTIVES keys: expansion, tools, know_how, outreach, visibility)."""

    history: Any
    title_en: str
    title_fr: str
    period = models.ForeignKey(
        StrategyPeriod, verbose_name=_("strategy period"), on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    key = models.SlugField(_("identifier"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    gender_dimension = models.TextField(_("gender dimension"), blank=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(fields=["period", "number"], name="programme_objective_number_unique"),
            models.UniqueConstraint(fields=["period", "key"], name="programme_objective_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class TargetStatus(models.TextChoices):
    MET = "met", _("met")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    MISSED = "missed", _("missed")
    NO_SOURCE = "no_source", _("no source yet")
    PENDING = "", _("not computed yet")


class TargetQuerySet(models.QuerySet["Target"]):
    def public(self) -> Self:
        """Targets the public summary, its API and exports show: those marked published."""
        return self.filter(published=True)


class Target(TimeStampedModel):
    """A target of an objective: `source_key` names the function that returns the dated records behind the
    number (icc/programme/sources.py). Counting starts at `baseline_on` when `cumulative` is off (e.g. new
    national networks since the start of the period), otherwise every record up to a day counts (members).
    `status` is the last computed status, kept to tell the secretariat when it changes."""

    history: Any
    label_en: str
    label_fr: str
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="targets"
    )
    label = models.CharField(_("label"), max_length=250)
    source_key = models.CharField(_("source"), max_length=40)
    value = models.DecimalField(
        _("target value"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For example cities, %."))
    baseline_on = models.DateField(_("baseline date"), help_text=_("Counting and the forecast start here."))
    deadline = models.DateField(_("deadline"))
    cumulative = models.BooleanField(
        _("count records before the baseline date"),
        default=False,
        help_text=_("On for totals such as member cities; off for what is new since the baseline date."),
    )
    published = models.BooleanField(_("shown on the public site"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(
        _("last computed status"), max_length=10, choices=TargetStatus.choices, blank=True, default=""
    )
    status_computed_at = models.DateTimeField(_("status computed at"), null=True, blank=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["objective__number", "order", "deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("baseline_on")), name="programme_target_deadline_after_baseline"
            )
        ]

    def __str__(self) -> str:
        return self.label


class GenderPopulation(models.TextChoices):
    EXPERTS = "experts", _("active experts")
    PARTICIPANTS = "participants", _("event participants")
    CLUSTER_MEMBERS = "cluster_members", _("learning cluster delegates")
    LAB_MEMBERS = "lab_members", _("policy lab members")


class GenderTarget(TimeStampedModel):
    """The minimum share of women and of men an objective aims at in one population (each at least this
    share: icc.core.gender.GenderBalance.meets)."""

    history: Any
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="gender_targets"
    )
    population = models.CharField(_("population"), max_length=20, choices=GenderPopulation.choices)
    minimum_share = models.PositiveSmallIntegerField(
        _("minimum share of women and of men (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("gender target")
        verbose_name_plural = _("gender targets")
        ordering = ["objective__number", "population"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "population"], name="programme_gender_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_population_display()} ≥ {self.minimum_share} %"


class RiskStatus(models.TextChoices):
    OPEN = "open", _("open")
    MITIGATED = "mitigated", _("mitigated")
    OCCURRED = "occurred", _("occurred")
    CLOSED = "closed", _("closed")


# Risks the register still watches (due for review, counted in needs-you).
WATCHED_RISKS = (RiskStatus.OPEN, RiskStatus.OCCURRED)


class Risk(TimeStampedModel):
    """A risk to an objective: likelihood and impact from 1 to 5 (their product is the score), an owner
    who reviews it by `review_on`."""

    history: Any
    description_en: str
    description_fr: str
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="risks"
    )
    description = models.TextField(_("description"))
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        _("impact (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_risks",
    )
    review_on = models.DateField(_("review date"))
    status = models.CharField(_("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["objective__number", "pk"]

    def __str__(self) -> str:
        text = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return text[:80] + ("…" if len(text) > 80 else "")

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class MitigationAction(TimeStampedModel):
    history: Any
    description_en: str
    description_fr: str
    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    class Meta:
        verbose_name = _("mitigation action")
        verbose_name_plural = _("mitigation actions")
        ordering = ["risk", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class Direction(models.TextChoices):
    ABOVE = "above", _("warns above the threshold")
    BELOW = "below", _("warns below the threshold")


class WarningIndicator(TimeStampedModel):
    """A figure computed from the records (icc/programme/sources.py INDICATORS) that warns when it crosses
    its threshold in its direction."""

    history: Any
    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="indicators"
    )
    indicator_key = models.CharField(_("indicator"), max_length=40)
    threshold = models.DecimalField(_("threshold"), max_digits=10, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)

    class Meta:
        verbose_name = _("warning indicator")
        verbose_name_plural = _("warning indicators")
        ordering = ["risk", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator_key} {self.direction} {self.threshold}"


class AnnualReport(TimeStampedModel):
    """The programme's annual report for the governing bodies: a PDF made by a task whose progress record
    is `job` (icc.core.jobs). No history: a generated file."""

    period = models.ForeignKey(
        StrategyPeriod, verbose_name=_("strategy period"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    job = models.ForeignKey(
        "core.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.year} ({self.language})"
