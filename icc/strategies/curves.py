"""Curves of results-based accountability, computed from plain numbers (no Django, no ORM).

- `forecast`: where the curve goes if nothing changes. A straight line fitted by ordinary least squares
  (statsmodels OLS) through the history, with an 80 % prediction band (`get_prediction(...).summary_frame(
  alpha=0.2)`, columns obs_ci_lower / obs_ci_upper: where a single new figure would fall 8 times in 10 if the
  line held). With fewer than `MIN_POINTS` figures there is no forecast: `Forecast.enough` is False.
- `turning`: "turning the curve" = the actual figure does better than the forecast, given the polarity.
- `trend`: the direction of the last change (up, down, flat), whether it is good news given the polarity,
  and for how many periods the same direction has lasted.
- `scorecard_row`: the columns of an RBA scorecard for the latest period.

Periods are placed on the x axis by the caller (e.g. the year of their start as a decimal), so unequal
spacing is honoured. Polarity is "higher_is_better" or "lower_is_better".
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

HIGHER = "higher_is_better"
LOWER = "lower_is_better"
MIN_POINTS = 3
ALPHA = 0.2  # 80 % prediction band
_EPS = 1e-9


@dataclass(frozen=True)
class Point:
    x: float
    label: str
    value: float


@dataclass(frozen=True)
class ForecastPoint:
    x: float
    label: str
    value: float
    lower: float
    upper: float


@dataclass(frozen=True)
class Forecast:
    enough: bool
    points: list[ForecastPoint] = field(default_factory=list)
    slope: float | None = None  # per unit of x (per year when x is in years)
    intercept: float | None = None
    history_size: int = 0

    def at(self, label: str) -> ForecastPoint | None:
        for point in self.points:
            if point.label == label:
                return point
        return None


def forecast(history: Sequence[Point], at: Sequence[tuple[float, str]], *, alpha: float = ALPHA) -> Forecast:
    """The linear trend of `history` projected to each (x, label) of `at`, with its prediction band.
    Fewer than MIN_POINTS distinct figures: not enough data (an empty forecast, `enough` False)."""
    if len(history) < MIN_POINTS or len({p.x for p in history}) < 2:
        return Forecast(enough=False, history_size=len(history))
    import numpy as np
    import statsmodels.api as sm

    xs = np.array([p.x for p in history], dtype=float)
    ys = np.array([p.value for p in history], dtype=float)
    x0 = float(xs.mean())  # centred: better conditioned with years as x
    model = sm.OLS(ys, sm.add_constant(xs - x0, has_constant="add")).fit()
    intercept, slope = (float(v) for v in model.params)
    if not at:
        return Forecast(True, [], slope, intercept - slope * x0, len(history))
    new_x = np.array([x for x, _ in at], dtype=float) - x0
    frame = model.get_prediction(sm.add_constant(new_x, has_constant="add")).summary_frame(alpha=alpha)
    points = []
    for (x, label), mean, lower, upper in zip(
        at, frame["mean"], frame["obs_ci_lower"], frame["obs_ci_upper"], strict=True
    ):
        mean = float(mean)
        # A perfectly straight history has no residual variance: the band is the line itself.
        lower = mean if math.isnan(lower) else float(lower)
        upper = mean if math.isnan(upper) else float(upper)
        points.append(ForecastPoint(x, label, mean, lower, upper))
    return Forecast(True, points, slope, intercept - slope * x0, len(history))


def better(a: float, b: float, polarity: str) -> bool:
    """Whether `a` is better than `b` given the polarity."""
    return a > b + _EPS if polarity == HIGHER else a < b - _EPS


def turning(actual: float, forecast_value: float | None, polarity: str) -> bool | None:
    """ "Turning the curve": the actual figure does better than the forecast. None without a forecast."""
    if forecast_value is None:
        return None
    return better(actual, forecast_value, polarity)


@dataclass(frozen=True)
class Trend:
    direction: str  # "up", "down", "flat" or "" (a single figure: no trend)
    good: bool | None  # good news given the polarity; None when flat or unknown
    periods: int  # how many consecutive changes went the same way, ending with the latest

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "flat": "→"}.get(self.direction, "")


def _direction(change: float, scale: float) -> str:
    if abs(change) <= _EPS * max(1.0, scale):
        return "flat"
    return "up" if change > 0 else "down"


def trend(values: Sequence[float], polarity: str) -> Trend:
    if len(values) < 2:
        return Trend("", None, 0)
    scale = max(abs(v) for v in values)
    directions = [_direction(b - a, scale) for a, b in itertools.pairwise(values)]
    last = directions[-1]
    periods = 0
    for direction in reversed(directions):
        if direction != last:
            break
        periods += 1
    good = None if last == "flat" else (last == "up") == (polarity == HIGHER)
    return Trend(last, good, periods)


@dataclass(frozen=True)
class ScorecardRow:
    period: str
    prior: float | None
    current: float | None
    target: float | None
    variance: float | None  # current - target
    percent_of_target: float | None  # current / target * 100
    forecast: float | None
    forecast_lower: float | None
    forecast_upper: float | None
    turning: bool | None
    trend: Trend
    baseline_period: str | None
    baseline: float | None
    change_since_baseline: float | None
    enough_data: bool


def scorecard_row(
    points: Sequence[Point],
    *,
    polarity: str,
    targets: Mapping[str, float],
    curve: Forecast,
    baseline_index: int = 0,
) -> ScorecardRow:
    """The scorecard's columns for the latest period of `points` (oldest first). `curve` is the forecast
    (computed or set by the city) and `targets` maps period labels to their targets."""
    if not points:
        return ScorecardRow(*([""] + [None] * 9), Trend("", None, 0), None, None, None, False)  # type: ignore[arg-type, call-arg]
    latest = points[-1]
    prior = points[-2].value if len(points) > 1 else None
    target = targets.get(latest.label)
    variance = None if target is None else latest.value - target
    percent = None if target is None or abs(target) < _EPS else latest.value / target * 100
    predicted = curve.at(latest.label) if curve.enough else None
    baseline_index = min(max(baseline_index, 0), len(points) - 1)
    baseline = points[baseline_index]
    return ScorecardRow(
        period=latest.label,
        prior=prior,
        current=latest.value,
        target=target,
        variance=variance,
        percent_of_target=percent,
        forecast=None if predicted is None else predicted.value,
        forecast_lower=None if predicted is None else predicted.lower,
        forecast_upper=None if predicted is None else predicted.upper,
        turning=None
        if predicted is None or baseline_index == len(points) - 1
        else turning(latest.value, predicted.value, polarity),
        trend=trend([p.value for p in points], polarity),
        baseline_period=baseline.label,
        baseline=baseline.value,
        change_since_baseline=latest.value - baseline.value,
        enough_data=curve.enough,
    )


def default_baseline_index(xs: Sequence[float], start_x: float | None) -> int:
    """The baseline: the last period that starts on or before the strategy starts, as long as it leaves
    MIN_POINTS figures of history; otherwise the MIN_POINTS-th figure (the first three make the history)."""
    if not xs:
        return 0
    fallback = min(MIN_POINTS, len(xs)) - 1
    if start_x is None:
        return fallback
    before = [i for i, x in enumerate(xs) if x <= start_x + _EPS]
    if before and before[-1] >= MIN_POINTS - 1:
        return before[-1]
    return fallback
