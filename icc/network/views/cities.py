"""Pages of one city's record and of the list of cities."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.network.forms import CityForm, CityStatusForm, ContactForm
from icc.network.models import CITY_STATUS_WORKFLOW, CityContact
from icc.network.selectors.access import get_city_for_user
from icc.network.selectors.cities import city_list_filtered, city_page_context
from icc.network.services import cities as city_services


@login_required
def city_list(request: HttpRequest) -> HttpResponse:
    listing = city_list_filtered(request.user, request.GET)
    page = Paginator(listing.cities, 50).get_page(request.GET.get("page"))
    return render(request, "network/cities/list.html", {"listing": listing, "page": page})


@login_required
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_for_user(request.user, slug)
    return render(request, "network/cities/detail.html", city_page_context(request.user, city))


@login_required
def city_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("network.manage_register"):
        raise PermissionDenied
    form = CityForm(request.POST or None, can_see_internal=True)
    if request.method == "POST" and form.is_valid():
        try:
            city = city_services.city_create(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(city)s was added to the register as an enquiry.") % {"city": city})
            return redirect("network:city_detail", slug=city.slug)
    return render(request, "network/cities/form.html", {"form": form, "city": None})


@login_required
def city_edit(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_for_user(request.user, slug, perm="network.change_city")
    can_see_internal = request.user.has_perm("network.view_city_internal", city)
    form = CityForm(request.POST or None, instance=city, can_see_internal=can_see_internal)
    if request.method == "POST" and form.is_valid():
        try:
            city = city_services.city_update(city=city, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes to %(city)s saved.") % {"city": city})
            return redirect("network:city_detail", slug=city.slug)
    return render(request, "network/cities/form.html", {"form": form, "city": city})


@login_required
def city_status(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_for_user(request.user, slug, perm="network.manage_accession")
    allowed = [
        (state, str(CITY_STATUS_WORKFLOW.labels[state])) for state in city_services.city_status_choices(city)
    ]
    form = CityStatusForm(request.POST or None, allowed=allowed, initial={"date": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            city_services.city_change_status(city=city, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Status of %(city)s changed.") % {"city": city})
            return redirect("network:city_detail", slug=city.slug)
    return render(request, "network/cities/status.html", {"form": form, "city": city, "allowed": allowed})


@login_required
def city_history(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_for_user(request.user, slug, perm="network.view_city_internal")
    return render(
        request,
        "core/history.html",
        {"subject": city, "entries": history_entries(city), "back_url": city.get_absolute_url()},
    )


@login_required
def contact_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _contact_form(request, slug, None)


@login_required
def contact_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _contact_form(request, slug, pk)


def _contact_form(request: HttpRequest, slug: str, pk: int | None) -> HttpResponse:
    city = get_city_for_user(request.user, slug, perm="network.change_city")
    contact = get_object_or_404(CityContact, pk=pk, city=city) if pk else None
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            city_services.contact_save(city=city, contact=contact, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Contact saved."))
            return redirect("network:city_detail", slug=city.slug)
    return render(
        request, "network/cities/contact_form.html", {"form": form, "city": city, "contact": contact}
    )


@login_required
@require_POST
def contact_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    city = get_city_for_user(request.user, slug, perm="network.change_city")
    contact = get_object_or_404(CityContact, pk=pk, city=city)
    city_services.contact_delete(contact=contact, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Contact %(name)s removed.") % {"name": contact.name})
    return redirect("network:city_detail", slug=city.slug)
