"""The year overview's charts: income by source and spending by activity, planned against actual, as
accessible inline SVG drawn by the reports' chart module (matplotlib, no browser)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from icc.reports.charts import area_comparison_chart

if TYPE_CHECKING:
    from icc.funding.figures import Row
    from icc.funding.selectors import YearOverview


def _chart(rows: list[Row], *, chart_id: str, title: str, description: str) -> str:
    if not rows:
        return ""
    # In thousands of euros, so that the bars' labels stay short.
    planned = [float(row.planned) / 1000 for row in rows]
    actual = [float(row.actual) / 1000 for row in rows]
    return str(
        area_comparison_chart(
            labels=[row.label for row in rows],
            series=[(_("Planned (kEUR)"), planned), (_("Actual (kEUR)"), actual)],
            title=title,
            description=description,
            chart_id=chart_id,
            value_max=max(max(planned), max(actual), 1.0),
        )
    )


def year_charts(overview: YearOverview) -> dict[str, str]:
    return {
        "income": _chart(
            overview.income,
            chart_id="funding-income",
            title=_("Income by source, %(year)s") % {"year": overview.year},
            description=_("Planned and actual income of each source, in thousands of euros."),
        ),
        "spending": _chart(
            overview.spending,
            chart_id="funding-spending",
            title=_("Spending by activity, %(year)s") % {"year": overview.year},
            description=_(
                "Planned (or committed) and actual spending of each activity, in thousands of euros."
            ),
        ),
    }
