"""The secretariat's pages for Index rounds: open a round, invite cities, follow and remind them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.forms import apply_validation_error
from icc.index.forms.rounds import ExtendForm, InviteForm, RoundEditForm, RoundForm, RoundStatusForm
from icc.index.selectors import rounds as round_selectors
from icc.index.selectors.access import get_round_for_user
from icc.index.services import rounds as round_services
from icc.network.models import CityStatus


def _require_manager(request: HttpRequest) -> None:
    if not request.user.has_perm("index.manage_rounds"):
        raise PermissionDenied


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    return render(request, "index/rounds/list.html", {"rows": round_selectors.round_list()})


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = round_services.round_create(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("%(round)s was created as a draft. Open it when the cities may start, then invite them.")
                % {"round": round},
            )
            return redirect("index:round_detail", pk=round.pk)
    return render(request, "index/rounds/form.html", {"form": form})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round_for_user(request.user, pk)
    return render(
        request,
        "index/rounds/detail.html",
        {
            "detail": round_selectors.round_detail(round, request.GET),
            "actions": round_selectors.status_actions(round),
        },
    )


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round_for_user(request.user, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    form = RoundEditForm(
        request.POST if which == "all" else None,
        initial={
            "name": round.name_en,
            "name_fr": "" if round.name_fr == round.name_en else round.name_fr,
            "deadline": round.deadline,
        },
    )
    extend_form = ExtendForm(
        request.POST if which == "some" else None,
        responses=round_selectors.extendable_responses(round),
        auto_id="extend_%s",  # both forms have a deadline field: keep the ids apart
    )
    if which == "all" and form.is_valid():
        try:
            round_services.round_update(round=round, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes to %(round)s saved.") % {"round": form.cleaned_data["name"]})
            return redirect("index:round_detail", pk=round.pk)
    elif which == "some" and extend_form.is_valid():
        try:
            round_services.round_extend_deadline(
                round=round,
                by=request.user,  # type: ignore[arg-type]
                deadline=extend_form.cleaned_data["deadline"],
                responses=extend_form.cleaned_data["responses"],
            )
        except ValidationError as exc:
            apply_validation_error(extend_form, exc)
        else:
            messages.success(request, _("Deadline extended for the chosen cities."))
            return redirect("index:round_detail", pk=round.pk)
    return render(
        request,
        "index/rounds/edit.html",
        {
            "round": round,
            "form": form,
            "extend_form": extend_form,
            "extendable": round_selectors.extendable_responses(round),
        },
    )


@login_required
def round_invite(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_round_for_user(request.user, pk)
    form = InviteForm(request.POST or None)
    groups = round_selectors.invite_groups(round)
    selected = {int(pk) for pk in request.POST.getlist("cities") if pk.isdigit()}
    pick = request.POST.get("pick")
    if pick in (CityStatus.MEMBER, CityStatus.CANDIDATE):
        # "All members" / "all candidates" work without JavaScript: the page comes back with them ticked.
        for group in groups:
            if group.status == pick:
                selected |= {choice.city.pk for choice in group.choices if not choice.invited}
    elif request.method == "POST" and form.is_valid():
        try:
            result = round_services.round_invite(
                round=round,
                cities=form.cleaned_data["cities"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _invite_messages(request, result)
            return redirect("index:round_detail", pk=round.pk)
    return render(
        request,
        "index/rounds/invite.html",
        {"round": round, "form": form, "groups": groups, "selected": selected},
    )


def _invite_messages(request: HttpRequest, result: round_services.InviteResult) -> None:
    messages.success(
        request,
        ngettext("%(n)s city invited", "%(n)s cities invited", result.invited) % {"n": result.invited}
        + ". "
        + result.told.sentence(),
    )
    if result.skipped:
        messages.info(
            request,
            ngettext(
                "%(n)s city was already invited and was left as it was.",
                "%(n)s cities were already invited and were left as they were.",
                result.skipped,
            )
            % {"n": result.skipped},
        )
    if result.without_coordinator:
        messages.warning(
            request,
            _(
                "No coordinator on the platform, so nobody was e-mailed: %(cities)s. "
                "Invite a coordinator from the city's page."
            )
            % {"cities": ", ".join(city.name for city in result.without_coordinator)},
        )


@login_required
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation page, naming who will be reminded; POST sends the reminders."""
    round = get_round_for_user(request.user, pk)
    if request.method != "POST":
        return render(
            request,
            "index/rounds/confirm_remind.html",
            {"round": round, "recipients": round_services.round_reminders_preview(round=round)},
        )
    try:
        told = round_services.round_send_reminders(round=round, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        (messages.success if told else messages.warning)(request, told.sentence())
    return redirect("index:round_detail", pk=round.pk)


@login_required
def round_status(request: HttpRequest, pk: int) -> HttpResponse:
    """GET ?status=closed: the confirmation page for closing, saying what closing does; POST changes it."""
    round = get_round_for_user(request.user, pk)
    if request.method != "POST":
        if request.GET.get("status") != "closed" or "closed" not in dict(
            round_selectors.status_actions(round)
        ):
            return redirect("index:round_detail", pk=round.pk)
        return render(
            request,
            "index/rounds/confirm_close.html",
            {"round": round, "still_open": list(round_selectors.extendable_responses(round))},
        )
    form = RoundStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to open or close the round."))
        return redirect("index:round_detail", pk=round.pk)
    try:
        round = round_services.round_change_status(
            round=round,
            status=form.cleaned_data["status"],
            by=request.user,  # type: ignore[arg-type]
            confirm_early=form.cleaned_data["confirm_early"],
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "confirm_early" in exc.error_dict:
            return render(
                request,
                "index/rounds/open_early.html",
                {"round": round, "status": form.cleaned_data["status"], "messages_early": exc.messages},
            )
        _error_messages(request, exc)
    else:
        messages.success(
            request,
            _("%(round)s is now %(status)s.")
            % {"round": round, "status": round.get_status_display().lower()},
        )
    return redirect("index:round_detail", pk=round.pk)
