"""The pure computation of a target's progress, forecast and status (icc/programme/progress.py), plain
data."""

import datetime

from icc.programme.progress import AT_RISK, MET, MISSED, ON_TRACK, Record, TargetSpec, compute, warns

D = datetime.date


def records(*days: datetime.date) -> list[Record]:
    return [Record(day, f"r{i}") for i, day in enumerate(days)]


def test_it_counts_only_records_since_the_start_unless_cumulative():
    rows = records(D(2015, 6, 1), D(2016, 3, 1), D(2016, 9, 1))
    spec = TargetSpec(value=5, start=D(2016, 1, 1), deadline=D(2017, 12, 31))
    assert compute(rows, spec, D(2016, 12, 31)).current == 2
    cumulative = TargetSpec(value=5, start=D(2016, 1, 1), deadline=D(2017, 12, 31), cumulative=True)
    progress = compute(rows, cumulative, D(2016, 12, 31))
    assert progress.current == 3
    assert progress.at_start == 1


def test_the_forecast_extends_the_pace_since_the_start_to_the_deadline():
    # 10 records in the first 100 days: 0.1 a day; 100 days left -> 20 by the deadline.
    rows = [Record(D(2016, 1, 1) + datetime.timedelta(days=i * 10), f"r{i}") for i in range(10)]
    spec = TargetSpec(value=20, start=D(2016, 1, 1), deadline=D(2016, 1, 1) + datetime.timedelta(days=200))
    progress = compute(rows, spec, D(2016, 1, 1) + datetime.timedelta(days=100))
    assert progress.current == 10
    assert progress.forecast == 20.0
    assert progress.status == ON_TRACK


def test_a_slow_pace_is_at_risk():
    rows = records(D(2016, 2, 1))
    spec = TargetSpec(value=20, start=D(2016, 1, 1), deadline=D(2019, 12, 31))
    progress = compute(rows, spec, D(2017, 1, 1))
    assert progress.status == AT_RISK
    assert progress.forecast < 20


def test_reaching_the_value_is_met_even_before_the_deadline():
    spec = TargetSpec(value=2, start=D(2016, 1, 1), deadline=D(2016, 12, 31))
    assert compute(records(D(2016, 3, 1), D(2016, 4, 1)), spec, D(2016, 5, 1)).status == MET


def test_after_the_deadline_it_is_met_or_missed_by_what_counted_on_the_deadline():
    spec = TargetSpec(value=2, start=D(2018, 1, 1), deadline=D(2018, 12, 31))
    late = records(D(2018, 5, 1), D(2019, 2, 1))  # the second came after the deadline
    progress = compute(late, spec, D(2020, 1, 1))
    assert progress.status == MISSED
    assert progress.current == 1
    assert progress.forecast == 1
    assert compute(records(D(2018, 5, 1), D(2018, 6, 1)), spec, D(2020, 1, 1)).status == MET


def test_a_withdrawn_record_stops_counting_the_day_it_ended():
    rows = [Record(D(2016, 1, 10), "a"), Record(D(2016, 2, 1), "b", until=D(2016, 6, 1))]
    spec = TargetSpec(value=2, start=D(2016, 1, 1), deadline=D(2017, 1, 1), cumulative=True)
    assert compute(rows, spec, D(2016, 5, 31)).current == 2
    assert compute(rows, spec, D(2016, 6, 1)).current == 1


def test_a_denominator_makes_a_percentage():
    spec = TargetSpec(value=100, start=D(2016, 1, 1), deadline=D(2019, 12, 31), cumulative=True)
    progress = compute(records(D(2016, 5, 1), D(2017, 5, 1)), spec, D(2018, 1, 1), total=4)
    assert progress.current == 50.0
    assert progress.percent == 50
    assert compute([], spec, D(2018, 1, 1), total=0).current == 0.0


def test_a_milestone_not_reached_has_no_pace_and_is_at_risk():
    spec = TargetSpec(value=1, start=D(2016, 1, 1), deadline=D(2017, 12, 31))
    progress = compute([], spec, D(2016, 6, 1))
    assert progress.status == AT_RISK
    assert progress.percent == 0


def test_the_counted_records_are_listed_in_date_order():
    rows = [Record(D(2016, 5, 1), "b"), Record(D(2016, 2, 1), "a")]
    spec = TargetSpec(value=5, start=D(2016, 1, 1), deadline=D(2017, 1, 1))
    assert [r.label for r in compute(rows, spec, D(2016, 6, 1)).counted] == ["a", "b"]


def test_indicators_warn_in_their_direction():
    assert warns(3.0, 2.0, "above") is True
    assert warns(1.0, 2.0, "above") is False
    assert warns(1.0, 1.5, "below") is True
    assert warns(None, 1.0, "below") is None
