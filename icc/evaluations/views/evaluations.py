"""The evaluation's pages for the secretariat, the city and the expert: the list, creating one from a
strategy,
its overview with the workflow's forms, building the instrument, and the history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.accounts.selectors import user_roles_summary
from icc.core.forms import apply_validation_error
from icc.evaluations import selectors, services
from icc.evaluations.forms import (
    AssignForm,
    EvaluationForm,
    NextStrategyForm,
    OpenForm,
    QuestionForm,
    ReturnForm,
)
from icc.evaluations.models import EVALUATION_WORKFLOW, Evaluation
from icc.evaluations.selectors import EvaluationAccess
from icc.notifications.services import told_about


def _secretariat_only(request: HttpRequest) -> None:
    if not user_roles_summary(request.user).secretariat:
        raise PermissionDenied


@login_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    evaluations = list(selectors.visible_evaluations(request.user))
    summary = user_roles_summary(request.user)
    return render(
        request, "evaluations/list.html", {"evaluations": evaluations, "secretariat": summary.secretariat}
    )


@login_required
def evaluation_create(request: HttpRequest) -> HttpResponse:
    _secretariat_only(request)
    form = EvaluationForm(request.POST or None, initial={"strategy": request.GET.get("strategy")})
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_create(
                by=request.user,  # type: ignore[arg-type]
                strategy=form.cleaned_data["strategy"],
                title_en=form.cleaned_data["title_en"],
                title_fr=form.cleaned_data["title_fr"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The instrument was built from the strategy: check its questions, add your own, "
                    "then open it to the city."
                ),
            )
            return redirect("evaluations:instrument", evaluation.pk)
    return render(request, "evaluations/form.html", {"form": form})


def _detail(
    request: HttpRequest, evaluation: Evaluation, access: EvaluationAccess, **forms: Any
) -> HttpResponse:
    rows = selectors.sections_with_progress(evaluation)
    report = access.report_of()
    context: dict[str, Any] = {
        "evaluation": evaluation,
        "access": access,
        "rows": rows,
        "progress": selectors.overall_progress(rows),
        "report": report,
        "next_strategy": selectors.next_strategy_of(evaluation),
        "status_steps": [(value, label) for value, label in EVALUATION_WORKFLOW.labels.items()],
    }
    if access.secretariat:
        if access.can_build:
            context["open_form"] = forms.get("open_form") or OpenForm(
                initial={"deadline": evaluation.deadline}
            )
        if access.can_review_answers:
            context["return_form"] = forms.get("return_form") or ReturnForm()
        if access.can_review_answers or (report is not None and report.status == "draft"):
            context["assign_form"] = forms.get("assign_form") or AssignForm(
                initial={"expert": report.expert_id if report else None}
            )
        context["next_form"] = forms.get("next_form") or NextStrategyForm(
            evaluation=evaluation, initial={"next_strategy": evaluation.next_strategy_id}
        )
    return render(request, "evaluations/detail.html", context, status=400 if forms else 200)


@login_required
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    return _detail(request, evaluation, access)


@login_required
def evaluation_history(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, _access = selectors.get_evaluation_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": evaluation.title,
            "entries": selectors.evaluation_history(evaluation),
            "back_url": reverse("evaluations:detail", args=[evaluation.pk]),
        },
    )


def _told(request: HttpRequest, obj: object, done: str) -> None:
    messages.success(request, f"{done} {told_about(obj).sentence()}")


@login_required
@require_POST
def evaluation_open(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = OpenForm(request.POST)
    if form.is_valid():
        try:
            evaluation = services.evaluation_open(
                by=request.user,  # type: ignore[arg-type]
                evaluation=evaluation,
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _told(request, evaluation, _("The evaluation is open to the city."))
            return redirect("evaluations:detail", evaluation.pk)
    return _detail(request, evaluation, access, open_form=form)


@login_required
@require_POST
def evaluation_submit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.coordinator:
        raise PermissionDenied
    try:
        evaluation = services.evaluation_submit(by=request.user, evaluation=evaluation)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        _told(request, evaluation, _("Your answers were submitted to the secretariat."))
    return redirect("evaluations:detail", evaluation.pk)


@login_required
@require_POST
def evaluation_return(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            evaluation = services.evaluation_return(
                by=request.user,  # type: ignore[arg-type]
                evaluation=evaluation,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _told(request, evaluation, _("The evaluation went back to the city with your comments."))
            return redirect("evaluations:detail", evaluation.pk)
    return _detail(request, evaluation, access, return_form=form)


@login_required
@require_POST
def expert_assign(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_assign_expert(
                by=request.user,  # type: ignore[arg-type]
                evaluation=evaluation,
                expert=form.cleaned_data["expert"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _told(request, report, _("The answers are accepted and the expert asked to write the report."))
            return redirect("evaluations:detail", evaluation.pk)
    return _detail(request, evaluation, access, assign_form=form)


@login_required
@require_POST
def next_strategy_link(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = NextStrategyForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            services.evaluation_link_next(
                by=request.user,  # type: ignore[arg-type]
                evaluation=evaluation,
                strategy=form.cleaned_data["next_strategy"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The link to the next strategy was saved."))
            return redirect("evaluations:detail", evaluation.pk)
    return _detail(request, evaluation, access, next_form=form)


# --------------------------------------------------------------------------------------------- instrument


def _instrument(
    request: HttpRequest, evaluation: Evaluation, access: EvaluationAccess, form: QuestionForm | None = None
) -> HttpResponse:
    sections = [
        (row, selectors.question_views(row.section)) for row in selectors.sections_with_progress(evaluation)
    ]
    context = {
        "evaluation": evaluation,
        "access": access,
        "sections": sections,
        "form": form or (QuestionForm(evaluation=evaluation) if access.can_build else None),
    }
    return render(request, "evaluations/instrument.html", context, status=400 if form else 200)


@login_required
def instrument(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    return _instrument(request, evaluation, access)


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = QuestionForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            question = services.question_add(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Question added."))
            return redirect(reverse("evaluations:instrument", args=[evaluation.pk]) + f"#q-{question.pk}")
    return _instrument(request, evaluation, access, form)


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    question = selectors.get_question(evaluation, question_pk)
    initial = {
        "kind": question.kind,
        "text_en": question.text_en,
        "text_fr": question.text_fr,
        "context": question.context,
    }
    form = QuestionForm(request.POST or None, evaluation=evaluation, with_section=False, initial=initial)
    if request.method == "POST":
        if not access.can_build:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.question_update(by=request.user, question=question, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Question changed."))
                return redirect(reverse("evaluations:instrument", args=[evaluation.pk]) + f"#q-{question.pk}")
    return render(
        request,
        "evaluations/question_form.html",
        {"evaluation": evaluation, "question": question, "form": form, "access": access},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    evaluation, access = selectors.get_evaluation_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    question = selectors.get_question(evaluation, question_pk)
    try:
        services.question_remove(by=request.user, question=question)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Question removed."))
    return redirect("evaluations:instrument", evaluation.pk)
