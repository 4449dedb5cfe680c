"""The secretariat's travel funding: requests to decide, reimbursement claims to approve, return or pay."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.activities.forms import ClaimDecisionForm, FundingDecisionForm
from icc.activities.models import ClaimStatus, FundingRequest, ReimbursementClaim
from icc.activities.selectors import access
from icc.activities.selectors import events as selectors
from icc.activities.services import funding as services
from icc.activities.views import me
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries


@login_required
def funding_list(request: HttpRequest) -> HttpResponse:
    access.require_secretariat(request.user)
    rows = list(selectors.funding_to_decide()[:300])
    return render(request, "activities/funding_list.html", {"rows": rows, "form": FundingDecisionForm()})


@login_required
@require_POST
def funding_decide(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_secretariat(request.user)
    funding = get_object_or_404(FundingRequest.objects.select_related("registration__event"), pk=pk)
    form = FundingDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.funding_decide(
                actor=me(request),
                funding=funding,
                approve=data["decision"] == "approve",
                travel=data["travel"],
                subsistence=data["subsistence"],
                refusal_reason=data["refusal_reason"],
            )
            messages.success(request, _("The decision is recorded; the participant is told."))
            return redirect(request.POST.get("next") or "activities:funding_list")
        except ValidationError as error:
            apply_validation_error(form, error)
    rows = list(selectors.funding_to_decide()[:300])
    return render(
        request,
        "activities/funding_list.html",
        {"rows": rows, "form": FundingDecisionForm(), "bound": form, "bound_pk": funding.pk},
        status=400,
    )


@login_required
def claim_list(request: HttpRequest) -> HttpResponse:
    access.require_secretariat(request.user)
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    status = status if status in ClaimStatus.values else ClaimStatus.SUBMITTED
    rows = (
        ReimbursementClaim.objects.filter(status=status)
        .select_related("registration__event", "registration__contact", "registration__city")
        .order_by("submitted_at", "pk")[:300]
    )
    return render(
        request,
        "activities/claim_list.html",
        {"rows": list(rows), "status": status, "statuses": ClaimStatus.choices},
    )


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_secretariat(request.user)
    claim = get_object_or_404(
        ReimbursementClaim.objects.select_related(
            "registration__event", "registration__contact", "registration__funding"
        ),
        pk=pk,
    )
    form = ClaimDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "pay":
                services.claim_pay(actor=me(request), claim=claim, amount=data["paid_amount"])
                messages.success(request, _("The payment is recorded."))
            else:
                services.claim_decide(
                    actor=me(request),
                    claim=claim,
                    approve=data["decision"] == "approve",
                    reason_words=data["reason"],
                )
                messages.success(request, _("The decision is recorded; the participant is told."))
            return redirect("activities:claim_detail", claim.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return render(
        request,
        "activities/claim_detail.html",
        {"claim": claim, "form": form, "history": history_entries(claim)},
        status=400 if form.errors else 200,
    )
