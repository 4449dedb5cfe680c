"""The evaluation report: the expert writes it (summary, findings, recommendations linked to a result or an
action), sends it for review; the secretariat sends it back, shares it with the city or publishes it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.forms import apply_validation_error
from icc.evaluations import selectors, services
from icc.evaluations.forms import RecommendationForm, ReportForm, ReportMoveForm
from icc.evaluations.models import REPORT_WORKFLOW, Evaluation, EvaluationReport, Recommendation, ReportStatus
from icc.evaluations.selectors import EvaluationAccess
from icc.notifications.services import told_about


def _report_for(request: HttpRequest, pk: int) -> tuple[Evaluation, EvaluationAccess, EvaluationReport]:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    report = access.report_of()
    if report is None or not access.can_read_report:
        raise Http404("No such report.")
    return evaluation, access, report


def _moves(access: EvaluationAccess, report: EvaluationReport) -> list[tuple[str, str]]:
    """The moves this person may make now, with the button's words."""
    words = {
        ReportStatus.REVIEW: _("Send for review"),
        ReportStatus.DRAFT: _("Send back to the expert"),
        ReportStatus.SHARED: _("Share with the city"),
        ReportStatus.PUBLISHED: _("Publish"),
    }
    allowed = REPORT_WORKFLOW.allowed_from(report.status)
    if access.secretariat:
        return [(s, str(words[ReportStatus(s)])) for s in allowed]
    if access.expert and report.status == ReportStatus.DRAFT:
        return [(ReportStatus.REVIEW, str(words[ReportStatus.REVIEW]))]
    return []


def _page(
    request: HttpRequest,
    evaluation: Evaluation,
    access: EvaluationAccess,
    report: EvaluationReport,
    **forms: Any,
) -> HttpResponse:
    context: dict[str, Any] = {
        "evaluation": evaluation,
        "access": access,
        "report": report,
        "recommendations": selectors.recommendations_of(report),
        "moves": _moves(access, report),
        "move_form": forms.get("move_form"),
        "next_strategy": selectors.next_strategy_of(evaluation),
    }
    if access.can_write_report:
        context["report_form"] = forms.get("report_form") or ReportForm(
            initial={
                "summary_en": report.summary_en,
                "summary_fr": report.summary_fr,
                "findings_en": report.findings_en,
                "findings_fr": report.findings_fr,
            }
        )
        context["recommendation_form"] = forms.get("recommendation_form") or RecommendationForm(
            evaluation=evaluation
        )
    return render(request, "evaluations/report.html", context, status=400 if forms else 200)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access, report = _report_for(request, pk)
    if access.city_person and not access.secretariat:
        services.report_mark_read(by=request.user, report=report)  # type: ignore[arg-type]
    return _page(request, evaluation, access, report)


@login_required
@require_POST
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access, report = _report_for(request, pk)
    if not access.can_write_report:
        raise PermissionDenied
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_save(by=request.user, report=report, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The report was saved."))
            return redirect("evaluations:report", evaluation.pk)
    return _page(request, evaluation, access, report, report_form=form)


@login_required
@require_POST
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access, report = _report_for(request, pk)
    if not access.can_write_report:
        raise PermissionDenied
    form = RecommendationForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            services.recommendation_add(by=request.user, report=report, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Recommendation added."))
            return redirect("evaluations:report", evaluation.pk)
    return _page(request, evaluation, access, report, recommendation_form=form)


@login_required
@require_POST
def recommendation_remove(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    evaluation, access, report = _report_for(request, pk)
    if not access.can_write_report:
        raise PermissionDenied
    recommendation = get_object_or_404(Recommendation, pk=recommendation_pk, report=report)
    try:
        services.recommendation_remove(by=request.user, recommendation=recommendation)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Recommendation removed."))
    return redirect("evaluations:report", evaluation.pk)


@login_required
@require_POST
def report_move(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access, report = _report_for(request, pk)
    form = ReportMoveForm(request.POST)
    if not form.is_valid():
        return _page(request, evaluation, access, report, move_form=form)
    status = form.cleaned_data["status"]
    if status not in dict(_moves(access, report)):
        if access.secretariat or access.expert:
            # A move the workflow forbids from here: refused with the workflow's own words.
            form.add_error(
                None,
                _("This report is %(status)s: it cannot move to “%(target)s” now.")
                % {"status": report.get_status_display(), "target": status},
            )
            return _page(request, evaluation, access, report, move_form=form)
        raise PermissionDenied
    try:
        report = services.report_move(
            by=request.user,  # type: ignore[arg-type]
            report=report,
            status=status,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return _page(request, evaluation, access, report, move_form=form)
    done = _("The report is now %(status)s.") % {"status": report.get_status_display()}
    messages.success(
        request,
        f"{done} {told_about(report).sentence()}"
        if status in (ReportStatus.SHARED, ReportStatus.PUBLISHED)
        else done,
    )
    return redirect("evaluations:report", evaluation.pk)
