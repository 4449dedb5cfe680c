"""The methodology and the questionnaire versions of published rounds."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from icc.index import scoring
from icc.index.selectors import scores as score_selectors
from icc.index.services import scores as score_services
from icc.public.page_cache import public_cache
from icc.public.selectors.questionnaires import public_questionnaire_page, public_versions


@require_safe
@public_cache
def methodology(request: HttpRequest) -> HttpResponse:
    # The Index app's own methodology page (docs/methodology*.md), with the same figures: one text.
    return render(
        request,
        "public/methodology.html",
        {
            "engine_version": scoring.ENGINE_VERSION,
            "runs": score_services.ROBUSTNESS_RUNS,
            "threshold": int(100 * score_selectors.DATA_CHECK_THRESHOLD),
            "best": score_selectors.BEST_PER_AREA,
            "bands": scoring.DEFAULT_BANDS.scales,
        },
    )


@require_safe
@public_cache
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/questionnaires/list.html", {"versions": public_versions()})


@require_safe
@public_cache
def questionnaire_detail(request: HttpRequest, key: str) -> HttpResponse:
    public = public_questionnaire_page(key, language=get_language() or "en")
    return render(request, "public/questionnaires/detail.html", {"public": public, "page": public.page})
