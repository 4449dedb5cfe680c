"""The RBA curves from plain numbers: forecast with its 80 % band, turning the curve, trends, scorecards."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from icc.strategies import curves
from icc.strategies.curves import HIGHER, LOWER, Point


def pts(*values: float, start: int = 2018) -> list[Point]:
    return [Point(float(start + i), str(start + i), float(v)) for i, v in enumerate(values)]


def test_fewer_than_three_figures_give_no_forecast():
    result = curves.forecast(pts(1, 2), [(2021.0, "2021")])
    assert not result.enough
    assert result.points == []
    assert result.history_size == 2


def test_a_straight_line_forecasts_its_continuation_with_a_band_of_no_width():
    result = curves.forecast(pts(10, 12, 14), [(2021.0, "2021"), (2022.0, "2022")])
    assert result.enough
    assert [round(p.value, 6) for p in result.points] == [16, 18]
    assert all(math.isclose(p.lower, p.value, abs_tol=1e-6) for p in result.points)
    assert round(result.slope or 0, 6) == 2


def test_the_band_is_statsmodels_80_percent_prediction_interval():
    import numpy as np
    import statsmodels.api as sm

    history = pts(10, 12, 13, 15, 15.5)
    result = curves.forecast(history, [(2023.0, "2023")])
    xs = np.array([p.x for p in history])
    fit = sm.OLS(np.array([p.value for p in history]), sm.add_constant(xs)).fit()
    frame = fit.get_prediction(np.array([[1.0, 2023.0]])).summary_frame(alpha=0.2)
    assert math.isclose(result.points[0].value, float(frame["mean"].iloc[0]), rel_tol=1e-9)
    assert math.isclose(result.points[0].lower, float(frame["obs_ci_lower"].iloc[0]), rel_tol=1e-9)
    assert math.isclose(result.points[0].upper, float(frame["obs_ci_upper"].iloc[0]), rel_tol=1e-9)
    assert result.points[0].lower < result.points[0].value < result.points[0].upper


def test_turning_the_curve_depends_on_the_polarity():
    assert curves.turning(12, 10, HIGHER) is True
    assert curves.turning(12, 10, LOWER) is False
    assert curves.turning(8, 10, LOWER) is True
    assert curves.turning(8, None, LOWER) is None


def test_the_trend_counts_how_long_it_has_lasted():
    trend = curves.trend([5, 4, 5, 6, 7], HIGHER)
    assert (trend.direction, trend.good, trend.periods, trend.arrow) == ("up", True, 3, "↑")
    falling = curves.trend([5, 4, 5, 6, 7], LOWER)
    assert falling.good is False
    flat = curves.trend([3, 3, 3], HIGHER)
    assert (flat.direction, flat.good, flat.periods) == ("flat", None, 2)
    assert curves.trend([3], HIGHER).direction == ""


def test_a_scorecard_row_has_every_column():
    points = pts(40, 42, 43, 47, 50)
    forecast = curves.forecast(points[:3], [(2021.0, "2021"), (2022.0, "2022")])
    row = curves.scorecard_row(
        points, polarity=HIGHER, targets={"2022": 52}, curve=forecast, baseline_index=2
    )
    assert row.period == "2022"
    assert (row.prior, row.current, row.target) == (47, 50, 52)
    assert row.variance == -2
    assert round(row.percent_of_target or 0, 2) == 96.15
    assert round(row.forecast or 0, 2) == 46.17
    assert row.turning is True
    assert (row.trend.direction, row.trend.periods) == ("up", 4)
    assert (row.baseline_period, row.change_since_baseline) == ("2020", 7)


def test_a_row_without_targets_nor_enough_data_says_so():
    points = pts(3, 4)
    row = curves.scorecard_row(points, polarity=LOWER, targets={}, curve=curves.forecast(points, []))
    assert row.target is None and row.variance is None and row.percent_of_target is None
    assert row.forecast is None and row.turning is None and not row.enough_data
    assert row.trend.good is False


def test_a_target_of_zero_has_no_percentage():
    row = curves.scorecard_row(pts(1, 0), polarity=LOWER, targets={"2019": 0}, curve=curves.Forecast(False))
    assert row.percent_of_target is None and row.variance == 0


def test_an_empty_series_gives_an_empty_row():
    row = curves.scorecard_row([], polarity=HIGHER, targets={}, curve=curves.Forecast(False))
    assert row.period == "" and row.current is None


def test_the_baseline_is_the_last_period_before_the_strategy_when_history_allows():
    xs = [2015.0, 2016.0, 2017.0, 2018.0, 2019.0]
    assert curves.default_baseline_index(xs, 2018.5) == 3
    assert curves.default_baseline_index(xs, 2015.5) == 2  # too little history before: the first three
    assert curves.default_baseline_index(xs, None) == 2
    assert curves.default_baseline_index([2015.0], None) == 0


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=3, max_size=12),
    st.floats(min_value=0.5, max_value=5),
)
def test_the_band_always_holds_the_forecast(values, ahead):
    history = pts(*values)
    result = curves.forecast(history, [(history[-1].x + ahead, "next")])
    assert result.enough
    point = result.points[0]
    assert point.lower <= point.value + 1e-6 * max(1, abs(point.value))
    assert point.value <= point.upper + 1e-6 * max(1, abs(point.value))
