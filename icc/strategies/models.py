"""City strategies and results-based accountability (RBA, issue 14): the records.

- `Strategy`: a city's intercultural strategy, its status workflow (`STRATEGY_WORKFLOW`), the body and date
  that validated it, the event it was presented at, the strategy it replaces, the Index areas it addresses and
  whether the city publishes it. `StrategyVersion` (document text and structured content) with its uploaded
  `StrategyDocument`s, and the `SupportGroupMember`s.
- Population accountability: `Result` (a condition of well-being for the whole city, in plain language) with
  its `Indicator`s (unit, polarity, where the figures come from, the turn-the-curve fields: story, partners,
  what works, and an optional forecast set by the city).
- Performance accountability: `Programme` with its `PerformanceMeasure`s in the three RBA quadrants.
- `DataPoint`: one period's value of an indicator or of a measure (exactly one of them), unique per period;
  `Target`: the value aimed at for one period, likewise.
- `Action` (the action plan of an indicator) and its dated `ActionUpdate`s.

Other apps (icc/evaluations) build on these models and fields: add fields, never rename.
"""

import datetime
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import StoredFile, TimeStampedModel
from icc.core.workflow import Workflow
from icc.network.models import City

# --------------------------------------------------------------------------------------------- strategy


class StrategyStatus(models.TextChoices):
    DRAFTING = "drafting", _("drafting")
    VALIDATED = "validated", _("validated by the city")
    PRESENTED = "presented", _("presented to the public")
    IMPLEMENTING = "implementing", _("implementing")
    EVALUATED = "evaluated", _("evaluated")
    SUPERSEDED = "superseded", _("superseded")


STRATEGY_WORKFLOW = Workflow(
    name="city strategy",
    labels=dict(StrategyStatus.choices),
    transitions={
        StrategyStatus.DRAFTING: [StrategyStatus.VALIDATED],
        StrategyStatus.VALIDATED: [StrategyStatus.PRESENTED, StrategyStatus.IMPLEMENTING],
        StrategyStatus.PRESENTED: [StrategyStatus.IMPLEMENTING],
        StrategyStatus.IMPLEMENTING: [StrategyStatus.EVALUATED, StrategyStatus.SUPERSEDED],
        StrategyStatus.EVALUATED: [StrategyStatus.SUPERSEDED],
    },
    corrections={StrategyStatus.VALIDATED: [StrategyStatus.DRAFTING]},
)


class StrategyQuerySet(models.QuerySet["Strategy"]):
    def public(self) -> Self:
        """What everyone may read (public pages, API without a token): strategies their city chose to
        publish, past drafting, of cities the public site shows. The one rule; see docs/strategies.md."""
        return self.filter(published=True, city__in=City.objects.public()).exclude(
            status=StrategyStatus.DRAFTING
        )


