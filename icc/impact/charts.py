"""Scatter plots of the Index against each outcome, cities labelled: SVG by matplotlib, drawn as the reports'
charts are (icc.reports.charts: accessible title and description, no inline styles)."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from icc.reports.charts import INK, WIDTH_IN, ChartSvg, _style, _to_svg

LABEL_SIZE = 5


def scatter_svg(
    chart_id: str, points: list[dict[str, Any]], *, title: str, description: str, x_label: str, y_label: str
) -> ChartSvg:
    """One point per city (x: the Index aggregate, y: the outcome), each labelled with the city's name."""
    from matplotlib import rc_context

    with rc_context(_style(chart_id)):
        figure = Figure(figsize=(WIDTH_IN, WIDTH_IN * 0.62), layout="constrained")
        axes = figure.add_subplot()
        xs = [float(point["x"]) for point in points]
        ys = [float(point["y"]) for point in points]
        axes.scatter(xs, ys, s=12, color="#1d3f72", edgecolors=INK, linewidths=0.3)
        for point, x, y in zip(points, xs, ys, strict=True):
            axes.annotate(
                str(point.get("name") or point["city"]),
                (x, y),
                xytext=(2, 2),
                textcoords="offset points",
                fontsize=LABEL_SIZE,
                color=INK,
            )
        axes.set_xlabel(x_label)
        axes.set_ylabel(y_label)
        axes.grid(True, color="#c8c8c8", linewidth=0.4)
        axes.spines[["top", "right"]].set_visible(False)
        return _to_svg(figure, chart_id, title, description, png=False)
