"""The city answers the evaluation like the Index questionnaire: one page per section, each question its own
form saved with htmx as it is answered (`answer_save`, autosave: only the question's status line and revision
come back, so nothing under the person's fingers is replaced), evidence files per question. Without JavaScript
the same forms post normally and come back to the question."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.downloads import attachment_response
from icc.evaluations import selectors, services
from icc.evaluations.models import Evaluation, EvaluationEvidence, EvaluationQuestion
from icc.evaluations.selectors import EvaluationAccess, QuestionView

PAGE = "evaluations/section.html"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _question_url(evaluation: Evaluation, question: EvaluationQuestion) -> str:
    url = reverse("evaluations:section", args=[evaluation.pk, question.section_id])
    return f"{url}#q-{question.pk}"


def _context(evaluation: Evaluation, access: EvaluationAccess, **extra: Any) -> dict[str, Any]:
    return {
        "evaluation": evaluation,
        "access": access,
        "can_answer": access.can_answer,
        "max_upload_mb": settings.MAX_UPLOAD_MB,
        **extra,
    }


@login_required
def section(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    current = selectors.get_section(evaluation, section_pk)
    previous, following = selectors.neighbours(current)
    views = selectors.question_views(current)
    context = _context(
        evaluation,
        access,
        section=current,
        questions=views,
        previous=previous,
        next=following,
        progress=selectors.instrument.progress(v.answer is not None and v.answer.is_answered for v in views),
    )
    return render(request, PAGE, context)


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    question = selectors.get_question(evaluation, question_pk)
    if not access.can_answer:
        raise PermissionDenied
    data = request.POST
    try:
        base = int(data["base_revision"]) if data.get("base_revision", "").isdigit() else None
        result = services.answer_save(
            by=request.user,  # type: ignore[arg-type]
            question=question,
            value=data.get("value", ""),
            text=data.get("text", ""),
            base_revision=base,
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
        if not _is_htmx(request):
            messages.error(request, error)
            return redirect(_question_url(evaluation, question))
        view = selectors.question_view(question)
        view.error = error
        return _status(request, view, saved=False)
    view = selectors.question_view(question)
    view.conflict = result.conflict
    view.saved = not result.conflict
    if not _is_htmx(request):
        if result.conflict:
            messages.error(
                request,
                _(
                    "Someone else saved this answer while you were changing it; nothing was overwritten. "
                    "Read their answer below and change it if needed."
                ),
            )
        else:
            messages.success(request, _("Answer to question %(number)s saved.") % {"number": view.number})
        return redirect(_question_url(evaluation, question))
    return _status(request, view, saved=view.saved)


def _status(request: HttpRequest, view: QuestionView, *, saved: bool) -> HttpResponse:
    """The question's status line, and its revision out-of-band (htmx swaps the status line only)."""
    html = render_to_string(
        "evaluations/section.html#status", {"q": view, "can_answer": True, "oob": True}, request
    )
    response = HttpResponse(html)
    response["X-Answer-Saved"] = "true" if saved else "false"
    return response


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    question = selectors.get_question(evaluation, question_pk)
    if not access.can_answer:
        raise PermissionDenied
    upload = request.FILES.get("file")
    error = notice = ""
    if upload is None:
        error = _("Choose a file to attach, then press “Attach”.")
    else:
        try:
            evidence = services.evidence_add(by=request.user, question=question, file=upload)  # type: ignore[arg-type]
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            notice = _("“%(name)s” attached.") % {"name": evidence.name}
    return _after_file_change(request, evaluation, access, question, error=error, notice=notice)


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    evidence = get_object_or_404(
        EvaluationEvidence.objects.select_related("question", "question__section"),
        pk=file_pk,
        question__section__evaluation=evaluation,
    )
    if not access.can_answer:
        raise PermissionDenied
    question = evidence.question
    error = notice = ""
    try:
        services.evidence_remove(by=request.user, evidence=evidence)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        notice = _("“%(name)s” removed.") % {"name": evidence.name}
    return _after_file_change(request, evaluation, access, question, error=error, notice=notice)


def _after_file_change(
    request: HttpRequest,
    evaluation: Evaluation,
    access: EvaluationAccess,
    question: EvaluationQuestion,
    *,
    error: str,
    notice: str,
) -> HttpResponse:
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, notice)
        return redirect(_question_url(evaluation, question))
    view = selectors.question_view(question)
    return render(
        request,
        "evaluations/section.html#evidence",
        _context(evaluation, access, q=view, file_error=error, notice=notice),
    )


@login_required
def evidence_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    evaluation, _access = selectors.get_evaluation_for_user(request.user, pk)
    evidence = get_object_or_404(EvaluationEvidence, pk=file_pk, question__section__evaluation=evaluation)
    return attachment_response(evidence.file, evidence.name)
