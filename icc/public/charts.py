"""A city's area chart as downloads, like Our World in Data: its data (CSV), and the image as SVG and PNG.

The image is the reports' chart (icc/reports/charts.py): the city and the average of the published cities
in two fills with their own hatching and a legend (readable in greyscale), every value written, long area
names wrapped. Only published results: the selector returns nothing for anything else (404)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from icc.network.models import City
from icc.public.selectors.cities import RoundResult
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
