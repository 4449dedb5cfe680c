"""Residents' surveys on the public site (/en/surveys/, /fr/surveys/): the questionnaire a resident answers
without an account, and the results a city published (the same rule as the API: `Survey.objects.public()`).

A resident answers once per browser session (a flag in the session; a soft guard, not an identity check),
and the project's soft guard for public forms (icc/core/throttling.py) does the rest: a honeypot field that
bots fill in, and a count of posts per client address in the cache (PUBLIC_FORM_RATE); the address is used
for that count only and never stored with the answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icc.core.forms import apply_validation_error
from icc.core.throttling import form_allowed, honeypot_filled, too_many
from icc.surveys import selectors, services
from icc.surveys.forms import AnswerForm
from icc.surveys.models import Survey
from icc.surveys.views.work import export_response


def _session_key(survey: Survey) -> str:
    return f"surveys.answered.{survey.pk}"


def _consent(survey: Survey) -> str:
    return survey.consent_text or _(
        "I agree to answer. My answers are anonymous: no name, no e-mail and no internet address is stored "
        "with them, and the city publishes only shares of at least ten answers."
    )


def _questionnaire_language(request: HttpRequest, survey: Survey) -> str:
    """The language of the questions: one the questionnaire has (?language=pt for one added as data), else
    the page's language when the questionnaire has it, else English."""
    languages = survey.questionnaire.languages or ["en"]
    asked = request.GET.get("language", "")
    if asked in languages:
        return asked
    page = (get_language() or "en")[:2]
    return page if page in languages else "en"


def answer(request: HttpRequest, city_slug: str, pk: int) -> HttpResponse:
    survey: Survey = get_object_or_404(
        Survey.objects.select_related("city", "questionnaire"), pk=pk, city__slug=city_slug
    )
    if survey.opens_on > timezone.localdate():
        raise Http404  # not announced yet; a closed survey's address says it has closed
    language = _questionnaire_language(request, survey)
    context = {"survey": survey, "language": language, "languages": survey.questionnaire.languages}
    if not survey.is_open():
        return render(request, "surveys/public/closed.html", context)
    if request.session.get(_session_key(survey)):
        return render(request, "surveys/public/thanks.html", {**context, "again": True})
    form = AnswerForm(
        request.POST or None,
        questionnaire=survey.questionnaire.parsed(),
        language=language,
        consent=_consent(survey),
    )
    if request.method == "POST":
        if not form_allowed(request, scope="survey_answer"):
            return too_many(request)
        if honeypot_filled(request):
            # Said as to a person, so that a bot learns nothing; nothing is stored.
            return render(request, "surveys/public/thanks.html", context)
        if form.is_valid():
            try:
                services.answer_submit(survey=survey, answers=form.answers(), language=language)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                request.session[_session_key(survey)] = True
                return redirect("public:surveys:thanks", survey.city.slug, survey.pk)
    return render(request, "surveys/public/answer.html", {**context, "form": form})


def thanks(request: HttpRequest, city_slug: str, pk: int) -> HttpResponse:
    survey: Survey = get_object_or_404(Survey.objects.select_related("city"), pk=pk, city__slug=city_slug)
    return render(request, "surveys/public/thanks.html", {"survey": survey})


def result_list(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.public_surveys().order_by("city__name", "-closes_on"))
    return render(request, "surveys/public/list.html", {"surveys": surveys})


def results(request: HttpRequest, city_slug: str, pk: int) -> HttpResponse:
    survey = selectors.get_public_survey(pk)
    if survey.city.slug != city_slug:
        raise Http404
    data = selectors.survey_results(survey, (get_language() or "en")[:2], public=True)
    return render(request, "surveys/public/results.html", {"survey": survey, "results": data})


def results_export(request: HttpRequest, city_slug: str, pk: int, fmt: str) -> HttpResponse:
    survey = selectors.get_public_survey(pk)
    if survey.city.slug != city_slug:
        raise Http404
    data = selectors.survey_results(survey, (get_language() or "en")[:2], public=True)
    return export_response(data, fmt, f"survey-{survey.city.slug}-{survey.pk}")
