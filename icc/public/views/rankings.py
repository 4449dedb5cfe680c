"""Rankings of the published cities of a round, overall or by area."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from icc.public.page_cache import public_cache
from icc.public.selectors.rankings import rankings


@require_safe
@public_cache
def ranking_list(request: HttpRequest) -> HttpResponse:
    page = rankings(request.GET)
    return render(request, "public/rankings.html", {"page": page}, status=400 if page.errors else 200)
