"""Policy self-assessment tools for signed-in people, under /policy-tools/: the checklists, a city's
assessments (fill in with autosave, complete, the scored profile with its gaps, suggested practices and
progress since the previous one, history) and the secretariat's overview with its exports.
Access: icc.policytools.selectors (`get_assessment_for_user`, `city_access`, `require_secretariat`)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.accounts.models import User
from icc.core.exports import csv_response, xlsx_response
from icc.network.models import City
from icc.policytools import selectors, services
from icc.policytools.models import Assessment


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if not selectors.may_use_tools(request.user):
        raise PermissionDenied
    cities = list(selectors.cities_of(request.user))
    assessments = list(
        selectors.visible_assessments(request.user).filter(city__in=cities).order_by("-created")
    )
    return render(
        request,
        "policytools/home.html",
        {
            "checklists": list(selectors.city_checklists()),
            "cities": cities,
            "assessments": assessments,
            "secretariat": selectors.is_secretariat(request.user),
        },
    )


@login_required
def checklist_detail(request: HttpRequest, key: str) -> HttpResponse:
    if not selectors.may_use_tools(request.user):
        raise PermissionDenied
    checklist = selectors.get_checklist(key)
    return render(
        request,
        "policytools/checklist.html",
        {
            "checklist": checklist,
            "sections": selectors.checklist_rows(checklist.document, {}),
            "cities": list(selectors.cities_of(request.user)),
        },
    )


@login_required
@require_POST
def assessment_start(request: HttpRequest, key: str) -> HttpResponse:
    checklist = selectors.get_checklist(key)
    try:
        city_id = int(request.POST.get("city", ""))
    except ValueError:
        city_id = 0
    city = City.objects.filter(pk=city_id).first()
    if city is None or not selectors.city_access(request.user, city.pk).can_answer:
        raise PermissionDenied
    try:
        assessment = services.assessment_start(city=city, checklist=checklist, by=_me(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("policytools:checklist_detail", checklist.key)
    return redirect("policytools:assessment_detail", assessment.pk)


def _profile_context(assessment: Assessment) -> dict[str, Any]:
    document = assessment.checklist.document
    profile = selectors.profile_of(assessment)
    previous, changes = selectors.progress_of(assessment) if assessment.completed else (None, [])
    return {
        "profile": profile,
        "sections": selectors.checklist_rows(document, assessment.answers, profile),
        "gaps": selectors.gap_rows(document, assessment.answers, profile),
        "practices": selectors.suggested_practices(document, profile) if assessment.completed else [],
        "previous": previous,
        "progress": selectors.progress_rows(document, changes),
    }


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = selectors.get_assessment_for_user(request.user, pk)
    return render(
        request,
        "policytools/assessment.html",
        {
            "assessment": assessment,
            "access": access,
            "editable": access.can_answer and not assessment.completed,
            **_profile_context(assessment),
        },
    )


@login_required
@require_POST
def assessment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave of one question (htmx: the question's block comes back with its saved state)."""
    assessment, access = selectors.get_assessment_for_user(request.user, pk)
    if not access.can_answer:
        raise PermissionDenied
    question_id = request.POST.get("question", "")
    error = ""
    try:
        assessment = services.assessment_answer(
            assessment=assessment,
            question_id=question_id,
            points=request.POST.get("points", ""),
            by=_me(request),
        )
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect(
            reverse("policytools:assessment_detail", args=[assessment.pk])
            + "#q-"
            + question_id.replace(".", "-")
        )
    row = next(
        (
            q
            for s in selectors.checklist_rows(assessment.checklist.document, assessment.answers)
            for q in s.questions
            if q.id == question_id
        ),
        None,
    )
    if row is None:
        raise Http404
    status = 400 if error else 200
    return render(
        request,
        "policytools/_question.html",
        {"assessment": assessment, "q": row, "editable": True, "error": error, "saved": not error},
        status=status,
    )


@login_required
@require_POST
def assessment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, access = selectors.get_assessment_for_user(request.user, pk)
    if not access.can_complete:
        raise PermissionDenied
    try:
        services.assessment_complete(assessment=assessment, by=_me(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Self-assessment completed: here is your city's profile."))
    return redirect("policytools:assessment_detail", assessment.pk)


@login_required
def assessment_history(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _access = selectors.get_assessment_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": str(assessment),
            "entries": selectors.assessment_history(assessment),
            "back_url": reverse("policytools:assessment_detail", args=[assessment.pk]),
        },
    )


# --------------------------------------------------------------------------------------------- secretariat


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    return render(request, "policytools/overview.html", {"rows": selectors.overview_rows()})


def _overview_table() -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("City"),
        _("Checklist"),
        _("Policy field"),
        _("Status"),
        _("Started"),
        _("Completed"),
        _("Overall score (%)"),
        _("Gender-equality score (%)"),
    ]
    rows = [
        [
            r.city,
            r.checklist,
            r.field,
            r.status,
            r.started.date(),
            r.completed_at.date() if r.completed_at else None,
            r.overall,
            r.gender,
        ]
        for r in selectors.overview_rows()
    ]
    return headers, rows


@login_required
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    selectors.require_secretariat(request.user)
    headers, rows = _overview_table()
    stamp = formats.date_format(selectors.timezone.localdate(), "Y-m-d")
    if fmt == "csv":
        return csv_response(f"policy-self-assessments-{stamp}.csv", headers, rows)
    if fmt == "xlsx":
        return xlsx_response(f"policy-self-assessments-{stamp}.xlsx", _("Self-assessments"), headers, rows)
    raise Http404
