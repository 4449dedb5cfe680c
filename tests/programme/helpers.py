"""A small strategy for the tests: one period, two objectives, targets on real sources and one whose source
does
not exist, a risk owned by alice with an action and an indicator, a gender target."""

import datetime
from decimal import Decimal
from typing import Any

from icc.programme import sources
from icc.programme.models import (
    Direction,
    GenderPopulation,
    GenderTarget,
    MitigationAction,
    Objective,
    Risk,
    StrategyPeriod,
    Target,
    WarningIndicator,
)

D = datetime.date


def make_strategy(owner: Any = None, *, today: datetime.date | None = None) -> dict[str, Any]:
    day = today or datetime.date.today()
    period = StrategyPeriod.objects.create(
        key="2024-2027",
        title_en="Strategy 2024-2027",
        title_fr="Stratégie 2024-2027",
        starts_on=D(day.year - 1, 1, 1),
        ends_on=D(day.year + 2, 12, 31),
    )
    expansion = Objective.objects.create(
        period=period,
        number=1,
        key="expansion",
        title_en="Controlled expansion",
        title_fr="Expansion maîtrisée",
    )
    tools = Objective.objects.create(
        period=period, number=2, key="tools", title_en="New tools", title_fr="Nouveaux outils"
    )
    members = Target.objects.create(
        objective=expansion,
        label_en="3 member cities",
        label_fr="3 villes membres",
        source_key="members",
        value=Decimal(3),
        unit="cities",
        baseline_on=period.starts_on,
        deadline=period.ends_on,
        cumulative=True,
    )
    missing = Target.objects.create(
        objective=tools,
        label_en="Course ready",
        label_fr="Cours prêt",
        source_key="not_written_yet",
        value=Decimal(1),
        baseline_on=period.starts_on,
        deadline=period.ends_on,
    )
    hidden = Target.objects.create(
        objective=tools,
        label_en="An internal target",
        label_fr="Une cible interne",
        source_key="members",
        value=Decimal(1),
        baseline_on=period.starts_on,
        deadline=period.ends_on,
        published=False,
    )
    risk = Risk.objects.create(
        objective=expansion,
        description_en="Too many candidates at once",
        description_fr="Trop de candidates à la fois",
        likelihood=3,
        impact=4,
        owner=owner,
        review_on=day - datetime.timedelta(days=2),
    )
    action = MitigationAction.objects.create(
        risk=risk, description_en="Schedule accessions", description_fr="Échelonner les adhésions"
    )
    indicator = WarningIndicator.objects.create(
        risk=risk, indicator_key="pipeline_vs_cap", threshold=Decimal("0.1"), direction=Direction.ABOVE
    )
    GenderTarget.objects.create(objective=tools, population=GenderPopulation.EXPERTS, minimum_share=40)
    return {
        "period": period,
        "expansion": expansion,
        "tools": tools,
        "members": members,
        "missing": missing,
        "hidden": hidden,
        "risk": risk,
        "action": action,
        "indicator": indicator,
    }


def missing_source(monkeypatch: Any) -> None:
    """Register the source `not_written_yet`, whose app does not exist (as icc.learning before it is
    written)."""
    monkeypatch.setitem(
        sources.SOURCES,
        "not_written_yet",
        sources.Source(
            "not_written_yet",
            "course",  # type: ignore[arg-type]
            lambda: sources._milestone("icc.not_an_app.selectors", "course_first_published_on", "x"),  # type: ignore[arg-type]
        ),
    )
