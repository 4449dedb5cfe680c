"""The calendar and events in the back office: the list, an event's page, the organisers' pages (create,
change, status, invitations, documents, registrations with needs, attendance)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.activities.forms import (
    EVENT_FORM_FIELDS,
    DelegateForm,
    EventForm,
    EventStatusForm,
    InviteCityForm,
    InvitePersonForm,
    contact_kwargs,
)
from icc.activities.models import DocumentKind, EventDocument, Registration
from icc.activities.selectors import access
from icc.activities.selectors import events as selectors
from icc.activities.selectors.figures import event_funding, event_gender_balance, target_for
from icc.activities.services import events as event_services
from icc.activities.services import participation
from icc.activities.services.documents import document_add
from icc.activities.views import me
from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.core.models import Gender


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    organiser = access.is_organiser(request.user)
    year = _int(request.GET.get("year"))
    kind = request.GET.get("kind", "")
    upcoming = not year and not kind
    rows = list(selectors.event_list(organiser=organiser, year=year, kind=kind, upcoming=upcoming)[:300])
    return render(
        request,
        "activities/event_list.html",
        {
            "rows": rows,
            "year": year,
            "kind": kind,
            "upcoming": upcoming,
            "years": selectors.event_years(),
            "kinds": selectors.event_kinds(),
            "organiser": organiser,
        },
    )


def _event_form(request: HttpRequest, event_pk: int | None) -> HttpResponse:
    access.require_secretariat(request.user)
    event = access.get_event_for_user(request.user, event_pk, manage=True) if event_pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in EVENT_FORM_FIELDS}
        try:
            if event is None:
                kind = data.pop("kind")
                report = data.pop("report")
                event = event_services.event_create(actor=me(request), kind_key=kind.key, **data)
                if report:
                    event_services.event_update(event=event, actor=me(request), report=report)
                messages.success(request, _("The event is created as a draft: publish it when it is ready."))
            else:
                event_services.event_update(event=event, actor=me(request), **data)
                messages.success(request, _("The event is saved."))
            return redirect("activities:event_detail", event.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return render(request, "activities/event_form.html", {"form": form, "event": event})


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_form(request, None)


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_form(request, pk)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk)
    organiser = access.is_organiser(request.user)
    cities = access.cities_user_registers_for(request.user, event)
    mine = [
        r for r in selectors.own_registrations(access.contacts_of_request(request)) if r.event_id == event.pk
    ]
    context = {
        "event": event,
        "organiser": organiser,
        "places": selectors.places(event),
        "start_local": selectors.local_times(event)[0],
        "end_local": selectors.local_times(event)[1],
        "documents": list(event.documents.all()),
        "mine": mine,
        "may_register_self": access.may_register_self(request.user, event) and not mine,
        "delegate_form": DelegateForm(cities=cities, initial={"language": request.LANGUAGE_CODE})
        if cities
        else None,
        "feedback": selectors.feedback_summary(event),
        "balance": event_gender_balance(event),
        "target": target_for(event.starts_at.year, event.kind),
        "genders": Gender.choices,
    }
    if organiser:
        context.update(
            {
                "status_form": EventStatusForm(
                    allowed=event_services.EVENT_WORKFLOW.allowed_from(event.status)
                ),
                "invite_city_form": InviteCityForm(),
                "invite_person_form": InvitePersonForm(initial={"language": "en"}),
                "invited_cities": list(event.invited_cities.select_related("city")),
                "funding": event_funding(event),
                "deletion": getattr(event, "personal_data_deletion", None),
                "document_kinds": DocumentKind.choices,
                "history": history_entries(event),
            }
        )
    return render(request, "activities/event_detail.html", context)


@login_required
@require_POST
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, manage=True)
    form = EventStatusForm(request.POST, allowed=event_services.EVENT_WORKFLOW.allowed_from(event.status))
    if form.is_valid():
        try:
            event_services.event_set_status(
                event=event,
                actor=me(request),
                status=form.cleaned_data["status"],
                cancel_reason=form.cleaned_data["cancel_reason"],
            )
            messages.success(request, _("The event's status is changed."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Choose a status the event may move to."))
    return redirect("activities:event_detail", event.pk)


@login_required
@require_POST
def invite_city(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, manage=True)
    form = InviteCityForm(request.POST)
    if form.is_valid():
        try:
            told = participation.event_invite_city(
                actor=me(request), event=event, city=form.cleaned_data["city"]
            )
            messages.success(request, _("The city is invited.") + " " + told.sentence())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Choose a city."))
    return redirect("activities:event_detail", event.pk)


@login_required
def invite_person(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, manage=True)
    form = InvitePersonForm(request.POST or None, initial={"language": "en"})
    if request.method == "POST" and form.is_valid():
        try:
            registration = participation.event_invite_new_person(
                actor=me(request),
                event=event,
                city=form.cleaned_data["city"],
                **contact_kwargs(form.cleaned_data),
            )
            contact = registration.contact
            messages.success(
                request, _("%(name)s is invited, in their language.") % {"name": contact.full_name}
            )
            return redirect("activities:registrations", event.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return render(request, "activities/invite_person.html", {"event": event, "form": form})


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in person registers themselves, or a city coordinator a delegate of their city."""
    event = access.get_event_for_user(request.user, pk)
    user = me(request)
    if "delegate" in request.POST:
        cities = access.cities_user_registers_for(user, event)
        if not cities:
            raise PermissionDenied
        form = DelegateForm(request.POST, cities=cities)
        if not form.is_valid():
            return _invalid_delegate(request, event, form)
        data = form.cleaned_data
        try:
            registration = participation.delegate_register(
                actor=user,
                event=event,
                city=data["city"],
                consent=bool(data["consent"]),
                needs=data["needs"],
                show_name_publicly=data["show_name_publicly"],
                **contact_kwargs(data),
            )
            contact = registration.contact
        except ValidationError as error:
            apply_validation_error(form, error)
            return _invalid_delegate(request, event, form)
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": contact.full_name, "status": registration.get_status_display()},
        )
        return redirect("activities:event_detail", event.pk)
    if not access.may_register_self(user, event):
        raise PermissionDenied
    try:
        registration = participation.registration_for_user(user=user, event=event)
        messages.success(
            request, _("Your registration: %(status)s.") % {"status": registration.get_status_display()}
        )
        return redirect("activities:registration_detail", registration.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("activities:event_detail", event.pk)


def _invalid_delegate(request: HttpRequest, event: object, form: DelegateForm) -> HttpResponse:
    return render(request, "activities/delegate_form.html", {"event": event, "form": form}, status=400)


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers' list: every registration with its needs (organisers only), funding, claim and
    attendance."""
    event = access.get_event_for_user(request.user, pk, manage=True)
    return render(
        request,
        "activities/registrations.html",
        {"event": event, "rows": selectors.organiser_registrations(event), "places": selectors.places(event)},
    )


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, manage=True)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    value = request.POST.get("attended")
    if value not in ("yes", "no"):
        messages.error(request, _("Choose present or absent."))
    else:
        try:
            participation.attendance_mark(
                actor=me(request), registration=registration, attended=value == "yes"
            )
            messages.success(
                request, _("Attendance of %(name)s is marked.") % {"name": registration.contact.full_name}
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect("activities:registrations", event.pk)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, manage=True)
    file = request.FILES.get("file")
    try:
        document_add(event=event, actor=me(request), kind=request.POST.get("kind", ""), file=file)
        messages.success(request, _("The document is added."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("activities:event_detail", event.pk)


@login_required
def document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    event = access.get_event_for_user(request.user, pk)
    document = get_object_or_404(EventDocument, pk=document_pk, event=event)
    return attachment_response(document.file, document.name)
