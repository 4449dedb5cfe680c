""" "Needs you" for city strategies: actions due within two weeks or overdue (their owner and the city's
coordinators), series without a figure for the latest period (the city's people), strategies in drafting for
more than a year (the secretariat)."""

import datetime

from django.utils import timezone

from icc.core.attention import attention_for
from icc.strategies import services
from icc.strategies.models import Strategy
from tests.strategies.helpers import make_strategy

D = datetime.date
KEYS = {"strategies.actions_due", "strategies.data_missing", "strategies.drafting_long"}


def _keys(user) -> dict[str, int]:
    return {item.key: item.count for item in attention_for(user) if item.key in KEYS}


def test_an_action_due_soon_needs_its_owner_and_the_coordinator_not_others(lyon, bob, carol, dave, grace):
    strategy = make_strategy(lyon, bob)
    action = strategy.results.get().indicators.get().actions.get()
    assert _keys(bob) == {}  # due in 2030
    soon = timezone.localdate() + datetime.timedelta(days=5)
    services.action_save(
        indicator=action.indicator,
        action=action,
        data=services.ActionData(title=action.title, owner=carol, starts_on=D(2020, 1, 1), due_on=soon),
        by=bob,
    )
    assert _keys(carol) == {"strategies.actions_due": 1}
    assert _keys(bob) == {"strategies.actions_due": 1}
    assert _keys(dave) == {} and _keys(grace) == {}
    services.action_update_add(action=action, status="done", on=timezone.localdate(), by=carol)
    assert _keys(carol) == {}


def test_a_measure_without_the_latest_period_needs_the_citys_people(lyon, bob, carol, dave):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    services.point_save(
        indicator=indicator, by=bob, period_label="2024", period_start=D(2024, 1, 1), value=50
    )
    assert _keys(bob) == {"strategies.data_missing": 1}
    assert _keys(carol) == {"strategies.data_missing": 1}
    assert _keys(dave) == {}


def test_a_strategy_drafted_for_more_than_a_year_needs_the_secretariat(lyon, bob, alice):
    strategy = services.strategy_create(city=lyon, data=services.StrategyData(title_en="Lyon"), by=bob)
    assert _keys(alice) == {}
    Strategy.objects.filter(pk=strategy.pk).update(
        status_changed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    assert _keys(alice) == {"strategies.drafting_long": 1}
    assert _keys(bob) == {}


def test_needs_you_costs_a_fixed_number_of_queries(lyon, porto, bob, django_assert_max_num_queries):
    for _ in range(3):
        make_strategy(lyon, bob)
    bob.refresh_from_db()
    attention_for(bob)  # the roles, read once per request
    from icc.accounts.selectors import user_roles_summary
    from icc.strategies import attention

    summary = user_roles_summary(bob)
    with django_assert_max_num_queries(6):
        list(attention.action_items(bob, summary))
        list(attention.missing_data_items(bob, summary))
        list(attention.secretariat_items(bob, summary))
