"""Geometry of the inline SVG charts (template core/bar_chart.html): computed here, drawn there.

Templates cannot do arithmetic, so this module turns (label, value) pairs into coordinates. Nothing is
fetched or scripted: the chart is plain SVG with a title and a description, and the same numbers go in a
table next to it.
"""

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
MAX_LABEL_CHARS = 26

Number = int | float | Decimal


@dataclass
class Bar:
    label: str
    full_label: str
    value: Number | None
    y: float
    text_y: float
    width: float
    value_x: float


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


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def bar_chart_geometry(
    items: Iterable[Sequence[object]], targets: Iterable[Sequence[object]] | None = None
) -> BarChart:
    """Horizontal bars for `items` ((label, value) pairs) and vertical dashed lines for `targets`."""
    rows = [(str(item[0]), item[1]) for item in items]
    lines = [(str(t[0]), t[1]) for t in (targets or []) if t[1] is not None]
    values = [float(v) for _, v in rows if isinstance(v, int | float | Decimal)]
    values += [float(v) for _, v in lines if isinstance(v, int | float | Decimal)]
    scale_max = max(values, default=0.0) or 1.0
    chart = BarChart()
    area = WIDTH - chart.bar_x - VALUE_WIDTH
    chart.top = TARGET_LABEL_HEIGHT * len(lines) + 6
    for index, (label, value) in enumerate(rows):
        y = chart.top + index * ROW_HEIGHT
        number = float(value) if isinstance(value, int | float | Decimal) else None
        width = 0.0 if not number else max(1.0, area * number / scale_max)
        chart.bars.append(
            Bar(
                label=_short(label),
                full_label=label,
                value=value if number is not None else None,  # type: ignore[arg-type]
                y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=y + ROW_HEIGHT / 2 + 4,
                width=round(width, 1),
                value_x=round(chart.bar_x + width + 4, 1),
            )
        )
    chart.height = chart.top + ROW_HEIGHT * len(rows) + 4
    for index, (label, value) in enumerate(lines):
        x = chart.bar_x + area * float(value) / scale_max  # type: ignore[arg-type]
        chart.targets.append(
            TargetLine(
                label=label,
                value=value,  # type: ignore[arg-type]
                x=round(x, 1),
                label_y=TARGET_LABEL_HEIGHT * index + 12,
                text_x=round(x - 4 if x > WIDTH * 0.6 else x + 4, 1),
                anchor="end" if x > WIDTH * 0.6 else "start",
            )
        )
    return chart


@register.simple_tag
def bar_chart(
    items: Iterable[Sequence[object]], targets: Iterable[Sequence[object]] | None = None
) -> BarChart:
    return bar_chart_geometry(items, targets)
