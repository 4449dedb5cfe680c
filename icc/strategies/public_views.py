"""City strategies on the public site (/en/strategies/, /fr/strategies/): the published strategies (a
list), a city's published strategy with its scorecard and charts (/<lang>/strategies/<city-slug>/), and the
report card of each result (PDF). The same rule as the API: `Strategy.objects.public()`."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from icc.strategies import report_cards
from icc.strategies.models import Result, Strategy


def public_strategy_for_city(slug: str) -> Strategy:
    """The city's published strategy: the newest in force (implementing first, then the others)."""
    strategies = list(
        Strategy.objects.public().filter(city__slug=slug).select_related("city", "presented_at_event")
    )
    if not strategies:
        raise Http404
    order = {"implementing": 0, "presented": 1, "validated": 2, "evaluated": 3, "superseded": 4}
    return sorted(strategies, key=lambda s: (order.get(s.status, 9), -s.pk))[0]


@require_safe
def strategy_list(request: HttpRequest) -> HttpResponse:
    strategies = list(Strategy.objects.public().select_related("city").order_by("city__name", "-created"))
    return render(request, "strategies/public_list.html", {"strategies": strategies})


@require_safe
def city_strategy(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = public_strategy_for_city(slug)
    context = report_cards.scorecard_context(strategy, public=True)
    return render(request, "strategies/public_detail.html", {"strategy": strategy, **context})


@require_safe
def report_card_pdf(request: HttpRequest, slug: str, result_pk: str) -> HttpResponse:
    strategy = public_strategy_for_city(slug)
    result = get_object_or_404(Result, pk=result_pk, strategy=strategy)
    language = request.GET.get("lang") or (get_language() or "en")[:2]
    if language not in ("en", "fr"):
        language = "en"
    return report_cards.pdf_response(strategy, result, language)
