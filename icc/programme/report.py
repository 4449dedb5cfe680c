"""The programme's annual report for the governing bodies: objectives, targets with their status, risks,
gender
figures and the year's funding, as a tagged PDF (PDF/UA, made like the reports: icc.reports.pdf.html_to_pdf)
in
English or French, with its chart as SVG (icc.reports.charts). Made by a task (icc/programme/tasks.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from icc.core.models import Job
from icc.programme import selectors
from icc.programme.models import AnnualReport
from icc.programme.sources import NoSource, _lazy

ANNUAL_REPORT_JOB = "programme-annual-report"


@dataclass(frozen=True)
class FundingSection:
    available: bool
    funding: Any = None  # icc.funding.selectors.YearFunding when available


def funding_section(year: int) -> FundingSection:
    """The year's funding from icc.funding (written at the same time by another engineer: imported lazily;
    until it exists the section says the figures are not available)."""
    try:
        funding_for_year = _lazy("icc.funding.selectors", "funding_for_year")
    except NoSource:
        return FundingSection(available=False)
    try:
        funding = funding_for_year(year)
    except Exception:  # an app half-written must not stop the report: the section says so instead
        return FundingSection(available=False)
    return FundingSection(available=funding is not None, funding=funding)


def report_context(report: AnnualReport) -> dict[str, Any]:
    from icc.reports.charts import area_comparison_chart

    year_end = datetime.date(report.year, 12, 31)
    blocks = selectors.dashboard(report.period, today=year_end)
    rows = [row for block in blocks for row in block.targets if row.progress is not None]
    chart = ""
    if rows:
        chart = area_comparison_chart(
            labels=[str(row.target.label) for row in rows],
            series=[
                (_("progress (%)"), [float(row.progress.percent) for row in rows if row.progress]),
                (_("forecast (%)"), [float(row.progress.forecast_percent) for row in rows if row.progress]),
            ],
            title=_("Progress and forecast of the targets"),
            description=_(
                "Per target, the share of its value reached and the share forecast by its deadline."
            ),
            chart_id="programme-targets",
        )
    return {
        "report": report,
        "period": report.period,
        "year": report.year,
        "as_of": year_end,
        "blocks": blocks,
        "register": selectors.risk_register(report.period),
        "counts": selectors.status_counts(blocks),
        "funding": funding_section(report.year),
        "chart": chart,
        "language": report.language,
    }


def annual_report_pdf(report: AnnualReport) -> bytes:
    from icc.reports.pdf import html_to_pdf

    with translation.override(report.language):
        html = render_to_string("programme/report_pdf.html", report_context(report))
    return html_to_pdf(html)


def annual_report_work(job: Job) -> dict[str, Any]:
    report = AnnualReport.objects.select_related("period").get(job=job)
    pdf = annual_report_pdf(report)
    AnnualReport.objects.filter(pk=report.pk).update(pdf=pdf)
    return {"report": report.pk, "bytes": len(pdf)}
