"""Controlled expansion and the network's settings: secretariat pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.forms import apply_validation_error
from icc.network.forms import AnnualFeeForm, GrowthTargetForm, NetworkSettingsForm
from icc.network.models import GrowthTarget
from icc.network.selectors.expansion import expansion_overview
from icc.network.selectors.settings import annual_fee_page, settings_overview
from icc.network.services import settings as settings_services


def _require_secretariat(request: HttpRequest) -> None:
    if not request.user.has_perm("network.manage_register"):
        raise PermissionDenied


@login_required
def expansion(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    return render(request, "network/expansion/overview.html", {"overview": expansion_overview()})


@login_required
def settings_edit(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    overview = settings_overview()
    form = NetworkSettingsForm(request.POST or None, instance=overview.settings)
    if request.method == "POST" and form.is_valid():
        try:
            settings_services.network_settings_update(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Network settings saved."))
            return redirect("network:settings")
    return render(request, "network/settings/edit.html", {"form": form, "overview": overview})


@login_required
def target_create(request: HttpRequest) -> HttpResponse:
    return _target_form(request, None)


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _target_form(request, pk)


def _target_form(request: HttpRequest, pk: int | None) -> HttpResponse:
    _require_secretariat(request)
    target = get_object_or_404(GrowthTarget, pk=pk) if pk else None
    form = GrowthTargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            saved = settings_services.growth_target_save(by=request.user, target=target, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Growth target saved: %(target)s.") % {"target": saved})
            return redirect("network:settings")
    return render(request, "network/settings/target_form.html", {"form": form, "target": target})


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_secretariat(request)
    target = get_object_or_404(GrowthTarget, pk=pk)
    settings_services.growth_target_delete(by=request.user, target=target)  # type: ignore[arg-type]
    messages.success(request, _("Growth target %(target)s deleted.") % {"target": target})
    return redirect("network:settings")


@login_required
def annual_fee_edit(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    year = request.GET.get("year", "")
    page = annual_fee_page(int(year) if year.isdigit() else None)
    form = AnnualFeeForm(request.POST or None, initial=page.initial)
    if request.method == "POST" and form.is_valid():
        try:
            fee = settings_services.annual_fee_set(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("Fee for %(year)s set to %(amount)s EUR.")
                % {"year": fee.year, "amount": number_format(fee.amount, 2, force_grouping=True)},
            )
            return redirect("network:annual_fee_edit")
    return render(request, "network/settings/annual_fees.html", {"form": form, "page": page})
