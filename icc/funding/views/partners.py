"""Partner organisations, under /funding/partners/: the list, a partner's page (agreements with their
documents, contributions, contacts, the events they took part in, history) and the forms that add to it.
Access: the secretariat alone; contacts are personal data and are shown nowhere else."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.funding import selectors, services
from icc.funding.forms import (
    ActivityForm,
    AgreementForm,
    ContactForm,
    ContributionForm,
    PartnerForm,
    values_of,
)
from icc.funding.models import AgreementDocument, Partner, PartnerActivity, PartnerContact


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    return render(request, "funding/partners.html", {"partners": list(selectors.partner_list())})


@login_required
def partner_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    selectors.require_secretariat(request.user)
    partner = get_object_or_404(Partner, pk=pk) if pk else None
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.partner_save(partner=partner, values=values_of(form), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("funding:partner_detail", pk=saved.pk)
    back = reverse("funding:partner_detail", args=[pk]) if pk else reverse("funding:partner_list")
    title = _("Change the partner") if partner else _("New partner organisation")
    return render(request, "funding/form.html", {"form": form, "title": title, "back": back})


@login_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = selectors.get_partner_for_user(request.user, pk)
    return render(
        request,
        "funding/partner.html",
        {
            "page": selectors.partner_page(partner),
            "agreement_form": AgreementForm(),
            "contribution_form": ContributionForm(),
            "contact_form": ContactForm(),
            "activity_form": ActivityForm(),
        },
    )


def _add(
    request: HttpRequest, pk: int, form_class: Any, save: Any, title: str, files: tuple[str, ...] = ()
) -> HttpResponse:
    """Adds one record to a partner through `save(partner, values, files)`; a refused form comes back on
    its own page with the errors on their fields."""
    partner = selectors.get_partner_for_user(request.user, pk)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(partner, values_of(form, *files), {name: form.cleaned_data.get(name) for name in files})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("funding:partner_detail", pk=partner.pk)
    return render(
        request,
        "funding/form.html",
        {
            "form": form,
            "title": f"{partner.name}: {title}",
            "back": reverse("funding:partner_detail", args=[pk]),
            "multipart": bool(files),
        },
    )


@login_required
def agreement_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        AgreementForm,
        lambda partner, values, files: services.agreement_add(
            partner=partner, values=values, document=files["document"], by=request.user
        ),
        _("new agreement"),
        files=("document",),
    )


@login_required
def contribution_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        ContributionForm,
        lambda partner, values, _f: services.contribution_add(
            partner=partner, values=values, by=request.user
        ),
        _("new contribution"),
    )


@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        ContactForm,
        lambda partner, values, _f: services.contact_add(partner=partner, values=values, by=request.user),
        _("new contact"),
    )


@login_required
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        ActivityForm,
        lambda partner, values, _f: services.activity_link(partner=partner, values=values, by=request.user),
        _("an activity taken part in"),
    )


@login_required
@require_POST
def contact_delete(request: HttpRequest, pk: int, contact: int) -> HttpResponse:
    partner = selectors.get_partner_for_user(request.user, pk)
    services.contact_delete(
        contact=get_object_or_404(PartnerContact, pk=contact, partner=partner), by=request.user
    )
    messages.success(request, _("The contact was deleted."))
    return redirect("funding:partner_detail", pk=pk)


@login_required
@require_POST
def activity_delete(request: HttpRequest, pk: int, activity: int) -> HttpResponse:
    partner = selectors.get_partner_for_user(request.user, pk)
    services.activity_unlink(
        activity=get_object_or_404(PartnerActivity, pk=activity, partner=partner), by=request.user
    )
    messages.success(request, _("The link to the event was removed."))
    return redirect("funding:partner_detail", pk=pk)


@login_required
def agreement_document(request: HttpRequest, pk: int, document: int) -> FileResponse:
    partner = selectors.get_partner_for_user(request.user, pk)
    stored = get_object_or_404(AgreementDocument, pk=document, agreement__partner=partner)
    return attachment_response(stored.file, stored.name)


@login_required
def partner_history(request: HttpRequest, pk: int) -> HttpResponse:
    partner = selectors.get_partner_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": partner.name,
            "entries": history_entries(partner),
            "back_url": reverse("funding:partner_detail", args=[pk]),
        },
    )
