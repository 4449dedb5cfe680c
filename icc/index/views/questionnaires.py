"""Pages of the questionnaire versions: the list, one version in the reader's language, its JSON."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from icc.core.licence import LICENCE_ID, LICENCE_URL, licence_document
from icc.index.selectors.questionnaires import get_questionnaire, questionnaire_page, questionnaire_rows
from icc.index.services.questionnaires import questionnaire_export


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    return render(request, "index/questionnaires/list.html", {"rows": questionnaire_rows()})


@login_required
def questionnaire_detail(request: HttpRequest, key: str) -> HttpResponse:
    questionnaire = get_questionnaire(key)
    page = questionnaire_page(questionnaire, language=get_language() or "en")
    return render(request, "index/questionnaires/detail.html", {"page": page})


def questionnaire_json(request: HttpRequest, key: str) -> HttpResponse:
    """The published questionnaire in the interchange format: public, like the format itself."""
    questionnaire = get_questionnaire(key)
    # The download carries its licence, like every open data file; loading it back ignores the key.
    document = {
        **questionnaire_export(questionnaire),
        "licence": licence_document(f"Intercultural Cities Index questionnaire, version {questionnaire.key}"),
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{questionnaire.key}.json"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["X-License"] = LICENCE_ID
    return response
