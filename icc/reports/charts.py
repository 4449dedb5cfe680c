"""Charts of the analytical reports, drawn as SVG strings by matplotlib (Agg, no browser, no Django).

Every chart is meant to go into an HTML page (inline) and into a WeasyPrint PDF, next to its text
description and a table of the same numbers, so each one:
- carries `role="img"`, a `<title>` and a `<desc>` tied to it by `aria-labelledby` (screen readers);
- reads in greyscale: series differ by hatching, marker shape and line style, values are written next to
  the bars or points, never told by colour alone;
- keeps its text as text in a generic font family ("DejaVu Sans", then any sans-serif): WeasyPrint and
  browsers draw it with what the machine has, and a PDF's text extraction finds the labels;
- is deterministic: fixed hash salt (the chart id), no date or creator metadata, ids prefixed with the
  chart id so that several charts inline in one page never share an id. Same input, same bytes;
- has no style attribute nor <style> element (matplotlib writes both): the site's Content-Security-Policy
  forbids inline styles, so `without_inline_styles` turns them into SVG presentation attributes, which
  draw the same. Pages pass stored charts through it too (the `inline_chart` filter).

Each function returns a `ChartSvg`: the SVG string, carrying the same chart as a PNG (`.png`) for PDFs.
WeasyPrint draws a matplotlib SVG slowly (a second for the two charts of a city report, a quarter of the
whole PDF) but places a PNG at no cost; pages keep the SVG, whose text screen readers and search find.

The functions take plain lists (labels, values, series names) so that the network reports reuse them.
Values are scores 0-100 unless `value_max` says otherwise; None is "no value" and draws nothing.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Sequence
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure

Value = float | None
Series = tuple[str, Sequence[Value]]  # (name, one value per label)

# Fills from dark to light, each with its own hatch: distinct in colour, in greyscale and on paper.
FILLS = ("#1d3f72", "#8c9bb0", "#e3e7ee", "#ffffff", "#5b6b82")
HATCHES = ("", "//", "\\\\", "xx", "--")
MARKERS = ("o", "s", "^", "D", "v", "P")
LINE_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)))
INK = "#1a1a1a"
GRID = "#c8c8c8"
WIDTH_IN = 7.0
FONT_SIZE = 9
MAX_LABEL_CHARS = 34

_RC = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": FONT_SIZE,
    "hatch.linewidth": 0.6,
    "hatch.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "legend.frameon": False,
}
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def _style(chart_id: str) -> Any:
    # Any: matplotlib types rc keys as a Literal of every known name, which a plain dict is not.
    return {**_RC, "svg.hashsalt": chart_id}


class ChartError(ValueError):
    """The chart's data does not fit together (say which argument and how to fix it)."""


def _number(value: float, digits: int = 0) -> str:
    # Charts are language-neutral apart from their labels: plain digits, no grouping, no locale.
    return f"{value:.{digits}f}"


