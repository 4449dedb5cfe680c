"""A city's area chart as downloads, like Our World in Data: its data (CSV), and the image as SVG and PNG.

The image is the reports' chart (icc/reports/charts.py): the city and the average of the published cities
in two fills with their own hatching and a legend (readable in greyscale), every value written, long area
names wrapped. Only published results: the selector returns nothing for anything else (404)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from icc.core.exports import csv_response
from icc.network.models import City
from icc.public.selectors.cities import Progress, RoundResult
from icc.public.selectors.compare import Chart, Comparison
from icc.public.selectors.results import csv_number
from icc.reports import charts

FORMATS = ("csv", "svg", "png")


@dataclass(frozen=True)
class ChartDownload:
    header: list[str]
    rows: list[list[str | float | int | None]]
    title: str
    description: str


def area_chart_download(city: City, result: RoundResult) -> ChartDownload:
    average = _("Average of the %(n)s published cities") % {"n": result.published_count}
    title = _("Area scores of %(city_name)s, %(round)s (0 to 100)") % {
        "city_name": city.name,
        "round": result.round.name,
    }
    description = _("Horizontal bars, one pair per area, scores out of 100: %(city)s, then %(average)s.") % {
        "city": city.name,
        "average": average,
    }
    rows: list[list[str | float | int | None]] = [
        [a.title, csv_number(a.score), csv_number(a.mean)] for a in result.areas
    ]
    return ChartDownload([_("Area"), city.name, average], rows, title, description)


def area_chart_image(city: City, result: RoundResult, download: ChartDownload) -> charts.ChartSvg:
    labels = [a.title for a in result.areas]
    series: list[charts.Series] = [
        (city.name, [a.score for a in result.areas]),
        (download.header[2], [a.mean for a in result.areas]),
    ]
    chart_id = f"chart-{city.slug}-{result.round.pk}"
    image = charts.area_comparison_chart(
        labels=labels,
        series=series,
        title=download.title,
        description=download.description,
        chart_id=chart_id,
    )
    assert isinstance(image, charts.ChartSvg)  # the SVG, carrying the same chart as a PNG
    return image


def standalone_svg(svg: str) -> str:
    """The inline SVG as a file of its own: an XML declaration, and a size in place of "100%"."""
    svg = svg.replace(' width="100%"', "", 1)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg


def progress_chart_download(city: City, progress: Progress) -> ChartDownload:
    """The city's scores in each published round (the aggregate, then the areas of the newest round)."""
    title = _("Scores of %(city)s in each published round") % {"city": city.name}
    description = _(
        "Horizontal bars, one group per score, one bar per published round, oldest first, out of 100."
    )
    rows: list[list[str | float | int | None]] = [
        [row.label, *(csv_number(v) for v in row.values)] for row in progress.rows
    ]
    return ChartDownload([_("Score"), *(r.name for r in progress.rounds)], rows, title, description)


def compare_chart_download(page: Comparison, chart: Chart) -> ChartDownload:
    """One chart of the compare page: one score for each compared city (and the average)."""
    description = _("Horizontal bars, one per compared city, scores out of 100.")
    # The table's figures (one decimal, as the page and the page's CSV show them), not the drawing's rounding.
    row = page.rows[chart.index]
    rows: list[list[str | float | int | None]] = [
        [column.label, value] for column, value in zip(page.columns, row.values, strict=True)
    ]
    round_name = page.round.name if page.round else ""
    return ChartDownload([_("City"), chart.title], rows, f"{chart.title}, {round_name}", description)


def download_image(download: ChartDownload, chart_id: str) -> charts.ChartSvg:
    """The image of a download's table, the reports' chart: one bar group per row, one series per column."""
    labels = [str(row[0]) for row in download.rows]
    series: list[charts.Series] = [
        (name, [_value(row[j]) for row in download.rows]) for j, name in enumerate(download.header[1:], 1)
    ]
    image = charts.area_comparison_chart(
        labels=labels,
        series=series,
        title=download.title,
        description=download.description,
        chart_id=chart_id,
    )
    assert isinstance(image, charts.ChartSvg)
    return image


def _value(value: str | float | int | None) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def chart_response(download: ChartDownload, name: str, chart_id: str) -> HttpResponse:
    """A chart's download as a file: the CSV of its data, or its image (SVG, PNG) by the name's extension."""
    fmt = name.rsplit(".", 1)[-1]
    if fmt == "csv":
        return csv_response(name, download.header, download.rows)
    image = download_image(download, chart_id)
    if fmt == "svg":
        response = HttpResponse(standalone_svg(image), content_type="image/svg+xml; charset=utf-8")
    else:
        response = HttpResponse(image.png, content_type="image/png")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
