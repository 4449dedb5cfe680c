"""Rankings of the published cities of a round, overall or by area."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from icc.public.page_cache import public_cache
from icc.public.selectors.rankings import rankings

ROWS_PER_PAGE = 100


@require_safe
@public_cache
def ranking_list(request: HttpRequest) -> HttpResponse:
    page = rankings(request.GET)
    # A network of hundreds of cities: a page of rows at a time, the ranks staying those of the whole list.
    rows = Paginator(page.rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "public/rankings.html", {"page": page, "rows": rows}, status=400 if page.errors else 200
    )
