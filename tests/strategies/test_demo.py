"""The demo's strategies: eight cities, every status, series of 5 to 10 figures, actions in every state, one
strategy published; loaded once."""

from collections import Counter

import pytest

from icc.strategies.demo import load_strategies_demo
from icc.strategies.models import Action, DataPoint, Indicator, Strategy


@pytest.mark.django_db
def test_the_demo_loads_strategies_at_every_status_once():
    from icc.network.demo import load_demo

    load_demo()
    loaded = load_strategies_demo()
    assert loaded.strategies == 9  # eight cities, and the home city's superseded first strategy
    statuses = Counter(Strategy.objects.values_list("status", flat=True))
    assert set(statuses) == {"drafting", "validated", "presented", "implementing", "evaluated", "superseded"}
    assert Strategy.objects.values("city").distinct().count() == 8
    assert Strategy.objects.public().exists()
    assert set(Action.objects.values_list("status", flat=True)) == {
        "planned",
        "in_progress",
        "done",
        "late",
        "dropped",
    }
    for indicator in Indicator.objects.filter(source_kind="own"):
        assert 5 <= DataPoint.objects.filter(indicator=indicator).count() <= 10, indicator
    assert Indicator.objects.exclude(forecast_override={}).count() == 1
    assert load_strategies_demo().strategies == 0  # a second load changes nothing