def _short(label: str) -> str:
    """The label wrapped over lines of at most MAX_LABEL_CHARS characters: nothing is cut (a clipped
    "Mediation and conflict re…" told readers nothing), on the web and in the PDF alike."""
    lines = textwrap.wrap(label, MAX_LABEL_CHARS, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or label


def _extra_lines(labels: Sequence[str]) -> int:
    # Each label line beyond the first needs room of its own: the figure grows by that much.
    return sum(_short(label).count("\n") for label in labels)


def _check_id(chart_id: str) -> str:
    if not chart_id or _ID_CHARS.search(chart_id):
        raise ChartError(f"chart_id {chart_id!r}: use letters, digits, '-' and '_' only (it becomes an id).")
    return chart_id


def _check_series(labels: Sequence[str], series: Sequence[Series]) -> None:
    if not series:
        raise ChartError("series: give at least one (name, values) pair.")
    for name, values in series:
        if len(values) != len(labels):
            raise ChartError(
                f"series {name!r}: {len(values)} values for {len(labels)} labels; give one value per label."
            )


def _present(values: Sequence[Value]) -> list[float]:
    return [float(v) for v in values if v is not None and not math.isnan(v)]


PNG_DPI = 150  # sharp enough on paper at the chart's printed width (about 17 cm)


class ChartSvg(str):
    """An SVG chart; `.png` holds the same chart as a PNG image (empty when it was not drawn)."""

    png: bytes = b""


def _to_svg(figure: Figure, chart_id: str, title: str, description: str, *, png: bool = True) -> ChartSvg:
    """The figure as an inline SVG element with its title and description, ids prefixed, and as a PNG
    (unless `png` is False: a page that only shows the SVG saves a third of the chart's time)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=_NO_METADATA)
    image = io.BytesIO()
    if png:
        # The layout that the SVG's drawing computed holds for the PNG: not computing it again saves a
        # tenth of the chart's time.
        figure.set_layout_engine("none")
        figure.savefig(
            image, format="png", dpi=PNG_DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
        )
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # no XML declaration nor doctype: it goes inline in HTML
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{chart_id}-{m.group(1)})", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{chart_id}-{m.group(1)}"', svg)
    head_end = svg.index(">") + 1
    head = svg[:head_end]
    head = head.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="report-chart" ',
        1,
    )
    # Scales with its container (the page or the PDF's column) instead of a fixed size in points.
    head = re.sub(r'\swidth="[^"]+"', ' width="100%"', head, count=1)
    head = re.sub(r'\sheight="[^"]+"', "", head, count=1)
    accessible = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    chart = ChartSvg(without_inline_styles(head + accessible + svg[head_end:].rstrip() + "\n"))
    chart.png = image.getvalue()
    return chart


# The CSS properties matplotlib writes in style attributes that SVG also takes as presentation attributes
# (SVG 1.1, "Property index"); a property outside this list would be dropped, and tests say so first.
PRESENTATION_ATTRIBUTES = frozenset(
    """alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-rendering cursor direction display dominant-baseline fill
    fill-opacity fill-rule filter flood-color flood-opacity font-family font-size font-size-adjust
    font-stretch font-style font-variant font-weight image-rendering letter-spacing lighting-color
    marker-end marker-mid marker-start mask opacity overflow pointer-events shape-rendering stop-color
    stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin
    stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration text-rendering
    unicode-bidi visibility word-spacing writing-mode""".split()  # noqa: SIM905 (a list of words reads better as words)
)
_STYLED_TAG = re.compile(r'<[A-Za-z][^<>]*?\sstyle="[^"]*"[^<>]*>')
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STAR_RULE = re.compile(r'<style type="text/css">\*\{([^{}<]*)\}</style>')


def _declarations(css: str) -> list[tuple[str, str]]:
    pairs = (part.split(":", 1) for part in css.split(";") if ":" in part)
    return [(name.strip(), value.strip()) for name, value in pairs if name.strip() in PRESENTATION_ATTRIBUTES]


def _with_attributes(tag: str, declarations: list[tuple[str, str]], *, replace: bool) -> str:
    for name, value in declarations:
        # As written in the style attribute: already escaped for a double-quoted attribute value.
        existing = re.compile(rf'\s{re.escape(name)}="[^"]*"').search(tag)
        if existing:
            if replace:
                tag = f'{tag[: existing.start()]} {name}="{value}"{tag[existing.end() :]}'
            continue
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        tag = f'{tag[:end].rstrip()} {name}="{value}"{tag[end:]}'
    return tag


def without_inline_styles(svg: str) -> str:
    """The SVG with its style attributes as presentation attributes and matplotlib's `<style>*{...}</style>`
    as attributes of the root element (inherited by every child that sets no value of its own). Idempotent."""

    def attributes(match: re.Match[str]) -> str:
        tag = match.group(0)
        css = _STYLE_ATTRIBUTE.search(tag)
        assert css is not None
        return _with_attributes(
            _STYLE_ATTRIBUTE.sub("", tag, count=1), _declarations(css.group(1)), replace=True
        )

    svg = _STYLED_TAG.sub(attributes, svg)
    inherited: list[tuple[str, str]] = []
    for rule in _STAR_RULE.finditer(svg):
        inherited += _declarations(rule.group(1))
    if inherited:
        svg = _STAR_RULE.sub("", svg)
        svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
        root_end = svg.index(">") + 1
        svg = _with_attributes(svg[:root_end], inherited, replace=False) + svg[root_end:]
    return svg


def _figure(height_in: float) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
    return figure, figure.add_subplot()


def _score_axis(ax: Axes, value_max: float, axis: str = "x") -> None:
    if axis == "x":
        ax.set_xlim(0, value_max * 1.08)
        ax.xaxis.grid(True, color=GRID, linewidth=0.5)
    else:
        ax.set_ylim(0, value_max * 1.08)
        ax.yaxis.grid(True, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def area_comparison_chart(
    *,
    labels: Sequence[str],
    series: Sequence[Series],
    title: str,
    description: str,
    chart_id: str,
    value_max: float = 100.0,
) -> str:
    """Horizontal grouped bars, one group per label (area): the first series is the city (dark, plain),
    the next ones the sample mean and the peer groups' means (lighter, hatched). Each bar has its value
    written at its end; a missing value draws nothing and is written "–"."""
    chart_id = _check_id(chart_id)
    _check_series(labels, series)
    n, k = len(labels), len(series)
    bar = 0.8 / k
    # Thinner bars as groups grow, so that 18 areas x 4 series still fit one printed page.
    height = max(1.6, n * (0.075 * k + 0.2) + 0.9 + 0.14 * _extra_lines(labels))
    with rc_context(_style(chart_id)):
        figure, ax = _figure(height)
        for j, (name, values) in enumerate(series):
            ys = [i + (j - (k - 1) / 2) * bar for i in range(n)]
            widths = [0.0 if v is None else float(v) for v in values]
            ax.barh(
                ys,
                widths,
                height=bar * 0.92,
                color=FILLS[j % len(FILLS)],
                hatch=HATCHES[j % len(HATCHES)],
                edgecolor=INK,
                linewidth=0.5,
                label=name,
            )
            # Plain text at each bar's end: bar_label would test every label against every bar (slow).
            for y, v in zip(ys, values, strict=True):
                ax.annotate(
                    "–" if v is None else _number(float(v)),
                    (0.0 if v is None else float(v), y),
                    xytext=(2, 0),
                    textcoords="offset points",
                    annotation_clip=False,  # skip the per-label "inside the axes?" test (slow)
                    va="center",
                    fontsize=FONT_SIZE - 2,
                )
        ax.set_yticks(range(n), [_short(label) for label in labels])
        ax.invert_yaxis()
        _score_axis(ax, value_max)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(k, 2), fontsize=FONT_SIZE - 1)
        return _to_svg(figure, chart_id, title, description)


def progress_chart(
    *,
    labels: Sequence[str],
    previous: Sequence[Value],
    current: Sequence[Value],
    previous_label: str,
    current_label: str,
    title: str,
    description: str,
    chart_id: str,
    value_max: float = 100.0,
) -> str:
    """Before and after per label (area): a hollow circle for the previous score, a filled square for
    the current one, joined by a line, the current value written beside it."""
    chart_id = _check_id(chart_id)
    _check_series(labels, [(previous_label, previous), (current_label, current)])
    n = len(labels)
    with rc_context(_style(chart_id)):
        figure, ax = _figure(max(1.6, 0.32 * n + 0.9 + 0.14 * _extra_lines(labels)))
        for i, (before, after) in enumerate(zip(previous, current, strict=True)):
            if before is not None and after is not None:
                ax.plot([before, after], [i, i], color=INK, linewidth=1.2, zorder=1)
        ys = list(range(n))
        before_points = [(v, y) for v, y in zip(previous, ys, strict=True) if v is not None]
        after_points = [(v, y) for v, y in zip(current, ys, strict=True) if v is not None]
        ax.scatter(
            [v for v, _ in before_points],
            [y for _, y in before_points],
            marker="o",
            s=36,
            facecolor="white",
            edgecolor=INK,
            linewidth=1.2,
            label=previous_label,
            zorder=2,
        )
        ax.scatter(
            [v for v, _ in after_points],
            [y for _, y in after_points],
            marker="s",
            s=36,
            color=FILLS[0],
            edgecolor=INK,
            label=current_label,
            zorder=3,
        )
        for v, y in after_points:
            ax.annotate(
                _number(v),
                (v, y),
                xytext=(6, 0),
                textcoords="offset points",
                annotation_clip=False,  # skip the per-label "inside the axes?" test (slow)
                va="center",
                fontsize=7,
            )
        ax.set_yticks(ys, [_short(label) for label in labels])
        ax.set_ylim(n - 0.5, -0.5)
        _score_axis(ax, value_max)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=FONT_SIZE - 1)
        return _to_svg(figure, chart_id, title, description)


def distribution_chart(
    *,
    labels: Sequence[str],
    values: Sequence[Sequence[Value]],
    title: str,
    description: str,
    chart_id: str,
    highlight: Sequence[Value] | None = None,
    highlight_label: str = "",
    value_max: float = 100.0,
) -> str:
    """One horizontal box plot per label (area) of the values across cities (quartiles, whiskers to the
    extremes), every value drawn as a small dot; `highlight` marks one value per label (a city) with a
    filled diamond, written beside it."""
    chart_id = _check_id(chart_id)
    if len(values) != len(labels):
        raise ChartError(f"values: {len(values)} lists for {len(labels)} labels; give one list per label.")
    if highlight is not None and len(highlight) != len(labels):
        raise ChartError(f"highlight: {len(highlight)} values for {len(labels)} labels; one per label.")
    n = len(labels)
    with rc_context(_style(chart_id)):
        figure, ax = _figure(max(1.6, 0.36 * n + 0.9 + 0.14 * _extra_lines(labels)))
        present = [_present(v) for v in values]
        positions = [i for i, v in enumerate(present) if v]
        if positions:
            ax.boxplot(
                [present[i] for i in positions],
                positions=positions,
                orientation="horizontal",
                widths=0.55,
                whis=(0, 100),
                patch_artist=True,
                boxprops={"facecolor": FILLS[2], "edgecolor": INK, "linewidth": 0.8, "hatch": HATCHES[2]},
                medianprops={"color": INK, "linewidth": 1.6},
                whiskerprops={"color": INK, "linewidth": 0.8},
                capprops={"color": INK, "linewidth": 0.8},
                showfliers=False,
                manage_ticks=False,
            )
        for i, row in enumerate(present):
            # A fixed, even spread instead of random jitter: the same data gives the same picture.
            offsets = [((j % 5) - 2) * 0.05 for j in range(len(row))]
            ax.scatter(row, [i + o for o in offsets], s=5, color=INK, alpha=0.55, linewidth=0, zorder=3)
        if highlight is not None:
            points = [(float(v), i) for i, v in enumerate(highlight) if v is not None]
            ax.scatter(
                [v for v, _ in points],
                [i for _, i in points],
                marker="D",
                s=40,
                color=FILLS[0],
                edgecolor="white",
                linewidth=0.8,
                zorder=4,
                label=highlight_label or None,
            )
            for v, i in points:
                ax.annotate(
                    _number(v),
                    (v, i),
                    xytext=(0, 7),
                    textcoords="offset points",
                    annotation_clip=False,  # skip the per-label "inside the axes?" test (slow)
                    ha="center",
                    fontsize=7,
                )
            if highlight_label:
                ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=FONT_SIZE - 1)
        ax.set_yticks(range(n), [_short(label) for label in labels])
        ax.set_ylim(n - 0.5, -0.5)
        _score_axis(ax, value_max)
        return _to_svg(figure, chart_id, title, description)


def line_chart(
    *,
    x_labels: Sequence[str],
    series: Sequence[Series],
    title: str,
    description: str,
    chart_id: str,
    y_label: str = "",
    value_max: float | None = 100.0,
    png: bool = True,
) -> str:
    """Lines over ordered points (rounds, years), one per series, each with its own marker and line
    style, its last value written at its end. `value_max` None: the axis follows the data. `png` False:
    no PNG beside the SVG (a page's chart)."""
    chart_id = _check_id(chart_id)
    _check_series(x_labels, series)
    with rc_context(_style(chart_id)):
        figure, ax = _figure(3.0)
        xs = list(range(len(x_labels)))
        for j, (name, values) in enumerate(series):
            points = [(x, float(v)) for x, v in zip(xs, values, strict=True) if v is not None]
            if not points:
                continue
            ax.plot(
                [x for x, _ in points],
                [y for _, y in points],
                color=FILLS[0] if j == 0 else INK,
                marker=MARKERS[j % len(MARKERS)],
                linestyle=LINE_STYLES[j % len(LINE_STYLES)],
                markersize=5,
                linewidth=1.4,
                label=name,
            )
            x, y = points[-1]
            ax.annotate(
                _number(y),
                (x, y),
                xytext=(5, 0),
                textcoords="offset points",
                annotation_clip=False,  # skip the per-label "inside the axes?" test (slow)
                va="center",
                fontsize=7,
            )
        ax.set_xticks(xs, list(x_labels))
        if len(xs) == 1:
            ax.set_xlim(-0.5, 0.5)
        if value_max is not None:
            _score_axis(ax, value_max, axis="y")
        else:
            ax.yaxis.grid(True, color=GRID, linewidth=0.5)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        if y_label:
            ax.set_ylabel(y_label)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(series), 3), fontsize=8)
        return _to_svg(figure, chart_id, title, description, png=png)
