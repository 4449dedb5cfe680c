"""Network reports (secretariat only): one round's cities, or every city's latest validated response,
as a page and as downloads of exactly the table the page shows (CSV, XLSX) or of the whole report (PDF).

Access: the secretariat, through `index.manage_rounds` (the round's access helper for a round's report):
the report shows every validated city, published or not.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from icc.core.exports import csv_response, xlsx_response
from icc.index.models import Round
from icc.index.selectors.access import get_round_for_user
from icc.index.selectors.scores import score_text
from icc.reports.charts import distribution_chart, line_chart
from icc.reports.selectors.network import NetworkReport, network_report

MANAGE_PERM = "index.manage_rounds"
CHART_CACHE_SECONDS = 24 * 3600


def _check_network_access(user: Any) -> None:
    """The network reports show unpublished scores of every city: the secretariat's alone."""
    if not user.has_perm(MANAGE_PERM):
        raise PermissionDenied


def _report(request: HttpRequest, pk: int | None) -> NetworkReport:
    if pk is None:
        _check_network_access(request.user)
        return network_report(request.GET)
    round_: Round = get_round_for_user(request.user, pk)
    return network_report(request.GET, round_)


def _title(report: NetworkReport) -> str:
    if report.round is not None:
        return _("Network report: %(round)s") % {"round": report.round.name}
    return _("Network report: all rounds")


def _filename(report: NetworkReport, extension: str) -> str:
    scope = slugify(report.round.name) if report.round is not None else "all-rounds"
    return f"network-report-{scope or 'round'}.{extension}"


def _cached(draw: Callable[..., str], *, pdf: bool, **arguments: Any) -> str:
    """A chart drawn once per content: matplotlib takes most of the page's time, and sorting the table,
    opening the page again or downloading the PDF asks for the same charts (their output is deterministic,
    so the key is the input). The page gets the SVG; the PDF gets the PNG as an <img> whose alt is the
    chart's title and description: the Figure's alternative text in the tagged PDF (an inline SVG would
    give it the title alone)."""
    digest = hashlib.sha256(json.dumps([draw.__name__, arguments], default=str).encode()).hexdigest()
    key = f"reports:network:chart-png:{digest}"
    stored = cache.get(key)
    if stored is None:
        chart = draw(**arguments)
        stored = (str(chart), getattr(chart, "png", b""))  # a ChartSvg: the SVG with its PNG
        cache.set(key, stored, CHART_CACHE_SECONDS)
    svg, png = stored
    if not pdf:
        return str(svg)
    alt = f"{arguments['title']}. {arguments['description']}"
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return format_html('<img class="chart" src="{}" alt="{}">', source, alt)


def _charts(report: NetworkReport, *, pdf: bool = False) -> dict[str, str]:
    """The report's two charts: inline SVG on the page (each has its title and description inside; the
    page shows the same numbers in a table next to it), PNG images with that text as alt in the PDF.

    In the PDF each area's box is drawn from its five figures (lowest, quartiles, median, highest), not
    from every city: WeasyPrint draws the thousands of city dots of a whole round several times slower
    than the rest of the report together, and the box is the same."""
    charts: dict[str, str] = {}
    shown = [d for d in report.distributions if d.n]
    if shown:
        values: list[list[float | None]]
        if pdf:
            values = [[d.min, d.q1, d.median, d.q3, d.max] for d in shown]
            dots = _("The dots mark these five figures.")
        else:
            values = [list(d.values) for d in shown]
            dots = _("Each dot is a city.")
        charts["distribution"] = _cached(
            distribution_chart,
            pdf=pdf,
            labels=[d.title for d in shown],
            values=values,
            title=_("Scores across the cities of the table"),
            description=_(
                "One box per area: it spans the first to the third quartile, the line inside is the "
                "median and the whiskers reach the lowest and the highest score."
            )
            + f" {dots} "
            + "; ".join(
                _("%(area)s: median %(median)s, from %(min)s to %(max)s")
                % {
                    "area": d.title,
                    "median": score_text(d.median),
                    "min": score_text(d.min),
                    "max": score_text(d.max),
                }
                for d in shown
            ),
            chart_id="network-distribution",
        )
    if report.trend:
        charts["trend"] = _cached(
            line_chart,
            pdf=pdf,
            x_labels=[t.round.name for t in report.trend],
            series=[(_("Mean aggregate"), [t.aggregate for t in report.trend])],
            title=_("Mean aggregate score per round"),
            description=_("The mean aggregate score of the cities of each round that match the filters: ")
            + "; ".join(f"{t.round.name}: {score_text(t.aggregate)}" for t in report.trend),
            chart_id="network-trend",
            y_label=_("Mean aggregate"),
        )
    return {name: mark_safe(svg) for name, svg in charts.items()}  # drawn by us, every text escaped


def _context(report: NetworkReport, *, pdf: bool = False) -> dict[str, Any]:
    return {
        "report": report,
        "title": _title(report),
        "charts": _charts(report, pdf=pdf),
        "generated_at": timezone.now(),
    }


def _page(request: HttpRequest, pk: int | None) -> HttpResponse:
    report = _report(request, pk)
    return render(request, "reports/network/report.html", _context(report))


def _csv(request: HttpRequest, pk: int | None) -> HttpResponse:
    report = _report(request, pk)
    header, rows = report.table()
    return csv_response(_filename(report, "csv"), header, rows)


def _xlsx(request: HttpRequest, pk: int | None) -> HttpResponse:
    report = _report(request, pk)
    header, rows = report.table()
    return xlsx_response(_filename(report, "xlsx"), _title(report), header, rows)


def _pdf(request: HttpRequest, pk: int | None) -> HttpResponse:
    from icc.reports.pdf import html_to_pdf

    report = _report(request, pk)
    html = render_to_string("reports/network/pdf.html", _context(report, pdf=True), request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, _filename(report, "pdf")) or ""
    return response


@login_required
@require_GET
def network_all(request: HttpRequest) -> HttpResponse:
    return _page(request, None)


@login_required
@require_GET
def network_all_csv(request: HttpRequest) -> HttpResponse:
    return _csv(request, None)


@login_required
@require_GET
def network_all_xlsx(request: HttpRequest) -> HttpResponse:
    return _xlsx(request, None)


@login_required
@require_GET
def network_all_pdf(request: HttpRequest) -> HttpResponse:
    return _pdf(request, None)


@login_required
@require_GET
def network_round(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


@login_required
@require_GET
def network_round_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _csv(request, pk)


@login_required
@require_GET
def network_round_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _xlsx(request, pk)


@login_required
@require_GET
def network_round_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, pk)
