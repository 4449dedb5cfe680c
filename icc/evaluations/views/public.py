"""Published evaluation reports on the public site (/en/evaluations/, /fr/evaluations/) and their PDF (EN/FR).
The same rule as the API: `Evaluation.objects.public()`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from icc.evaluations import selectors
from icc.evaluations.pdf import report_pdf
from icc.public.page_cache import public_cache


@require_safe
@public_cache
def public_list(request: HttpRequest) -> HttpResponse:
    evaluations = list(selectors.public_evaluations(request.GET.get("city", "")[:100]))
    return render(request, "evaluations/public/list.html", {"evaluations": evaluations})


@require_safe
@public_cache
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_public_evaluation(pk)
    context = {
        "evaluation": evaluation,
        "report": evaluation.report,
        "recommendations": selectors.recommendations_of(evaluation.report),
        "next_strategy": selectors.next_strategy_of(evaluation),
    }
    return render(request, "evaluations/public/detail.html", context)


@require_safe
def public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_public_evaluation(pk)
    language = (get_language() or "en")[:2]
    response = HttpResponse(report_pdf(evaluation, language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}-{language}.pdf"'
    return response
