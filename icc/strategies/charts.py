"""The chart of a series (an indicator's or a measure's): its figures, the forecast with its 80 % band, and
the targets, drawn as an accessible SVG by matplotlib the way icc.reports.charts draws the reports' charts
(same style, ids, title and description, no inline styles)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from icc.reports.charts import INK, ChartSvg, _style, _to_svg
from icc.strategies.selectors import SeriesView

WIDTH_IN = 6.4
HEIGHT_IN = 2.8


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def series_chart(view: SeriesView, *, chart_id: str, title: str, png: bool = False) -> ChartSvg | None:
    """None for a series without any figure nor target."""
    if not view.points and not view.targets:
        return None
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    from icc.strategies.selectors import x_of

    with rc_context(_style(chart_id)):
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), layout="constrained")
        axes = figure.add_subplot()
        ticks: dict[float, str] = {}
        if view.curve.enough and view.curve.points:
            xs = [p.x for p in view.curve.points]
            if view.history_points and not view.overridden:
                anchor = view.history_points[-1]
                xs_line = [anchor.x, *xs]
                ys_line = [anchor.value, *[p.value for p in view.curve.points]]
                lower = [anchor.value, *[p.lower for p in view.curve.points]]
                upper = [anchor.value, *[p.upper for p in view.curve.points]]
            else:
                xs_line, ys_line = xs, [p.value for p in view.curve.points]
                lower, upper = [p.lower for p in view.curve.points], [p.upper for p in view.curve.points]
            axes.fill_between(
                xs_line, lower, upper, facecolor="#e3e7ee", edgecolor="#8c9bb0", hatch="//", linewidth=0.4,
                label=_("80 %% forecast band") % {},
            )  # fmt: skip
            axes.plot(xs_line, ys_line, linestyle="--", color="#5b6b82", label=_("Forecast"))
            for p in view.curve.points:
                ticks[p.x] = p.label
        if view.points:
            xs = [x_of(p.period_start) for p in view.points]
            axes.plot(xs, [p.value for p in view.points], marker="o", color="#1d3f72", label=_("Actual"))
            for x, point in zip(xs, view.points, strict=True):
                ticks[x] = point.period_label
        if view.targets:
            xs = [x_of(t.period_start) for t in view.targets]
            values = [t.value for t in view.targets]
            axes.plot(
                xs,
                values,
                linestyle="none",
                marker="D",
                markerfacecolor="white",
                color=INK,
                label=_("Target"),
            )
            for x, t in zip(xs, view.targets, strict=True):
                ticks.setdefault(x, t.period_label)
        positions = sorted(ticks)
        axes.set_xticks(positions, [ticks[x] for x in positions], rotation=0 if len(positions) < 8 else 45)
        axes.grid(axis="y", color="#c8c8c8", linewidth=0.5)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="best", fontsize=8)
        figures = ", ".join(f"{p.period_label}: {_fmt(p.value)}" for p in view.points) or _("none")
        forecast = (
            ", ".join(
                f"{p.label}: {_fmt(p.value)} ({_fmt(p.lower)}–{_fmt(p.upper)})" for p in view.curve.points
            )
            if view.curve.enough
            else _("not enough data (at least 3 figures are needed)")
        )
        description = _("Figures: %(figures)s. Forecast: %(forecast)s.") % {
            "figures": figures,
            "forecast": forecast,
        }
        return _to_svg(figure, chart_id, title, description, png=png)
