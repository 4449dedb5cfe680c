"""Reading a city's gaps: the page by domain, an indicator's history, and their downloads (CSV, XLSX).

The city's people and the secretariat only (icc/gaps/rules.py, through get_city_gaps_for_user); a
download holds exactly the table the page shows, with the same rounding and the same reasons in place of
missing figures."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from icc.accounts.selectors import user_roles_summary
from icc.core.exports import csv_response, xlsx_response
from icc.gaps.selectors.access import gap_cities_for_user, get_city_gaps_for_user
from icc.gaps.selectors.charts import domain_chart
from icc.gaps.selectors.city import city_gaps_page, gap_city_rows
from icc.gaps.selectors.history import indicator_history as history_of
from icc.gaps.selectors.lines import download_header, download_row
from icc.gaps.selectors.publication import city_gaps_publication
from icc.gaps.selectors.summary import city_gaps_summary

FORMATS = ("csv", "xlsx")


@login_required
@require_safe
def gap_cities(request: HttpRequest) -> HttpResponse:
    """Where a person starts: the cities whose gaps they may read (their own city goes straight to it)."""
    cities = gap_cities_for_user(request.user)
    summary = user_roles_summary(request.user)
    if not summary.secretariat and len(summary.city_ids) == 1:
        return redirect("gaps:city_gaps", slug=cities.get().slug)
    return render(request, "gaps/cities.html", {"rows": gap_city_rows(cities)})


@login_required
@require_safe
def city_gaps(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_gaps_for_user(request.user, slug)
    page = city_gaps_page(city, request.GET.get("period"))
    charts = {
        section.key: domain_chart(section, city_name=city.name, period=page.period)
        for section in page.domains
    }
    context = {
        "page": page,
        "charts": charts,
        "summary": city_gaps_summary(page),
        "publication": city_gaps_publication(city),
        "may_publish": request.user.has_perm("gaps.publish_city_gaps", city),
        "may_change": request.user.has_perm("gaps.change_city_gaps", city),
    }
    return render(request, "gaps/city.html", context)


@login_required
@require_safe
def city_gaps_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Gaps download as CSV or XLSX.")
    city = get_city_gaps_for_user(request.user, slug)
    page = city_gaps_page(city, request.GET.get("period"), with_remedial=False)
    rows = [download_row(line) for line in page.lines]
    filename = f"{city.slug}-gaps-{slugify(page.period or '')}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, download_header(), rows)
    return xlsx_response(filename, pgettext("XLSX sheet", "Gaps"), download_header(), rows)


@login_required
@require_safe
def indicator_history(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    city = get_city_gaps_for_user(request.user, slug)
    history = history_of(city, key, earlier=request.GET.get("from"), later=request.GET.get("to"))
    if history is None:
        raise Http404("No such indicator.")
    return render(request, "gaps/history.html", {"city": city, "history": history})


@login_required
@require_safe
def indicator_history_download(request: HttpRequest, slug: str, key: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Gaps download as CSV or XLSX.")
    city = get_city_gaps_for_user(request.user, slug)
    history = history_of(city, key, with_chart=False)
    if history is None:
        raise Http404("No such indicator.")
    rows = [download_row(line) for line in history.lines]
    filename = f"{city.slug}-gaps-{history.indicator.key}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, download_header(), rows)
    return xlsx_response(filename, pgettext("XLSX sheet", "Gaps"), download_header(), rows)
