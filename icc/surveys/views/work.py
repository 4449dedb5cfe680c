"""Residents' surveys in the back office, under /surveys/: the list, a new survey, a survey's page (public
address, answers so far, weighted results beside the city's Index answers, publication), its settings,
history, the downloads of its tables and the import of offline answers. Access: icc.surveys.selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.exports import csv_response, xlsx_response
from icc.core.forms import apply_validation_error
from icc.surveys import selectors, services
from icc.surveys.forms import ImportForm, SurveyForm
from icc.surveys.selectors import Results, format_share
from icc.surveys.statistics import DONT_KNOW

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _language() -> str:
    return (get_language() or "en")[:2]


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.visible_surveys(request.user).order_by("-opens_on", "-pk"))
    can_create = selectors.cities_for_new_survey(request.user).exists()
    return render(request, "surveys/list.html", {"surveys": surveys, "can_create": can_create})


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    cities = selectors.cities_for_new_survey(request.user)
    if not cities.exists():
        raise PermissionDenied
    form = SurveyForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                city=data["city"],
                questionnaire=data["questionnaire"],
                title_en=data["title_en"],
                title_fr=data["title_fr"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                target_answers=data["target_answers"],
                population=form.population(),
                population_source=data["population_source"],
                consent_text_en=data["consent_text_en"],
                consent_text_fr=data["consent_text_fr"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Survey created. Share its public address with residents."))
            return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/form.html", {"form": form, "survey": None})


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey, access = selectors.get_survey_for_user(request.user, pk)
    if not access.can_edit:
        raise PermissionDenied
    form = SurveyForm(request.POST or None, cities=None, survey=survey)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.survey_update(
                survey=survey,
                by=request.user,  # type: ignore[arg-type]
                title_en=data["title_en"],
                title_fr=data["title_fr"] or data["title_en"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                target_answers=data["target_answers"],
                population=form.population(),
                population_source=data["population_source"],
                consent_text_en=data["consent_text_en"],
                consent_text_fr=data["consent_text_fr"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/form.html", {"form": form, "survey": survey})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey, access = selectors.get_survey_for_user(request.user, pk)
    results = selectors.survey_results(survey, _language())
    public_url = request.build_absolute_uri(
        reverse("public:surveys:answer", args=[survey.city.slug, survey.pk])
    )
    return render(
        request,
        "surveys/detail.html",
        {"survey": survey, "access": access, "results": results, "public_url": public_url},
    )


@login_required
def survey_history(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _access = selectors.get_survey_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": str(survey),
            "entries": selectors.survey_history(survey),
            "back_url": reverse("surveys:detail", args=[survey.pk]),
        },
    )


@login_required
@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey, access = selectors.get_survey_for_user(request.user, pk)
    if not access.can_edit:
        raise PermissionDenied
    publish = request.POST.get("publish") != "0"
    try:
        services.survey_publish(survey=survey, by=request.user, publish=publish)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Results published.") if publish else _("Results withdrawn from the public site.")
        )
    return redirect("surveys:detail", survey.pk)


def results_table(results: Results, language: str) -> tuple[list[str], list[list[Any]]]:
    """The download: one row per question and answer, weighted share and interval, all and by born abroad."""
    headers = [
        _("question id"),
        _("question"),
        _("answer"),
        _("answers (unweighted)"),
        _("share (weighted) %"),
        _("interval low (95%)"),
        _("interval high (95%)"),
        _("share unweighted %"),
        _("born abroad %"),
        _("not born abroad %"),
    ]

    def pct(share: Any) -> Any:
        if share is None or share.suppressed:
            return format_share(share)
        return round(share.share * 100, 1)

    rows: list[list[Any]] = []
    for row in results.rows:
        for i, label in enumerate(row.labels):
            share = row.overall.shares[i]
            rows.append(
                [
                    row.question.id,
                    row.text,
                    label,
                    share.count,
                    pct(share),
                    pct(share) if share.suppressed else round(share.low * 100, 1),  # type: ignore[operator]
                    pct(share) if share.suppressed else round(share.high * 100, 1),  # type: ignore[operator]
                    pct(row.unweighted.shares[i]),
                    pct(row.born_abroad.shares[i]) if row.born_abroad else "",
                    pct(row.born_here.shares[i]) if row.born_here else "",
                ]
            )
        if row.overall.dont_know is not None and row.question.dont_know:
            dk = row.overall.dont_know
            rows.append(
                [
                    row.question.id,
                    row.text,
                    DONT_KNOW,
                    dk.count,
                    pct(dk),
                    "",
                    "",
                    pct(row.unweighted.dont_know),
                    pct(row.born_abroad.dont_know) if row.born_abroad else "",
                    pct(row.born_here.dont_know) if row.born_here else "",
                ]
            )
    return [str(h) for h in headers], rows


def _design_rows(results: Results) -> list[list[Any]]:
    return [[str(k), v] for k, v in results.design.items()]


def export_response(results: Results, fmt: str, filename: str) -> HttpResponse:
    headers, rows = results_table(results, _language())
    if fmt == "csv":
        return csv_response(f"{filename}.csv", headers, rows)
    if fmt == "xlsx":
        return xlsx_response(
            f"{filename}.xlsx",
            _("Results"),
            headers,
            rows,
            more_sheets=[(_("Weights"), [_("measure"), _("value")], _design_rows(results))],
        )
    raise Http404


@login_required
def survey_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey, _access = selectors.get_survey_for_user(request.user, pk)
    results = selectors.survey_results(survey, _language())
    return export_response(results, fmt, f"survey-{survey.city.slug}-{survey.pk}")


@login_required
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    survey, access = selectors.get_survey_for_user(request.user, pk)
    if not access.can_edit:
        raise PermissionDenied
    headers = [q.id for q in survey.questionnaire.parsed().questions]
    return csv_response(f"survey-{survey.pk}-answers.csv", headers, [])


@login_required
def answers_import(request: HttpRequest, pk: int) -> HttpResponse:
    survey, access = selectors.get_survey_for_user(request.user, pk)
    if not access.can_edit:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ("csv", "xlsx"):
            form.add_error("file", _("Choose a CSV or XLSX file (the template is a CSV)."))
        elif upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 5 MB: split it."))
        else:
            try:
                result = services.answers_import(
                    survey=survey,
                    content=upload.read(),
                    extension=extension,
                    filename=upload.name,
                    by=request.user,  # type: ignore[arg-type]
                    dry_run=request.POST.get("apply") != "1",
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            if result is not None and result.applied:
                messages.success(request, _("%(n)s answers imported.") % {"n": result.rows})
                return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/import.html", {"survey": survey, "form": form, "result": result})
