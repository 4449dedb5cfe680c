"""The public list of cities and a city's public page."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from icc.core.exports import csv_response
from icc.public.charts import FORMATS, area_chart_download, area_chart_image, standalone_svg
from icc.public.selectors.cities import city_page, city_round_result, get_public_city, public_city_list

PER_PAGE = 50


@require_safe
def city_list(request: HttpRequest) -> HttpResponse:
    listing = public_city_list(request.GET)
    page = Paginator(listing.cities, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/cities/list.html", {"listing": listing, "page": page})


@require_safe
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_public_city(slug)
    return render(request, "public/cities/detail.html", {"page": city_page(city)})


@require_safe
def city_chart(request: HttpRequest, slug: str, round_id: int, fmt: str) -> HttpResponse:
    """A city's area chart of one published round: its data (CSV) or its image (SVG, PNG)."""
    city = get_public_city(slug)
    result = city_round_result(city, round_id)
    if result is None or fmt not in FORMATS:
        raise Http404
    download = area_chart_download(city, result)
    name = f"{city.slug}-areas-{round_id}.{fmt}"
    if fmt == "csv":
        return csv_response(name, download.header, download.rows)
    image = area_chart_image(city, result, download)
    if fmt == "svg":
        response = HttpResponse(standalone_svg(image), content_type="image/svg+xml; charset=utf-8")
    else:
        response = HttpResponse(image.png, content_type="image/png")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
