"""The annual programme per year (with validation at a coordinators' meeting) and the figures: gender balance
per event, kind and year against the target, and the totals of travel funding."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.activities.forms import GenderTargetForm, ProgrammeItemForm, ProgrammeStatusForm
from icc.activities.models import COORDINATORS_MEETING, OBJECTIVES, Event, GenderTarget, ProgrammeItem
from icc.activities.selectors import access
from icc.activities.selectors.figures import balance_by_year_and_kind, funding_totals
from icc.activities.services import programme as services
from icc.activities.views import me
from icc.core.forms import apply_validation_error
from icc.core.models import Gender


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _meetings(year: int):
    return Event.objects.filter(
        kind__key=COORDINATORS_MEETING, starts_at__year__in=(year - 1, year)
    ).order_by("starts_at")


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    """Everyone signed in reads the programme; the secretariat adds items and moves them on."""
    year = _year(request)
    organiser = access.is_organiser(request.user)
    items = list(
        ProgrammeItem.objects.filter(year=year)
        .select_related("kind", "proposed_by_city", "validated_at")
        .prefetch_related("events")
        .order_by("objective", "kind__order", "pk")
    )
    form = ProgrammeItemForm(request.POST or None, initial={"year": year})
    if request.method == "POST":
        access.require_secretariat(request.user)
        if form.is_valid():
            try:
                services.programme_item_create(actor=me(request), **form.cleaned_data)
                messages.success(request, _("The activity is added to the programme as proposed."))
                return redirect(f"{request.path}?year={form.cleaned_data['year']}")
            except ValidationError as error:
                apply_validation_error(form, error)
    years = sorted(set(ProgrammeItem.objects.values_list("year", flat=True)) | {year}, reverse=True)
    return render(
        request,
        "activities/programme.html",
        {
            "year": year,
            "years": years,
            "items": items,
            "objectives": dict(OBJECTIVES),
            "organiser": organiser,
            "form": form if organiser else None,
            "status_form": ProgrammeStatusForm(meetings=_meetings(year)) if organiser else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def programme_item_status(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_secretariat(request.user)
    item = get_object_or_404(ProgrammeItem, pk=pk)
    form = ProgrammeStatusForm(request.POST, meetings=_meetings(item.year))
    if form.is_valid():
        try:
            services.programme_item_set_status(
                actor=me(request),
                item=item,
                status=form.cleaned_data["status"],
                meeting=form.cleaned_data["meeting"],
                drop_reason=form.cleaned_data["drop_reason"],
            )
            messages.success(request, _("The activity's status is changed."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    return redirect(reverse("activities:programme") + f"?year={item.year}")


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """The figures; the secretariat sets the gender balance targets here (they are data)."""
    access.require_secretariat(request.user)
    target_form = GenderTargetForm(request.POST or None)
    if request.method == "POST" and target_form.is_valid():
        try:
            services.gender_target_set(actor=me(request), **target_form.cleaned_data)
            messages.success(request, _("The target is set."))
            return redirect("activities:figures")
        except ValidationError as error:
            apply_validation_error(target_form, error)
    year = None
    if request.GET.get("year", "").isdigit():
        year = int(request.GET["year"])
    year_rows, kind_rows = balance_by_year_and_kind(year)
    per_event, per_year, per_city = funding_totals(year)
    return render(
        request,
        "activities/figures.html",
        {
            "year": year,
            "year_rows": year_rows,
            "kind_rows": kind_rows,
            "per_event": per_event,
            "per_year": per_year,
            "per_city": per_city,
            "genders": Gender.choices,
            "targets": GenderTarget.objects.select_related("kind").order_by("-from_year", "kind__order"),
            "target_form": target_form,
        },
        status=400 if target_form.errors else 200,
    )
