"""Compare published cities; the state is the query string, the CSV holds exactly the table shown."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from icc.core.exports import csv_response
from icc.public.charts import FORMATS, chart_response, compare_chart_download
from icc.public.page_cache import public_cache
from icc.public.selectors.compare import Comparison, comparison, parse_slugs, typed_city_slug


@require_safe
@public_cache
def compare(request: HttpRequest) -> HttpResponse:
    # The form (a search field with the cities as suggestions, no script needed): "add" names a city to
    # append, by its name as typed or its slug; answer with the comparison's address.
    if "add" in request.GET:
        params = request.GET.copy()
        added = typed_city_slug(params.pop("add", [""])[-1])
        slugs = parse_slugs(params.get("cities", "")) + parse_slugs(added)
        params.setlist("cities", [",".join(dict.fromkeys(slugs))])
        for key in ("city", "peer"):
            params.pop(key, None)
        return redirect(f"{reverse('public:compare')}?{params.urlencode(safe=',')}")
    page = comparison(request.GET)
    return render(request, "public/compare.html", {"page": page}, status=400 if page.errors else 200)


@require_safe
def compare_csv(request: HttpRequest) -> HttpResponse:
    page = comparison(request.GET)
    if page.errors:
        return HttpResponse("\n".join(page.errors), status=400, content_type="text/plain; charset=utf-8")
    return csv_response(f"{_file_name(page)}.csv", page.header, page.csv_rows())


def _file_name(page: Comparison, part: str = "") -> str:
    """compare-lyon-porto-index-2022, compare-lyon-population-peers-index-2022 (+ "-<part>" for one chart)."""
    if page.mode == "peer" and page.city is not None:
        name = f"{page.city.slug}-{page.peer}-peers"
    else:
        name = "-".join(page.slugs) or "comparison"
    round_part = slugify(page.round.name) if page.round else "round"
    return f"compare-{name}-{round_part}" + (f"-{part}" if part else "")


@require_safe
def compare_chart(request: HttpRequest, index: int, fmt: str) -> HttpResponse:
    """One chart of the compare page (same query string): its data (CSV) or its image (SVG, PNG)."""
    page = comparison(request.GET)
    chart = next((c for c in page.charts if c.index == index), None)
    if page.errors or chart is None or fmt not in FORMATS:
        raise Http404
    name = _file_name(page, f"chart-{index}")
    return chart_response(compare_chart_download(page, chart), f"{name}.{fmt}", chart.id)
