"""The public list of cities and a city's public page."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from icc.public.selectors.cities import city_page, get_public_city, public_city_list

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
