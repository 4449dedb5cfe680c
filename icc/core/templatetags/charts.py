"""Geometry of the inline SVG charts (template core/bar_chart.html): computed here, drawn there.

Templates cannot do arithmetic, so this module turns (label, value) pairs into coordinates. Nothing is
fetched or scripted: the chart is plain SVG with a title and a description, and the same numbers go in a
table next to it.
"""

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django import template

register = template.Library()

WIDTH = 640
LABEL_WIDTH = 170
VALUE_WIDTH = 56
ROW_HEIGHT = 24
BAR_HEIGHT = 16
TARGET_LABEL_HEIGHT = 16
MAX_LABEL_CHARS = 26  # per line of a label beside its bar; longer labels wrap, never cut
LINE_HEIGHT = 15
# Stacked: each label on its own lines above its bar, the whole width for both. Narrow enough to be drawn
# at its own size (12 px text) in a 375 px phone's column, where a 640-unit chart would shrink to half.
STACKED_WIDTH = 300
STACKED_LABEL_CHARS = 40

Number = int | float | Decimal


@dataclass
class Bar:
    label: str
    full_label: str
    lines: list[tuple[str, float]]  # the label wrapped: (text, y) per line
    value: Number | None
    y: float
    text_y: float
    width: float
    value_x: float
    mark: Number | None = None  # a reference value drawn as a tick across the bar (an average)
    mark_x: float | None = None

    @property
    def mark_top(self) -> float:
        return round(self.y - 4, 1)

    @property
    def mark_bottom(self) -> float:
        return round(self.y + BAR_HEIGHT + 4, 1)


@dataclass
class TargetLine:
    label: str
    value: Number
    x: float
    label_y: float
    text_x: float
    anchor: str  # "start" or "end": the label stays inside the chart


@dataclass
class BarChart:
    bars: list[Bar] = field(default_factory=list)
    targets: list[TargetLine] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    bar_x: int = LABEL_WIDTH + 8
    label_x: int = LABEL_WIDTH
    top: int = 0
    stacked: bool = False
    label_anchor: str = "end"


def wrap_label(label: str, width: int) -> list[str]:
    """The label in lines of at most `width` characters (a longer word stays whole): nothing is cut."""
    return textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False) or [""]


def bar_chart_geometry(
    items: Iterable[Sequence[object]],
    targets: Iterable[Sequence[object]] | None = None,
    stacked: bool = False,
) -> BarChart:
    """Horizontal bars for `items` ((label, value) or (label, value, mark) triples: the mark, an
    average say, is a tick across the bar) and vertical dashed lines for `targets`.
    Labels wrap over several lines; `stacked` puts each above its bar (narrow screens)."""
    items = [tuple(item) for item in items]
    rows = [(str(item[0]), item[1]) for item in items]
    marks = [item[2] if len(item) > 2 else None for item in items]
    lines = [(str(t[0]), t[1]) for t in (targets or []) if t[1] is not None]
    values = [float(v) for _, v in rows if isinstance(v, int | float | Decimal)]
    values += [float(v) for _, v in lines if isinstance(v, int | float | Decimal)]
    values += [float(m) for m in marks if isinstance(m, int | float | Decimal)]
    scale_max = max(values, default=0.0) or 1.0
    if stacked:
        chart = BarChart(width=STACKED_WIDTH, bar_x=0, label_x=0, stacked=True, label_anchor="start")
    else:
        chart = BarChart()
    width_total = chart.width
    area = width_total - chart.bar_x - VALUE_WIDTH
    chart.top = TARGET_LABEL_HEIGHT * len(lines) + 6
    y = float(chart.top)
    for (label, value), mark in zip(rows, marks, strict=True):
        wrapped = wrap_label(label, STACKED_LABEL_CHARS if stacked else MAX_LABEL_CHARS)
        number = float(value) if isinstance(value, int | float | Decimal) else None
        width = 0.0 if not number else max(1.0, area * number / scale_max)
        if stacked:
            label_lines = [(text, y + LINE_HEIGHT * (i + 1) - 3) for i, text in enumerate(wrapped)]
            bar_y = y + LINE_HEIGHT * len(wrapped) + 2
            row_height = LINE_HEIGHT * len(wrapped) + BAR_HEIGHT + 10
        else:
            row_height = max(ROW_HEIGHT, LINE_HEIGHT * len(wrapped) + 8)
            first = y + row_height / 2 + 4 - LINE_HEIGHT * (len(wrapped) - 1) / 2
            label_lines = [(text, first + LINE_HEIGHT * i) for i, text in enumerate(wrapped)]
            bar_y = y + (row_height - BAR_HEIGHT) / 2
        chart.bars.append(
            Bar(
                label=" ".join(wrapped),
                full_label=label,
                lines=[(text, round(line_y, 1)) for text, line_y in label_lines],
                value=value if number is not None else None,  # type: ignore[arg-type]
                y=round(bar_y, 1),
                text_y=round(bar_y + BAR_HEIGHT / 2 + 4, 1),
                width=round(width, 1),
                value_x=round(chart.bar_x + width + 4, 1),
                mark=mark if isinstance(mark, int | float | Decimal) else None,
                mark_x=(
                    round(chart.bar_x + area * float(mark) / scale_max, 1)
                    if isinstance(mark, int | float | Decimal)
                    else None
                ),
            )
        )
        y += row_height
    chart.height = round(y + 4)
    for index, (label, value) in enumerate(lines):
        x = chart.bar_x + area * float(value) / scale_max  # type: ignore[arg-type]
        far = x > width_total * 0.6
        chart.targets.append(
            TargetLine(
                label=label,
                value=value,  # type: ignore[arg-type]
                x=round(x, 1),
                label_y=TARGET_LABEL_HEIGHT * index + 12,
                text_x=round(x - 4 if far else x + 4, 1),
                anchor="end" if far else "start",
            )
        )
    return chart


@register.simple_tag
def bar_chart(
    items: Iterable[Sequence[object]],
    targets: Iterable[Sequence[object]] | None = None,
    stacked: bool = False,
) -> BarChart:
    return bar_chart_geometry(items, targets, stacked=bool(stacked))
