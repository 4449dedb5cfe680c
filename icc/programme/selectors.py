"""Reads of the programme: access (one helper per resource), the dashboard's objectives with their computed
targets, the drill-down, the risk register with its warning indicators, the gender figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from icc.accounts.rules import is_secretariat as is_secretariat
from icc.accounts.rules import require_secretariat as require_secretariat
from icc.core.gender import MAN, WOMAN, GenderBalance, GenderCell
from icc.core.history import HistoryEntry, history_entries
from icc.programme import sources
from icc.programme.models import (
    WATCHED_RISKS,
    GenderTarget,
    MitigationAction,
    Objective,
    Risk,
    StrategyPeriod,
    Target,
    TargetStatus,
    WarningIndicator,
)
from icc.programme.progress import Progress, Record, TargetSpec, compute, warns

# --------------------------------------------------------------------------------------------- access


@dataclass(frozen=True)
class RiskAccess:
    secretariat: bool
    owner: bool

    @property
    def change(self) -> bool:
        return self.secretariat or self.owner


def get_risk_for_user(user: Any, pk: int) -> tuple[Risk, RiskAccess]:
    """A risk for the secretariat or its owner; 404 for anyone else (they need not know it exists)."""
    risk = (
        Risk.objects.select_related("objective__period", "owner")
        .prefetch_related("actions", "indicators")
        .filter(pk=pk)
        .first()
    )
    if risk is None or not user.is_authenticated:
        raise Http404
    access = RiskAccess(secretariat=is_secretariat(user), owner=risk.owner_id == user.pk)
    if not (access.secretariat or access.owner):
        raise Http404
    return risk, access


def get_target_for_secretariat(user: Any, pk: int) -> Target:
    require_secretariat(user)
    target = Target.objects.select_related("objective__period").filter(pk=pk).first()
    if target is None:
        raise Http404
    return target


def current_period(today: datetime.date | None = None) -> StrategyPeriod | None:
    """The period running today, or else the latest one."""
    day = today or timezone.localdate()
    periods = StrategyPeriod.objects.order_by("-starts_on")
    return periods.filter(starts_on__lte=day, ends_on__gte=day).first() or periods.first()


def get_period(key: str | None) -> StrategyPeriod:
    period = StrategyPeriod.objects.filter(key=key).first() if key else current_period()
    if period is None:
        raise Http404
    return period


def get_period_or_none(key: str | None) -> StrategyPeriod | None:
    """The period asked for (404 for an unknown one), else the current one, or None when there is none yet."""
    return get_period(key) if key or StrategyPeriod.objects.exists() else None


# ------------------------------------------------------------------------------------------ targets


BADGES: dict[str, str] = {
    TargetStatus.MET: "badge-approved",
    TargetStatus.ON_TRACK: "badge-submitted",
    TargetStatus.AT_RISK: "badge-priority",
    TargetStatus.MISSED: "badge-overdue",
}


@dataclass
class TargetRow:
    target: Target
    progress: Progress | None  # None: no source yet
    no_source: bool = False

    @property
    def status(self) -> str:
        if self.progress is None:
            return TargetStatus.NO_SOURCE
        return self.progress.status

    @property
    def status_label(self) -> str:
        return str(TargetStatus(self.status).label)

    @property
    def badge(self) -> str:
        """The existing badge colour of the status (site.css)."""
        return BADGES.get(self.status, "badge-draft")

    @property
    def records(self) -> tuple[Record, ...]:
        return self.progress.counted if self.progress else ()


def spec_of(target: Target) -> TargetSpec:
    return TargetSpec(
        value=float(target.value),
        start=target.baseline_on,
        deadline=target.deadline,
        cumulative=target.cumulative,
    )


class _SourceCache:
    """Each source fetched once per page, though several targets share it (clusters in 2016 and 2018)."""

    def __init__(self) -> None:
        self.results: dict[str, sources.SourceResult | None] = {}

    def get(self, key: str) -> sources.SourceResult | None:
        if key not in self.results:
            try:
                self.results[key] = sources.fetch(key)
            except sources.NoSource:
                self.results[key] = None
        return self.results[key]


def target_row(
    target: Target, today: datetime.date | None = None, cache: _SourceCache | None = None
) -> TargetRow:
    day = today or timezone.localdate()
    result = (cache or _SourceCache()).get(target.source_key)
    if result is None:
        return TargetRow(target=target, progress=None, no_source=True)
    return TargetRow(
        target=target, progress=compute(result.records, spec_of(target), day, total=result.total)
    )


def target_rows(
    targets: QuerySet[Target] | list[Target], today: datetime.date | None = None
) -> list[TargetRow]:
    cache = _SourceCache()
    return [target_row(t, today, cache) for t in targets]


@dataclass
class ObjectiveBlock:
    objective: Objective
    targets: list[TargetRow] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    gender: list[GenderRow] = field(default_factory=list)
    activities: ActivityCount | None = None


@dataclass(frozen=True)
class GenderRow:
    target: GenderTarget
    balance: GenderBalance

    @property
    def meets(self) -> bool | None:
        return self.balance.meets(self.target.minimum_share)

    @property
    def women(self) -> str:
        return self.balance.shown(WOMAN)

    @property
    def men(self) -> str:
        return self.balance.shown(MAN)

    @property
    def others(self) -> str:
        """Another gender, not given and not stated together, shown "<5" under five."""
        return GenderCell("", self.balance.total - self.balance.count(WOMAN) - self.balance.count(MAN)).shown


def dashboard(
    period: StrategyPeriod,
    today: datetime.date | None = None,
    *,
    public: bool = False,
    with_gender: bool = True,
) -> list[ObjectiveBlock]:
    """The period's objectives with their targets computed (public: published targets only, no risks)."""
    targets = Target.objects.public() if public else Target.objects.all()
    objectives = list(
        period.objectives.prefetch_related(
            Prefetch("targets", queryset=targets.order_by("order", "deadline", "pk")),
            Prefetch("gender_targets", queryset=GenderTarget.objects.order_by("population")),
            Prefetch(
                "risks",
                queryset=Risk.objects.select_related("owner").prefetch_related("actions", "indicators"),
            ),
        ).order_by("number")
    )
    cache = _SourceCache()
    balances: dict[str, GenderBalance] = {}
    activities = {} if public else activity_counts(period)
    blocks = []
    for objective in objectives:
        block = ObjectiveBlock(objective=objective, activities=activities.get(objective.key))
        block.targets = [target_row(t, today, cache) for t in objective.targets.all()]
        if not public:
            block.risks = list(objective.risks.all())
        if with_gender:
            for gt in objective.gender_targets.all():
                if gt.population not in balances:
                    balances[gt.population] = sources.gender_of(gt.population)
                block.gender.append(GenderRow(gt, balances[gt.population]))
        blocks.append(block)
    return blocks


