"""Writes to strategies: the status workflow, the refusals by field, the forecast set by hand, the refresh
from the Index, history and notifications."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from icc.core.history import reason_display
from icc.notifications.models import Notification
from icc.strategies import services
from icc.strategies.models import DataPoint, SourceKind, Strategy, StrategyStatus, Target
from tests.strategies.helpers import make_strategy

D = datetime.date


def _draft(city, by) -> Strategy:
    return services.strategy_create(city=city, data=services.StrategyData(title_en="Lyon for all"), by=by)


def test_a_strategy_starts_in_drafting_and_records_who_created_it(lyon, bob):
    strategy = _draft(lyon, bob)
    assert strategy.status == StrategyStatus.DRAFTING
    first = strategy.history.earliest()
    assert first.history_user == bob
    assert reason_display(first.history_change_reason) == "strategy created"


def test_validation_needs_its_day_and_body_named_by_field(lyon, bob):
    strategy = _draft(lyon, bob)
    with pytest.raises(ValidationError) as caught:
        services.strategy_set_status(strategy=strategy, status="validated", by=bob)
    assert set(caught.value.message_dict) == {"validated_on", "validated_by_body"}
    strategy.refresh_from_db()
    assert strategy.status == "drafting"


def test_a_forbidden_transition_is_refused_and_names_the_allowed_ones(lyon, bob):
    strategy = _draft(lyon, bob)
    with pytest.raises(ValidationError) as caught:
        services.strategy_set_status(strategy=strategy, status="implementing", by=bob)
    assert "Allowed next: validated by the city" in caught.value.messages[0]


def test_status_changes_tell_the_citys_people_and_keep_the_reason(lyon, bob, carol):
    strategy = _draft(lyon, bob)
    services.strategy_set_status(
        strategy=strategy,
        status="validated",
        by=bob,
        validated_on=D(2024, 5, 2),
        validated_by_body="City council",
    )
    notice = Notification.objects.get(recipient=carol, kind="strategy_status_changed")
    assert "validated by the city" in notice.title
    assert not Notification.objects.filter(recipient=bob).exists()  # not the person who did it
    latest = Strategy.objects.get(pk=strategy.pk).history.latest()
    assert reason_display(latest.history_change_reason) == "status changed to validated by the city"


def test_a_validated_strategy_can_be_corrected_back_to_drafting_only_as_a_correction(lyon, bob):
    strategy = make_strategy(lyon, bob, status="validated")
    services.strategy_set_status(strategy=strategy, status="drafting", by=bob, correction=True)
    strategy.refresh_from_db()
    assert strategy.status == "drafting"


def test_implementing_the_next_strategy_supersedes_the_one_it_replaces(lyon, bob):
    old = make_strategy(lyon, bob, status="implementing")
    new = services.strategy_create(
        city=lyon, data=services.StrategyData(title_en="Lyon 2030", previous=old), by=bob
    )
    for step in ("validated", "implementing"):
        services.strategy_set_status(
            strategy=new, status=step, by=bob, validated_on=D(2024, 1, 2), validated_by_body="Council"
        )
    old.refresh_from_db()
    assert old.status == "superseded"


def test_a_draft_cannot_be_published(lyon, bob):
    strategy = _draft(lyon, bob)
    with pytest.raises(ValidationError) as caught:
        services.strategy_publish(strategy=strategy, published=True, by=bob)
    assert "published" in caught.value.message_dict


def test_a_second_figure_for_the_same_period_is_refused(lyon, bob):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    with pytest.raises(ValidationError) as caught:
        services.point_save(
            indicator=indicator, by=bob, period_label="2019", period_start=D(2019, 1, 1), value=3
        )
    assert "already has a figure for 2019" in caught.value.message_dict["period_start"][0]
    assert indicator.points.count() == 5


def test_a_value_that_is_not_a_number_is_refused_by_field(lyon, bob):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    with pytest.raises(ValidationError) as caught:
        services.point_save(
            indicator=indicator, by=bob, period_label="2030", period_start=D(2030, 1, 1), value="lots"
        )
    assert caught.value.message_dict == {"value": ["“lots” is not a number; enter digits, e.g. 42 or 12.5."]}


def test_a_value_written_with_a_comma_is_read(lyon, bob):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    point = services.point_save(
        indicator=indicator, by=bob, period_label="2030", period_start=D(2030, 1, 1), value="12,5"
    )
    assert point.value == 12.5


def test_a_target_without_its_period_is_refused(lyon, bob):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    with pytest.raises(ValidationError) as caught:
        services.target_save(indicator=indicator, by=bob, period_label="", period_start=None, value=60)
    assert set(caught.value.message_dict) == {"period_label", "period_start"}
    assert Target.objects.filter(indicator=indicator).count() == 1


def test_setting_a_target_again_for_a_period_replaces_it(lyon, bob):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    services.target_save(
        indicator=indicator, by=bob, period_label="2023", period_start=D(2023, 1, 1), value=60
    )
    assert list(indicator.targets.values_list("value", flat=True)) == [60]


def test_the_forecast_set_by_hand_needs_a_reason_and_keeps_it_in_the_history(lyon, bob):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    with pytest.raises(ValidationError) as caught:
        services.indicator_forecast_set(indicator=indicator, values={"2024": "55"}, note="", by=bob)
    assert "forecast_note" in caught.value.message_dict
    services.indicator_forecast_set(
        indicator=indicator, values={"2024": "55"}, note="A new factory opens", by=bob
    )
    indicator.refresh_from_db()
    assert indicator.forecast_override == {"2024": 55.0}
    latest = indicator.history.latest()
    assert reason_display(latest.history_change_reason) == "forecast set by hand: A new factory opens"


def test_an_indicator_from_an_unknown_index_area_is_refused(lyon, bob):
    strategy = make_strategy(lyon, bob)
    with pytest.raises(ValidationError) as caught:
        services.indicator_save(
            result=strategy.results.get(),
            data=services.IndicatorData(
                name_en="Score", source_kind=SourceKind.INDEX_AREA, source_key="nowhere"
            ),
            by=bob,
        )
    assert "source_key" in caught.value.message_dict


def test_refresh_reads_one_figure_per_round_from_the_citys_validated_index_scores(scored, alice):
    lyon_response, _porto = scored
    lyon = lyon_response.city
    strategy = make_strategy(lyon, alice)
    area = next(iter(lyon_response.score.scores["areas"]))
    indicator = (
        services.indicator_save(
            result=strategy.results.get(),
            data=services.IndicatorData(
                name_en="Index score", source_kind=SourceKind.INDEX_AREA, source_key=area
            ),
            by=alice,
        )
        if area in services._index_area_keys()
        else None
    )
    if indicator is None:
        pytest.skip("the example questionnaire's areas are not the current questionnaire's")
    assert services.indicator_refresh(indicator=indicator, by=alice) == 1
    point = DataPoint.objects.get(indicator=indicator)
    assert point.source_kind == "index"
    assert point.value == pytest.approx(lyon_response.score.scores["areas"][area], abs=1e-6)
    assert services.indicator_refresh(indicator=indicator, by=alice) == 0  # nothing changed since


def test_an_action_update_moves_the_action_and_is_dated(lyon, bob):
    strategy = make_strategy(lyon, bob)
    action = strategy.results.get().indicators.get().actions.get()
    with pytest.raises(ValidationError) as caught:
        services.action_update_add(action=action, status="done", on=D(2999, 1, 1), by=bob)
    assert "on" in caught.value.message_dict
    services.action_update_add(action=action, status="late", on=D(2024, 3, 1), note="Budget late", by=bob)
    action.refresh_from_db()
    assert action.status == "late"
    assert action.updates.get().note == "Budget late"


def test_an_action_needs_an_owner(lyon, bob):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()
    with pytest.raises(ValidationError) as caught:
        services.action_save(indicator=indicator, data=services.ActionData(title="Do it"), by=bob)
    assert "owner_name" in caught.value.message_dict


def test_reminders_go_once_per_action_and_due_date(lyon, bob):
    strategy = make_strategy(lyon, bob)
    action = strategy.results.get().indicators.get().actions.get()
    today = D(2029, 12, 25)  # the action is due on 2030-01-01
    services.action_save(
        indicator=action.indicator,
        action=action,
        data=services.ActionData(
            title=action.title, owner=bob, due_on=action.due_on, starts_on=action.starts_on
        ),
        by=bob,
    )
    services.action_reminders_send(today=today)
    services.action_reminders_send(today=today)
    assert Notification.objects.filter(recipient=bob, kind="strategy_action_due").count() == 1


def test_a_measure_without_the_latest_period_is_reported_once(lyon, bob):
    strategy = make_strategy(lyon, bob)
    # The indicator has figures to 2023, the measure only to 2023 too; a new indicator figure for 2024
    # leaves the measure without one.
    indicator = strategy.results.get().indicators.get()
    services.point_save(
        indicator=indicator, by=bob, period_label="2024", period_start=D(2024, 1, 1), value=51
    )
    services.action_reminders_send(today=D(2020, 1, 1))
    services.action_reminders_send(today=D(2020, 1, 1))
    notices = Notification.objects.filter(recipient=bob, kind="strategy_data_missing")
    assert notices.count() == 1
    assert "2024" in notices.get().title
