"""Progress of a programme target, its forecast and its status: pure computation (no Django), tested with
plain data (tests/programme/test_progress.py).

A target has a value to reach by a deadline, counting from a start day (the baseline). The records behind its
number are dated (`Record.on`), and may end (`Record.until`: a member city that withdrew). The value on a day
is
the number of records running that day (`cumulative`: every record since ever; otherwise only those dated on
or
after the start), or, when the source gives a denominator (`total`), that number as a percentage of it.

Forecast: linear from the start to today. The pace is the gain since the start (value today minus value at the
start) divided by the days since the start; the forecast is today's value plus that pace times the days left
to
the deadline. After the deadline, the forecast is the value reached on the deadline.

Status, in this order:
- **met**: the value reached the target (on the deadline or before, or today when the deadline is ahead);
- **missed**: the deadline passed without reaching it;
- **on track**: the forecast reaches the target by the deadline;
- **at risk**: otherwise (including a one-off milestone, target 1, not reached yet: its pace is zero).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MET = "met"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
MISSED = "missed"


@dataclass(frozen=True)
class Record:
    """One record behind a number: its day, what it is, and a link to it (may be empty)."""

    on: datetime.date
    label: str
    url: str = ""
    until: datetime.date | None = None  # the day it stopped counting (excluded), if it did


@dataclass(frozen=True)
class TargetSpec:
    value: float
    start: datetime.date
    deadline: datetime.date
    cumulative: bool = False


@dataclass(frozen=True)
class Progress:
    current: float  # the value today (or on the deadline when it passed)
    at_start: float
    target: float
    forecast: float
    status: str
    counted: tuple[Record, ...]  # the records behind `current`
    deadline_passed: bool

    @property
    def percent(self) -> int:
        """Progress towards the target, 0-100 (for a bar)."""
        if self.target <= 0:
            return 100
        return max(0, min(100, round(100 * self.current / self.target)))

    @property
    def forecast_percent(self) -> int:
        if self.target <= 0:
            return 100
        return max(0, min(100, round(100 * self.forecast / self.target)))


def running_on(records: Iterable[Record], day: datetime.date, *, since: datetime.date | None) -> list[Record]:
    """The records counting on `day`: dated on or before it (and on or after `since` if given), not ended."""
    return [
        r
        for r in records
        if r.on <= day and (since is None or r.on >= since) and (r.until is None or r.until > day)
    ]


def _value(count: int, total: int | None) -> float:
    if total is None:
        return float(count)
    return round(100 * count / total, 1) if total else 0.0


def compute(
    records: Sequence[Record], spec: TargetSpec, today: datetime.date, *, total: int | None = None
) -> Progress:
    """Progress, forecast and status of `spec` on `today` from `records` (see the module notes)."""
    since = None if spec.cumulative else spec.start
    passed = today > spec.deadline
    day = spec.deadline if passed else today
    counted = running_on(records, day, since=since)
    current = _value(len(counted), total)
    at_start = _value(len(running_on(records, spec.start - datetime.timedelta(days=1), since=since)), total)
    if passed:
        forecast = current
    else:
        elapsed = (today - spec.start).days
        left = (spec.deadline - today).days
        pace = (current - at_start) / elapsed if elapsed > 0 else 0.0
        forecast = round(current + max(pace, 0.0) * left, 1)
    if current >= spec.value:
        status = MET
    elif passed:
        status = MISSED
    elif forecast >= spec.value:
        status = ON_TRACK
    else:
        status = AT_RISK
    counted_sorted = tuple(sorted(counted, key=lambda r: (r.on, r.label)))
    return Progress(
        current=current,
        at_start=at_start,
        target=spec.value,
        forecast=forecast,
        status=status,
        counted=counted_sorted,
        deadline_passed=passed,
    )


def warns(value: float | None, threshold: float, direction: str) -> bool | None:
    """Whether an indicator's value warns: above (or equal to) the threshold for "above", below it for
    "below"; None when the value cannot be computed."""
    if value is None:
        return None
    return value >= threshold if direction == "above" else value < threshold
