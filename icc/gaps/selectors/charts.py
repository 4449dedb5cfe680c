"""The gaps' charts, each an SVG with its title and description next to a table of the same numbers: the
domain charts (a gap and its interval per row) drawn inline by a template, the history's line chart by the
reports' chart module (icc/reports/charts.py), drawn once per figures and language and then kept in the
cache (the key changes whenever anything drawn changes)."""

from __future__ import annotations

import hashlib
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icc.gaps.selectors.city import DomainSection
from icc.gaps.selectors.lines import GAP_DIGITS, GapLine, number_text
from icc.reports import charts

CACHE_SECONDS = 7 * 24 * 3600


def _cached(key_parts: object, draw: object) -> str:
    key = "gaps-chart:" + hashlib.sha256(repr((get_language(), key_parts)).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = str(draw())  # type: ignore[operator]
        cache.set(key, svg, CACHE_SECONDS)
    return svg


# The domain charts are inline SVG drawn by a template (gaps/_interval_chart.html) from the geometry
# computed here: a page draws up to seven of them, and matplotlib took over a second each (ten seconds for
# a city's first view). Plain SVG with presentation attributes (no style: the Content-Security-Policy),
# a title and a description naming every row, and the table of the same figures under it.
WIDTH = 760
LABEL_RIGHT = 300  # labels end here (text-anchor end)
PLOT_LEFT, PLOT_RIGHT = 312, 600
VALUE_X = 610
LINE_HEIGHT = 15
ROW_PADDING = 12
TOP = 8
AXIS_HEIGHT = 44
LABEL_CHARS = 44


@dataclass(frozen=True)
class IntervalRow:
    label_lines: list[tuple[str, str]]  # (text, y)
    y: str  # the row's middle
    cap_top: str
    cap_bottom: str
    x: str | None  # the gap's square, None when the row has no figure
    low: str | None
    high: str | None
    text: str  # "-5.0 [-8.5; -1.4]" or why there is no figure
    text_y: str
    missing: bool
    description: str


@dataclass(frozen=True)
class Tick:
    x: str
    label: str


@dataclass(frozen=True)
class IntervalChart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    rows: list[IntervalRow]
    ticks: list[Tick]
    zero_x: str
    axis_y: str
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    label_right: int = LABEL_RIGHT
    value_x: int = VALUE_X
    axis_label: str = ""
    axis_label_x: int = (PLOT_LEFT + PLOT_RIGHT) // 2
    axis_label_y: str = ""


def _nice_step(span: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving at most six ticks over `span`."""
    raw = max(span / 5, 1e-9)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


def interval_chart(lines: Sequence[GapLine], *, title: str, chart_id: str) -> IntervalChart:
    """One row per line: the gap in percentage points as a square, its 95 % interval as a line with end
    caps, a dashed line at 0 (parity), the figures written at the right; a row without figures draws
    nothing and says why (a withheld gap is never drawn)."""
    ends = [0.0]
    for line in lines:
        if line.gap_pp is not None:
            ends.append(line.gap_pp)
            if line.gap_ci is not None:
                ends += list(line.gap_ci)
    step = _nice_step(max(ends) - min(ends) or 1.0)
    low, high = math.floor(min(ends) / step) * step, math.ceil(max(ends) / step) * step
    if high - low < step:
        high = low + step

    def x_of(value: float) -> float:
        return PLOT_LEFT + (value - low) / (high - low) * (PLOT_RIGHT - PLOT_LEFT)

    rows, y = [], float(TOP)
    for line in lines:
        wrapped = textwrap.wrap(line.label, LABEL_CHARS, break_long_words=False) or [line.label]
        height = len(wrapped) * LINE_HEIGHT + ROW_PADDING
        middle = y + height / 2
        first = middle - (len(wrapped) - 1) * LINE_HEIGHT / 2 + 4
        label_lines = [(text, _coordinate(first + i * LINE_HEIGHT)) for i, text in enumerate(wrapped)]
        if line.gap_pp is not None:
            interval = (
                f"  [{number_text(line.gap_ci[0], GAP_DIGITS)}; {number_text(line.gap_ci[1], GAP_DIGITS)}]"
                if line.gap_ci
                else ""
            )
            text = number_text(line.gap_pp, GAP_DIGITS) + interval
            description = _("%(label)s: %(gap)s points, 95 %% interval %(interval)s") % {
                "label": line.label,
                "gap": number_text(line.gap_pp, GAP_DIGITS),
                "interval": line.gap_interval.text,
            }
        else:
            text = line.gap.text
            description = f"{line.label}: {text}"
        rows.append(
            IntervalRow(
                label_lines=label_lines,
                y=_coordinate(middle),
                cap_top=_coordinate(middle - 5),
                cap_bottom=_coordinate(middle + 5),
                x=_coordinate(x_of(line.gap_pp)) if line.gap_pp is not None else None,
                low=_coordinate(x_of(line.gap_ci[0])) if line.gap_pp is not None and line.gap_ci else None,
                high=_coordinate(x_of(line.gap_ci[1])) if line.gap_pp is not None and line.gap_ci else None,
                text=text,
                text_y=_coordinate(middle + 4),
                missing=line.gap_pp is None,
                description=description,
            )
        )
        y += height
    axis_y = y + 4
    ticks = []
    tick = low
    while tick <= high + step / 2:
        ticks.append(Tick(_coordinate(x_of(tick)), number_text(tick, 0 if step >= 1 else 1)))
        tick += step
    return IntervalChart(
        chart_id=chart_id,
        title=title,
        description=_(
            "One row per indicator and group: the gap in percentage points as a square and its 95 % interval "
            "as a line; the dashed line at 0 is parity, below 0 the group is worse off than the reference "
            "group. The table below gives the same figures with both groups' rates."
        ),
        width=WIDTH,
        height=math.ceil(axis_y + AXIS_HEIGHT),
        rows=rows,
        ticks=ticks,
        zero_x=_coordinate(x_of(0.0)),
        axis_y=_coordinate(axis_y),
        axis_label=_("Gap in percentage points (below 0: the group is worse off)"),
        axis_label_y=_coordinate(axis_y + 36),
    )


def domain_chart(section: DomainSection, *, city_name: str, period: str | None) -> IntervalChart | None:
    """A domain's interval chart; None when no gap of the domain has figures (nothing to draw)."""
    if not any(line.shown for line in section.lines):
        return None
    title = _("Gaps in %(domain)s, %(city)s, %(period)s: percentage points with their 95%% intervals") % {
        "domain": section.title.lower(),
        "city": city_name,
        "period": period,
    }
    return interval_chart(section.lines, title=title, chart_id=section.chart_id)


def gap_score_history_chart(
    periods: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], *, title: str, chart_id: str
) -> str:
    """The gap score (100 = parity) of each group across the periods; a withheld period draws no point."""
    description = _(
        "Gap score of each group in each period, from 0 to 100 (100: parity with the reference group). "
        "The table below gives the same figures, and why a figure is missing."
    )

    def draw() -> str:
        return charts.line_chart(
            x_labels=list(periods),
            series=list(series),
            title=title,
            description=description,
            chart_id=chart_id,
            y_label=_("Gap score"),
            png=False,
        )

    return _cached(("history", list(periods), [(n, list(v)) for n, v in series], title, chart_id), draw)
