"""The gaps' charts, drawn by the reports' chart module (icc/reports/charts.py): each an SVG with its title
and description, next to a table of the same numbers on the page. Drawn once per figures and language,
then kept in the cache: the key changes whenever anything drawn changes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icc.gaps.selectors.city import DomainSection
from icc.gaps.selectors.lines import GapLine
from icc.reports import charts

CACHE_SECONDS = 7 * 24 * 3600


def _cached(key_parts: object, draw: object) -> str:
    key = "gaps-chart:" + hashlib.sha256(repr((get_language(), key_parts)).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = str(draw())  # type: ignore[operator]
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def gaps_interval_chart(lines: Sequence[GapLine], *, title: str, chart_id: str) -> str:
    """One row per line: its gap in percentage points and the 95 % interval, a dashed line at 0 (parity);
    a line without figures draws nothing and says why (a suppressed gap is never drawn)."""
    labels = [line.label for line in lines]
    values = [line.gap_pp for line in lines]
    intervals = [line.gap_ci for line in lines]
    missing = [line.gap.text if line.missing_reason else "" for line in lines]
    description = _(
        "One row per indicator and group: the gap in percentage points as a square and its 95 % interval "
        "as a line; the dashed line at 0 is parity, below 0 the group is worse off than the reference "
        "group. The table below gives the same figures with both groups' rates."
    )
    axis = _("Gap in percentage points (below 0: the group is worse off)")

    def draw() -> str:
        return charts.interval_chart(
            labels=labels,
            values=values,
            intervals=intervals,
            title=title,
            description=description,
            chart_id=chart_id,
            axis_label=axis,
            missing_texts=missing,
        )

    return _cached(("interval", labels, values, intervals, missing, title, chart_id), draw)


def domain_chart(section: DomainSection, *, city_name: str, period: str | None) -> str | None:
    """A domain's interval chart; None when no gap of the domain has figures (nothing to draw)."""
    if not any(line.shown for line in section.lines):
        return None
    title = _("Gaps in %(domain)s, %(city)s, %(period)s: percentage points with their 95%% intervals") % {
        "domain": section.title.lower(),
        "city": city_name,
        "period": period,
    }
    return gaps_interval_chart(section.lines, title=title, chart_id=section.chart_id)


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
        )

    return _cached(("history", list(periods), [(n, list(v)) for n, v in series], title, chart_id), draw)
