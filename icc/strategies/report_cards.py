"""The scorecard (a table of every result's indicators and every programme's measures, with a chart each)
and the one-page report card per result: a tagged PDF (PDF/UA, made by icc.reports.pdf like the reports and
the policy briefs) in English or French with the chart, the story behind the curve, the partners and the
actions."""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from icc.strategies import selectors
from icc.strategies.charts import series_chart
from icc.strategies.models import Result, Strategy


def scorecard_context(strategy: Strategy, *, public: bool = False) -> dict[str, Any]:
    results = selectors.result_views(strategy)
    programmes = selectors.programme_views(strategy)
    for rv in results:
        for iv in rv.indicators:
            iv.chart = series_chart(iv.series, chart_id=f"chart-i{iv.indicator.pk}", title=str(iv.indicator))
    return {"results": results, "programmes": programmes, "public": public}


def _image(iv: selectors.IndicatorView) -> dict[str, str] | None:
    """The chart as an image for WeasyPrint (its SVG renderer draws it), with its description as alt text."""
    chart = series_chart(iv.series, chart_id=f"card-i{iv.indicator.pk}", title=str(iv.indicator))
    if chart is None:
        return None
    match = re.search(r"<desc[^>]*>(.*?)</desc>", chart, re.S)
    encoded = base64.b64encode(chart.encode("utf-8")).decode("ascii")
    return {
        "data_uri": f"data:image/svg+xml;base64,{encoded}",
        "alt": html.unescape(match.group(1)) if match else str(iv.indicator),
    }


def report_card_pdf(strategy: Strategy, result: Result, language: str) -> bytes:
    from icc.reports.pdf import html_to_pdf

    with translation.override(language):
        view = selectors.result_views(strategy, result_id=result.pk)[0]
        indicators = [(iv, _image(iv)) for iv in view.indicators]
        html = render_to_string(
            "strategies/report_card_pdf.html",
            {"strategy": strategy, "result": view.result, "indicators": indicators, "language": language},
        )
    return html_to_pdf(html)


def pdf_response(strategy: Strategy, result: Result, language: str) -> HttpResponse:
    response = HttpResponse(report_card_pdf(strategy, result, language), content_type="application/pdf")
    name = f"report-card-{strategy.city.slug}-{result.pk}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
