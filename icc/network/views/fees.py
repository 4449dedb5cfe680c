"""Pages of membership fees: a year's fees, what is still owed, one fee, one city's fees."""

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.core.http import safe_next
from icc.network.forms import FeePaymentForm, FeeReopenForm, FeeUpdateForm, FeeWaiveForm, OpenFeeYearForm
from icc.network.models import MembershipPeriod
from icc.network.selectors.access import get_city_for_user
from icc.network.selectors.fees import city_fees as city_fees_selector
from icc.network.selectors.fees import fee_list_filtered, get_period_for_user, outstanding_fees
from icc.network.services import fees as fee_services

# The form and the service of each action on one fee; which actions a fee allows is the service's
# rule (`fee_services.fee_actions`).
ACTIONS: dict[str, tuple[type[forms.Form], Callable[..., MembershipPeriod]]] = {
    "pay": (FeePaymentForm, fee_services.fee_record_payment),
    "waive": (FeeWaiveForm, fee_services.fee_waive),
    "reopen": (FeeReopenForm, fee_services.fee_reopen),
    "update": (FeeUpdateForm, fee_services.fee_update),
}


def _require_secretariat(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _fee_list_url(year: int) -> str:
    return f"{reverse('network:fee_list')}?year={year}"


@login_required
def fee_list(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request, "network.view_register")
    listing = fee_list_filtered(request.GET)
    return render(
        request,
        "network/fees/list.html",
        {"listing": listing, "open_form": OpenFeeYearForm(initial={"year": listing.year})},
    )


@login_required
def outstanding(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request, "network.view_register")
    return render(request, "network/fees/outstanding.html", {"outstanding": outstanding_fees()})


@login_required
@require_POST
def open_year(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request, "network.manage_fees")
    form = OpenFeeYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Year: give the year to open as a number, e.g. 2026."))
        return redirect("network:fee_list")
    year = form.cleaned_data["year"]
    try:
        created = fee_services.fees_open_year(year=year, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, _("Year: %(message)s") % {"message": message})
        return redirect("network:fee_list")
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)s membership period created for %(year)s.",
                "%(count)s membership periods created for %(year)s.",
                created,
            )
            % {"count": created, "year": year},
        )
    else:
        messages.info(
            request,
            _("No membership period created: every member city already has one for %(year)s.")
            % {"year": year},
        )
    return redirect(_fee_list_url(year))


def _initial(action: str, period: MembershipPeriod) -> dict[str, Any]:
    if action == "pay":
        return {"paid_on": datetime.date.today(), "invoice_reference": period.invoice_reference}
    if action == "update":
        return {"amount": period.amount, "due_date": period.due_date, "note": period.note}
    return {}


SUCCESS_MESSAGES = {
    "pay": gettext_lazy("Payment of the %(year)s fee of %(city)s recorded."),
    "waive": gettext_lazy("The %(year)s fee of %(city)s is waived."),
    "reopen": gettext_lazy("The %(year)s fee of %(city)s is due again."),
    "update": gettext_lazy("The %(year)s fee of %(city)s is saved."),
}


@login_required
def period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_period_for_user(request.user, pk)
    posted = request.POST.get("action", "") if request.method == "POST" else ""
    if posted and posted not in ACTIONS:
        return HttpResponseBadRequest(_("Unknown action."))
    shown = fee_services.fee_actions(period)
    if posted and posted not in shown:
        shown.append(posted)  # a stale page: show the form with the reason it was refused
    action_forms = {
        name: ACTIONS[name][0](
            request.POST if name == posted else None, prefix=name, initial=_initial(name, period)
        )
        for name in shown
    }
    if posted:
        form = action_forms[posted]
        if form.is_valid():
            try:
                ACTIONS[posted][1](period=period, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request,
                    str(SUCCESS_MESSAGES[posted]) % {"year": period.year, "city": period.city},
                )
                # Back where the person came from (the city's fees, a filtered list), when it is ours.
                return redirect(safe_next(request, _fee_list_url(period.year)))
    return render(
        request,
        "network/fees/period.html",
        {
            "period": period,
            "action_forms": action_forms,
            "entries": history_entries(period),
            "next": safe_next(request, ""),
        },
    )


@login_required
def city_fees(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_for_user(request.user, slug, perm="network.view_city_fees")
    return render(request, "network/fees/city.html", {"fees": city_fees_selector(city)})
