"""The public home page: what the network is, its figures, its map and the latest published results."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from icc.outreach.selectors import latest_news
from icc.public.map import network_map
from icc.public.page_cache import public_cache
from icc.public.selectors.home import home_page
from icc.public.selectors.map import city_url, map_cities


@require_safe
@public_cache
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "page": home_page(),
        "network_map": network_map(map_cities(), url_for=city_url),
        "news": latest_news(3),
    }
    return render(request, "public/home.html", context)