class Strategy(TimeStampedModel):
    """A city's intercultural strategy. `title` is translated (title_en, title_fr: translation.py)."""

    history: Any
    title_en: str
    title_fr: str
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="strategies"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StrategyStatus.choices, default=StrategyStatus.DRAFTING
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    validated_on = models.DateField(_("validated on"), null=True, blank=True)
    validated_by_body = models.CharField(
        _("validated by"),
        max_length=200,
        blank=True,
        help_text=_("The city's body that validated the strategy, e.g. “City council”."),
    )
    presented_at_event = models.ForeignKey(
        "activities.Event",
        verbose_name=_("presented at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_strategies",
    )
    presented_on = models.DateField(_("presented on"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_strategies",
        help_text=_("The strategy this one replaces."),
    )
    index_areas = models.JSONField(
        _("Index areas"),
        default=list,
        blank=True,
        help_text=_("Keys of the Index areas the strategy addresses."),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the city's public page with its scorecard.")
    )
    status_changed_on = models.DateField(_("status changed on"), default=datetime.date.today)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["city__name", "-created"]

    def __str__(self) -> str:
        return self.title


class StrategyVersion(TimeStampedModel):
    """One version of the strategy's document: its text and structured content (sections as a list of
    {"heading", "body"}), numbered from 1 per strategy."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), blank=True)
    content = models.JSONField(_("structured content"), default=dict, blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategy version")
        verbose_name_plural = _("strategy versions")
        ordering = ["strategy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="strategies_version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.strategy} · v{self.number}"


def _document_path(instance: "StrategyDocument", filename: str) -> str:
    return f"strategies/{instance.version.strategy_id}/{filename}"


class StrategyDocument(StoredFile):
    """The document file of a version, checked by icc.core.uploads."""

    version = models.ForeignKey(
        StrategyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")
        ordering = ["version", "-created"]


class SupportGroupMember(TimeStampedModel):
    """A member of the city's support group: citizens and partners who help build and monitor the strategy."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="support_group"
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role in the group"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support group member")
        verbose_name_plural = _("support group members")
        ordering = ["strategy", "name"]

    def __str__(self) -> str:
        return self.name


# --------------------------------------------------------------------------------------------- population


class Result(TimeStampedModel):
    """A result: a condition of well-being for the whole city, in plain language. `title` and `statement` are
    translated."""

    history: Any
    title_en: str
    title_fr: str
    statement_en: str
    statement_fr: str
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="results"
    )
    title = models.CharField(_("title"), max_length=200)
    statement = models.TextField(
        _("in plain language"), blank=True, help_text=_("E.g. “Everyone feels at home in our city.”")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["strategy", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("higher is better")
    LOWER_IS_BETTER = "lower_is_better", _("lower is better")


class SourceKind(models.TextChoices):
    OWN = "own", _("the city's own figures")
    INDEX_AREA = "index_area", _("the city's Index area score")
    GAP = "gap", _("the city's gap for an indicator")


class Indicator(TimeStampedModel):
    """An indicator of a result, with its data series (`points`), targets and the turn-the-curve fields.
    `name` is translated.

    `source_kind` says where the figures come from: the city's own (typed in), an Index area's score
    (`source_key` = the area key, one point per round) or a gap (`source_key` = the gaps indicator key).
    `forecast_override`, when set by the city, replaces the computed forecast: {period label: value}."""

    history: Any
    name_en: str
    name_fr: str
    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("E.g. %, people, score 0-100."))
    polarity = models.CharField(
        _("polarity"), max_length=16, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    source_kind = models.CharField(
        _("where the figures come from"), max_length=10, choices=SourceKind.choices, default=SourceKind.OWN
    )
    source_key = models.CharField(
        _("source identifier"),
        max_length=60,
        blank=True,
        help_text=_("The Index area key or the gap indicator key the figures are read from."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    story = models.TextField(_("story behind the curve"), blank=True)
    partners = models.TextField(_("partners with a role to play"), blank=True)
    what_works = models.TextField(_("what works"), blank=True)
    practices = models.ManyToManyField(
        "practices.Practice", verbose_name=_("practices that work"), blank=True, related_name="+"
    )
    forecast_override = models.JSONField(_("forecast set by the city"), default=dict, blank=True)
    forecast_note = models.TextField(_("why the forecast was set by hand"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["result", "order", "pk"]

    def __str__(self) -> str:
        return self.name


# --------------------------------------------------------------------------------------------- performance


class Programme(TimeStampedModel):
    """A programme (or service) of the city that serves the strategy; its performance measures say how
    much it did, how well, and whether anyone is better off."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    results = models.ManyToManyField(
        Result, verbose_name=_("results it serves"), blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["strategy", "name"]

    def __str__(self) -> str:
        return self.name


class Quadrant(models.TextChoices):
    HOW_MUCH = "how_much", _("How much did we do?")
    HOW_WELL = "how_well", _("How well did we do it?")
    BETTER_OFF = "better_off", _("Is anyone better off?")


class PerformanceMeasure(TimeStampedModel):
    """A performance measure of a programme, in one of the three RBA quadrants."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="measures"
    )
    quadrant = models.CharField(_("quadrant"), max_length=10, choices=Quadrant.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    polarity = models.CharField(
        _("polarity"), max_length=16, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("performance measure")
        verbose_name_plural = _("performance measures")
        ordering = ["programme", "quadrant", "name"]

    def __str__(self) -> str:
        return self.name


# --------------------------------------------------------------------------------------------- series


class DataSource(models.TextChoices):
    OWN = "own", _("typed in by the city")
    INDEX = "index", _("Index results")
    GAPS = "gaps", _("gap analysis")


_ONE_OWNER = Q(indicator__isnull=False, measure__isnull=True) | Q(
    indicator__isnull=True, measure__isnull=False
)


class DataPoint(TimeStampedModel):
    """One period's value of an indicator or of a performance measure (exactly one). A period has a label as
    people say it ("2023", "2023 Q2", "Round 2024") and the date it starts, which orders the series."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="points",
    )
    measure = models.ForeignKey(
        PerformanceMeasure,
        verbose_name=_("performance measure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="points",
    )
    period_label = models.CharField(_("period"), max_length=30)
    period_start = models.DateField(_("period starts on"))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_kind = models.CharField(
        _("entered from"), max_length=6, choices=DataSource.choices, default=DataSource.OWN
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data point")
        verbose_name_plural = _("data points")
        ordering = ["period_start", "pk"]
        constraints = [
            models.CheckConstraint(condition=_ONE_OWNER, name="strategies_point_one_owner"),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=Q(indicator__isnull=False),
                name="strategies_point_indicator_period_once",
            ),
            models.UniqueConstraint(
                fields=["measure", "period_start"],
                condition=Q(measure__isnull=False),
                name="strategies_point_measure_period_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label}: {self.value}"


class Target(TimeStampedModel):
    """The value aimed at for one period of an indicator or a performance measure (exactly one)."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    measure = models.ForeignKey(
        PerformanceMeasure,
        verbose_name=_("performance measure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    period_label = models.CharField(_("period"), max_length=30)
    period_start = models.DateField(_("period starts on"))
    value = models.FloatField(_("target"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["period_start", "pk"]
        constraints = [
            models.CheckConstraint(condition=_ONE_OWNER, name="strategies_target_one_owner"),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=Q(indicator__isnull=False),
                name="strategies_target_indicator_period_once",
            ),
            models.UniqueConstraint(
                fields=["measure", "period_start"],
                condition=Q(measure__isnull=False),
                name="strategies_target_measure_period_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label}: {self.value}"


# --------------------------------------------------------------------------------------------- actions


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    LATE = "late", _("late")
    DROPPED = "dropped", _("dropped")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.LATE)


class Action(TimeStampedModel):
    """An action of an indicator's action plan: who does what, from when, by when; its status moves with
    dated updates (`ActionUpdate`)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (account)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategy_actions",
    )
    owner_name = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("The person or organisation who leads the action."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["indicator", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(due_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="strategies_action_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ActionUpdate(TimeStampedModel):
    """A dated status update of an action."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="updates"
    )
    on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    note = models.TextField(_("what happened"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")
        ordering = ["action", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_status_display()}"
