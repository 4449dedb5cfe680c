"""The back office of the collection: a city's team drafts and proposes practices and answers the
secretariat's questions; the secretariat edits, asks, publishes or declines."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from icc.accounts.models import User
from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.notifications.services import told_about
from icc.practices import services
from icc.practices.forms import (
    AnswerForm,
    DeclineForm,
    DocumentForm,
    ImageForm,
    PracticeForm,
    PublishForm,
    QuestionForm,
)
from icc.practices.models import Innovation, PracticeDocument, PracticeImage, PracticeStatus
from icc.practices.selectors.access import (
    cities_for_proposals,
    get_practice_for_user,
    may_use_practices,
    visible_practices,
)
from icc.practices.selectors.work import practice_page, work_list


def _told(text: str, obj: object) -> str:
    told = told_about(obj)
    return f"{text} {told.sentence()}" if told else text


@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    if not may_use_practices(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    listing = work_list(visible_practices(request.user), status=status, q=request.GET.get("q", ""))
    context = {
        "listing": listing,
        "status": status,
        "statuses": PracticeStatus.choices,
        "may_propose": cities_for_proposals(request.user).exists(),
        "innovations": Innovation.objects.order_by("name_en"),
    }
    return render(request, "practices/work/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request: HttpRequest) -> HttpResponse:
    cities = cities_for_proposals(request.user)
    if not cities.exists():
        raise PermissionDenied
    form = PracticeForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_create(
                by=_user(request),
                city=form.cleaned_data["city"],
                data=form.content(),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The practice is saved as a draft. Propose it when it is ready."))
            return redirect("practices:detail", practice.pk)
    return render(request, "practices/work/form.html", {"form": form, "practice": None})


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice, access = get_practice_for_user(request.user, pk)
    if not access.can_edit:
        raise PermissionDenied
    published = practice.status == PracticeStatus.PUBLISHED
    form = PracticeForm(request.POST or None, instance=practice, published=published)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(
                by=_user(request),
                practice=practice,
                data=form.content(),
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("Published as a new version.") if published else _("The practice is saved.")
            )
            return redirect("practices:detail", practice.pk)
    return render(request, "practices/work/form.html", {"form": form, "practice": practice})


def _detail(request: HttpRequest, pk: int, **forms: object) -> HttpResponse:
    practice, access = get_practice_for_user(request.user, pk)
    context = {
        "page": practice_page(practice),
        "practice": practice,
        "access": access,
        "question_form": QuestionForm(),
        "answer_form": AnswerForm(),
        "publish_form": PublishForm(),
        "decline_form": DeclineForm(),
        "image_form": ImageForm(),
        "document_form": DocumentForm(),
        "history": history_entries(practice),
    }
    context.update(forms)
    status = 400 if forms else 200
    return render(request, "practices/work/detail.html", context, status=status)


@login_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # the views are behind login_required


def _form_step(request: HttpRequest, pk: int, form: forms.Form, name: str, run: Any) -> HttpResponse | None:
    """A step with a form: the page again with the form's errors (by field), or None when it ran."""
    if not form.is_valid():
        return _detail(request, pk, **{name: form})
    try:
        run(form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return _detail(request, pk, **{name: form})
    return None


@login_required
@require_POST
def practice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The workflow's steps, each a POST with its own small form."""
    practice, _access = get_practice_for_user(request.user, pk)
    user = _user(request)
    refused: HttpResponse | None = None
    try:
        if action == "propose":
            practice = services.practice_propose(by=user, practice=practice)
            messages.success(request, _told(_("The practice is proposed to the secretariat."), practice))
        elif action == "ask":
            asked: list[Any] = []
            refused = _form_step(
                request,
                pk,
                QuestionForm(request.POST),
                "question_form",
                lambda data: asked.append(
                    services.practice_ask(by=user, practice=practice, question=data["question"])
                ),
            )
            if refused is None:
                messages.success(request, _told(_("The question is sent to the city."), asked[0]))
        elif action == "publish":
            publish_form = PublishForm(request.POST)
            publish_form.is_valid()
            practice = services.practice_publish(
                by=user, practice=practice, note=publish_form.cleaned_data.get("note", "")
            )
            messages.success(request, _told(_("The practice is published."), practice))
        elif action == "decline":
            refused = _form_step(
                request,
                pk,
                DeclineForm(request.POST),
                "decline_form",
                lambda data: services.practice_decline(
                    by=user, practice=practice, reason_text=data["reason"]
                ),
            )
            if refused is None:
                messages.success(request, _("The practice is declined. The city is told why."))
        elif action == "confirm":
            services.practice_confirm(by=user, practice=practice)
            messages.success(request, _("Thank you: the practice is confirmed as still current."))
        elif action == "image":
            refused = _form_step(
                request,
                pk,
                ImageForm(request.POST, request.FILES),
                "image_form",
                lambda data: services.practice_image_add(by=user, practice=practice, **data),
            )
            if refused is None:
                messages.success(request, _("The image is added."))
        elif action == "document":
            refused = _form_step(
                request,
                pk,
                DocumentForm(request.POST, request.FILES),
                "document_form",
                lambda data: services.practice_document_add(by=user, practice=practice, **data),
            )
            if refused is None:
                messages.success(request, _("The document is added."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return refused or redirect("practices:detail", pk)


@login_required
@require_POST
def question_answer(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    practice, _access = get_practice_for_user(request.user, pk)
    question = get_object_or_404(practice.review_questions.all(), pk=question_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, pk, answer_form=form)
    try:
        question = services.practice_answer(
            by=_user(request), question=question, answer=form.cleaned_data["answer"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _told(_("Your answer is sent to the secretariat."), question))
    return redirect("practices:detail", pk)


@login_required
def practice_file(request: HttpRequest, pk: int, kind: str, file_pk: int) -> FileResponse:
    practice, _access = get_practice_for_user(request.user, pk)
    stored: PracticeImage | PracticeDocument
    if kind == "image":
        stored = get_object_or_404(practice.images.all(), pk=file_pk)
    elif kind == "document":
        stored = get_object_or_404(practice.documents.all(), pk=file_pk)
    else:
        raise Http404
    return attachment_response(stored.file, stored.name)
