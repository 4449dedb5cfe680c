"""The public list of cities and a city's public page."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from icc.core.exports import csv_response
from icc.gaps.selectors.public import public_city_gaps
from icc.public.charts import (
    FORMATS,
    area_chart_download,
    area_chart_image,
    chart_response,
    progress_chart_download,
    standalone_svg,
)
from icc.public.page_cache import public_cache
from icc.public.selectors.cities import (
    city_page,
    city_progress,
    city_round_result,
    get_public_city,
    public_city_list,
)
from icc.public.selectors.expert_profiles import public_city_profiles

PER_PAGE = 50
PNG_CACHE_SECONDS = 30 * 24 * 3600


@require_safe
@public_cache
def city_list(request: HttpRequest) -> HttpResponse:
    listing = public_city_list(request.GET)
    page = Paginator(listing.cities, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/cities/list.html", {"listing": listing, "page": page})


@require_safe
@public_cache
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_public_city(slug)
    context = {
        "page": city_page(city),
        "gaps": public_city_gaps(city),
        "expert_profiles": public_city_profiles(city),
    }
    return render(request, "public/cities/detail.html", context)


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
    if fmt == "svg":
        image = area_chart_image(city, result, download)
        response = HttpResponse(standalone_svg(image), content_type="image/svg+xml; charset=utf-8")
    else:
        # The PNG is also the image of the city's page when shared (og:image): drawn once per published
        # data and language, the key changing whenever the figures or the names drawn change.
        drawn = repr((get_language(), city.name, result.round.name, download.header, download.rows))
        key = "city-chart-png:" + hashlib.sha256(drawn.encode()).hexdigest()
        png = cache.get(key)
        if png is None:
            png = area_chart_image(city, result, download).png
            cache.set(key, png, PNG_CACHE_SECONDS)
        response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@require_safe
def city_progress_chart(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A city's "Progress between rounds" chart: its data (CSV) or its image (SVG, PNG)."""
    city = get_public_city(slug)
    progress = city_progress(city)
    if progress is None or fmt not in FORMATS:
        raise Http404
    download = progress_chart_download(city, progress)
    return chart_response(download, f"{city.slug}-progress.{fmt}", f"progress-{city.slug}")
