"""The expert pool, under /experts/: the secretariat's list with filters, an expert's record (page, form,
documents, training, history, personal data export and erasure), the expert's own page, the pool figures
and targets. Access: icc.experts.selectors.pool (`get_expert_for_user`, `require_pool_manager`)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.experts.forms.pool import (
    DocumentForm,
    EraseForm,
    ExpertForm,
    PoolFilterForm,
    TargetForm,
    TrainingForm,
)
from icc.experts.models import Expert, ExpertDocument, Gender, PoolTarget, TrainingRecord
from icc.experts.selectors import pool as selectors
from icc.experts.selectors import work as work_selectors
from icc.experts.services import pool as services
from icc.experts.services.personal_data import expert_erase, expert_personal_data

PAGE_SIZE = 50


@login_required
def expert_list(request: HttpRequest) -> HttpResponse:
    selectors.require_pool_manager(request.user)
    form = PoolFilterForm(request.GET or None)
    filters = selectors.PoolFilters()
    if form.is_valid():
        filters = selectors.PoolFilters(**{name: form.cleaned_data.get(name) or "" for name in form.fields})
    page = Paginator(selectors.pool_list(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "expert": expert,
            "french": selectors.speaks(expert, "fr"),
            "languages": [row for row in expert.languages.all()],
            "areas": [selectors.area_title(row.area) for row in expert.expertise.all() if row.area],
            "themes": [row.theme.name for row in expert.expertise.all() if row.theme_id and row.theme],
        }
        for expert in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "experts/pool/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "filtered": any(vars(filters).values()),
        },
    )


@login_required
def expert_create(request: HttpRequest) -> HttpResponse:
    selectors.require_pool_manager(request.user)
    form = ExpertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_save(expert=None, data=form.data_for_service(), by=request.user)
        except ValidationError as exc:
            form.show_errors(exc)
        else:
            messages.success(request, _("%(name)s was added to the pool.") % {"name": expert.full_name})
            return redirect("experts:expert_detail", pk=expert.pk)
    return render(request, "experts/pool/form.html", {"form": form, "expert": None})


def _record_context(request: HttpRequest, expert: Expert) -> dict[str, object]:
    return {
        "expert": expert,
        "languages": [(row, selectors.language_name(row.language)) for row in expert.languages.all()],
        "areas": [selectors.area_title(row.area) for row in expert.expertise.all() if row.area],
        "themes": [row.theme.name for row in expert.expertise.select_related("theme") if row.theme],
        "countries": [row.country for row in expert.countries_known.all()],
        "documents": expert.documents.select_related("uploaded_by"),
        "training": expert.training.all(),
        "mentees": expert.mentees.filter(erased_at__isnull=True),
        "document_form": DocumentForm(),
        "training_form": TrainingForm(),
        "may_manage": selectors.may_manage_pool(request.user),
        "work": work_selectors.expert_work(expert),
    }


@login_required
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = get_object_or_404(
        selectors.experts_with_details(), pk=selectors.get_expert_for_user(request.user, pk).pk
    )
    context = _record_context(request, expert)
    context["history"] = selectors.expert_history(expert) if context["may_manage"] else []
    return render(request, "experts/pool/detail.html", context)


@login_required
def expert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    expert = selectors.get_expert_for_user(request.user, pk, manage=True)
    form = ExpertForm(request.POST or None, expert=expert)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_save(expert=expert, data=form.data_for_service(), by=request.user)
        except ValidationError as exc:
            form.show_errors(exc)
        else:
            messages.success(request, _("The record of %(name)s was saved.") % {"name": expert.full_name})
            return redirect("experts:expert_detail", pk=expert.pk)
    return render(request, "experts/pool/form.html", {"form": form, "expert": expert})


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """The expert's own record: what the secretariat holds about them, and the fields they correct."""
    expert = selectors.own_expert(request.user)
    if expert is None:
        return render(request, "experts/pool/me.html", {"expert": None})
    form = ExpertForm(request.POST or None, expert=expert, self_service=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_save(
                expert=expert, data=form.data_for_service(), by=request.user, self_service=True
            )
        except ValidationError as exc:
            form.show_errors(exc)
        else:
            messages.success(request, _("Your record was saved. Thank you for keeping it up to date."))
            return redirect("experts:my_record")
    expert = get_object_or_404(selectors.experts_with_details(), pk=expert.pk)
    context = _record_context(request, expert)
    context["form"] = form
    return render(request, "experts/pool/me.html", context)


def _back_to_record(request: HttpRequest, expert: Expert) -> HttpResponse:
    if selectors.may_manage_pool(request.user):
        return redirect("experts:expert_detail", pk=expert.pk)
    return redirect("experts:my_record")


@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    expert = selectors.get_expert_for_user(request.user, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_add(
                expert=expert, file=form.cleaned_data["file"], kind=form.cleaned_data["kind"], by=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("“%(name)s” was added.") % {"name": document.name})
            return _back_to_record(request, expert)
    back_url = (
        reverse("experts:expert_detail", args=[expert.pk])
        if selectors.may_manage_pool(request.user)
        else reverse("experts:my_record")
    )
    return render(
        request,
        "experts/pool/document.html",
        {"expert": expert, "form": form, "back_url": back_url},
        status=400 if form.errors else 200,
    )


@login_required
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    expert = selectors.get_expert_for_user(request.user, pk)
    document = get_object_or_404(ExpertDocument, pk=doc_pk, expert=expert)
    return attachment_response(document.file, document.name)


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    expert = selectors.get_expert_for_user(request.user, pk)
    document = get_object_or_404(ExpertDocument, pk=doc_pk, expert=expert)
    services.document_remove(document=document, by=request.user)
    messages.success(request, _("“%(name)s” was removed.") % {"name": document.name})
    return _back_to_record(request, expert)


@login_required
@require_POST
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    expert = selectors.get_expert_for_user(request.user, pk, manage=True)
    form = TrainingForm(request.POST)
    if form.is_valid():
        try:
            services.training_add(expert=expert, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The training session was recorded."))
            return redirect("experts:expert_detail", pk=expert.pk)
    return render(request, "experts/pool/training.html", {"expert": expert, "form": form}, status=400)


@login_required
@require_POST
def training_delete(request: HttpRequest, pk: int, training_pk: int) -> HttpResponse:
    expert = selectors.get_expert_for_user(request.user, pk, manage=True)
    record = get_object_or_404(TrainingRecord, pk=training_pk, expert=expert)
    services.training_remove(record=record, by=request.user)
    messages.success(request, _("The training session was removed."))
    return redirect("experts:expert_detail", pk=expert.pk)


@login_required
def personal_data_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything stored about the expert, as JSON: for the secretariat, and for the expert themself."""
    expert = selectors.get_expert_for_user(request.user, pk)
    body = json.dumps(expert_personal_data(expert), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="expert-{expert.pk}-personal-data.json"'
    return response


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    expert = selectors.get_expert_for_user(request.user, pk, manage=True)
    if expert.erased_at is not None:
        messages.info(request, _("This expert's personal data was already erased."))
        return redirect("experts:expert_detail", pk=expert.pk)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        expert = expert_erase(expert=expert, by=request.user)
        messages.success(request, _("The personal data was erased; the work done is kept, anonymised."))
        return redirect("experts:expert_detail", pk=expert.pk)
    return render(request, "experts/pool/erase.html", {"expert": expert, "form": form})


@login_required
def pool_figures(request: HttpRequest) -> HttpResponse:
    selectors.require_pool_manager(request.user)
    figures = selectors.pool_figures()
    areas = [(selectors.area_title(row.key), row) for row in figures.areas]
    languages = [(selectors.language_name(row.key), row) for row in figures.languages]
    labels = dict(Gender.choices)
    genders = [(labels.get(row.gender, _("not stated")), row) for row in figures.genders]
    return render(
        request,
        "experts/pool/figures.html",
        {
            "figures": figures,
            "areas": areas,
            "languages": languages,
            "genders": genders,
            "area_chart": selectors.pool_area_chart(areas),
            "language_chart": selectors.pool_language_chart(languages),
        },
    )


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    """The pool's targets as data: add one, or change one (?edit=<id>)."""
    selectors.require_pool_manager(request.user)
    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = get_object_or_404(PoolTarget, pk=int(request.GET["edit"]))
    initial = TargetForm.initial_for(editing) if editing else None
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_save(target=editing, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The target was saved."))
            return redirect("experts:pool_figures")
    return render(
        request,
        "experts/pool/targets.html",
        {"form": form, "editing": editing, "targets": selectors.pool_figures().targets},
    )


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_pool_manager(request.user)
    target = get_object_or_404(PoolTarget, pk=pk)
    services.target_remove(target=target, by=request.user)
    messages.success(request, _("The target was removed."))
    return redirect("experts:pool_figures")