@dataclass(frozen=True)
class ActivityCount:
    planned: int
    done: int


def activity_counts(period: StrategyPeriod) -> dict[str, ActivityCount]:
    """Per objective key, the annual programme's items (icc.activities) of the period's years tagged with it,
    dropped ones left out: the activities' OBJECTIVES keys are the objectives' keys (one query)."""
    from django.db.models import Count, Q

    from icc.activities.models import ProgrammeItem, ProgrammeStatus

    rows = (
        ProgrammeItem.objects.filter(year__range=(period.starts_on.year, period.ends_on.year))
        .exclude(status=ProgrammeStatus.DROPPED)
        .values("objective")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=ProgrammeStatus.DONE)))
        .order_by()
    )
    return {row["objective"]: ActivityCount(row["n"], row["done"]) for row in rows}


def status_counts(blocks: list[ObjectiveBlock]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(
        (
            TargetStatus.MET,
            TargetStatus.ON_TRACK,
            TargetStatus.AT_RISK,
            TargetStatus.MISSED,
            TargetStatus.NO_SOURCE,
        ),
        0,
    )
    for block in blocks:
        for row in block.targets:
            counts[TargetStatus(row.status)] += 1
    return counts


# -------------------------------------------------------------------------------------------- risks


@dataclass(frozen=True)
class IndicatorRow:
    indicator: WarningIndicator
    label: str
    value: float | None
    warning: bool | None


def indicator_rows(
    indicators: list[WarningIndicator], cache: dict[str, float | None] | None = None
) -> list[IndicatorRow]:
    values = cache if cache is not None else {}
    rows = []
    for indicator in indicators:
        known = sources.INDICATORS.get(indicator.indicator_key)
        if indicator.indicator_key not in values:
            values[indicator.indicator_key] = known.compute() if known else None
        value = values[indicator.indicator_key]
        rows.append(
            IndicatorRow(
                indicator=indicator,
                label=str(known.label) if known else indicator.indicator_key,
                value=value,
                warning=warns(value, float(indicator.threshold), indicator.direction),
            )
        )
    return rows


@dataclass
class RiskRow:
    risk: Risk
    indicators: list[IndicatorRow]

    @property
    def warning(self) -> bool:
        return any(row.warning for row in self.indicators)

    @property
    def review_due(self) -> bool:
        return self.risk.status in WATCHED_RISKS and self.risk.review_on <= timezone.localdate()


def risk_register(period: StrategyPeriod) -> list[tuple[Objective, list[RiskRow]]]:
    """Per objective, its risks (highest score first) with their warning indicators computed once each."""
    objectives = list(
        period.objectives.prefetch_related(
            Prefetch(
                "risks",
                queryset=Risk.objects.select_related("owner").prefetch_related(
                    Prefetch("actions", queryset=MitigationAction.objects.order_by("pk")),
                    Prefetch("indicators", queryset=WarningIndicator.objects.order_by("pk")),
                ),
            )
        ).order_by("number")
    )
    cache: dict[str, float | None] = {}
    register = []
    for objective in objectives:
        risks = sorted(objective.risks.all(), key=lambda r: (-r.score, r.pk))
        register.append(
            (objective, [RiskRow(r, indicator_rows(list(r.indicators.all()), cache)) for r in risks])
        )
    return register


def risk_history(risk: Risk, limit: int = 200) -> list[HistoryEntry]:
    entries = history_entries(risk, limit=limit)
    for action in risk.actions.all():
        entries.extend(history_entries(action, limit=limit))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


def target_history(target: Target, limit: int = 200) -> list[HistoryEntry]:
    return history_entries(target, limit=limit)


def risks_due_for(user: Any, today: datetime.date | None = None) -> QuerySet[Risk]:
    day = today or timezone.localdate()
    return Risk.objects.filter(owner=user, status__in=WATCHED_RISKS, review_on__lte=day).order_by(
        "review_on", "pk"
    )
