"""A strategy with everything on it, built through the services as a city would."""

from __future__ import annotations

import datetime
from typing import Any

from icc.strategies import services
from icc.strategies.models import Strategy

D = datetime.date
START = D(2022, 1, 1)


def make_strategy(
    city: Any,
    by: Any,
    *,
    status: str = "implementing",
    values: tuple[float, ...] = (40, 42, 43, 47, 50),
    published: bool = False,
    starts_on: datetime.date | None = START,
) -> Strategy:
    strategy = services.strategy_create(
        city=city,
        data=services.StrategyData(
            title_en=f"{city.name} together",
            title_fr=f"{city.name} ensemble",
            starts_on=starts_on,
            index_areas=["education"],
        ),
        by=by,
    )
    path = {
        "drafting": [],
        "validated": ["validated"],
        "presented": ["validated", "presented"],
        "implementing": ["validated", "presented", "implementing"],
        "evaluated": ["validated", "presented", "implementing", "evaluated"],
    }[status]
    for step in path:
        services.strategy_set_status(
            strategy=strategy,
            status=step,
            by=by,
            validated_on=D(2022, 3, 1),
            validated_by_body="City council",
            presented_on=D(2022, 4, 1),
        )
    result = services.result_save(
        strategy=strategy,
        by=by,
        title_en="Everyone feels at home",
        statement_en="All residents feel at home.",
    )
    indicator = services.indicator_save(
        result=result,
        data=services.IndicatorData(name_en="Residents who trust their neighbours", unit="%"),
        by=by,
    )
    for i, value in enumerate(values):
        services.point_save(
            indicator=indicator,
            by=by,
            period_label=str(2019 + i),
            period_start=D(2019 + i, 1, 1),
            value=value,
            source="City survey",
        )
    services.target_save(
        indicator=indicator,
        by=by,
        period_label=str(2019 + len(values) - 1),
        period_start=D(2019 + len(values) - 1, 1, 1),
        value=52,
    )
    programme = services.programme_save(strategy=strategy, name="Neighbourhood mediators", by=by)
    measure = services.measure_save(programme=programme, quadrant="how_much", name="People trained", by=by)
    for i, value in enumerate((10, 20)):
        services.point_save(
            measure=measure, by=by, period_label=str(2022 + i), period_start=D(2022 + i, 1, 1), value=value
        )
    services.action_save(
        indicator=indicator,
        data=services.ActionData(
            title="Open three neighbourhood houses",
            owner_name="Social services",
            starts_on=D(2023, 1, 1),
            due_on=D(2030, 1, 1),
        ),
        by=by,
    )
    if published:
        services.strategy_publish(strategy=strategy, published=True, by=by)
    strategy.refresh_from_db()
    return strategy
