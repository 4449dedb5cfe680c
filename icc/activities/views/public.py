"""Public events on the public site (/en/events/, /fr/events/): the list, an event's page with the names of
participants who chose to be listed, the registration form for open events (no account needed: a contact
with consent) and the iCal feed of all public events."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.activities.forms import SelfRegistrationForm, contact_kwargs
from icc.activities.models import Event
from icc.activities.selectors import access
from icc.activities.selectors import events as selectors
from icc.activities.selectors.ical import ICAL_TYPE, events_ical
from icc.activities.services.participation import registration_open, registration_self
from icc.activities.views import me


def _public_event(pk: int) -> Event:
    event = selectors.public_events().filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("past") == "1"
    events = selectors.public_events(upcoming=not past)
    if past:
        events = events.filter(ends_at__lt=timezone.now())
    return render(request, "activities/public/event_list.html", {"rows": list(events[:200]), "past": past})


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    now = timezone.now()
    starts, ends = selectors.local_times(event)
    form = SelfRegistrationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    open_now = registration_open(event, now)
    if request.method == "POST":
        if not open_now:
            messages.error(request, _("Registration for this event is closed."))
            return redirect("public:event_detail", event.pk)
        if form.is_valid():
            data = form.cleaned_data
            user = me(request) if request.user.is_authenticated else None
            try:
                registration, new = registration_self(
                    event=event,
                    consent=bool(data["consent"]),
                    needs=data["needs"],
                    show_name_publicly=data["show_name_publicly"],
                    user=user,
                    **contact_kwargs(data),
                )
            except ValidationError as error:
                from icc.core.forms import apply_validation_error

                apply_validation_error(form, error)
            else:
                if new or user is not None:
                    if new:
                        access.remember_contact(request, registration.contact)
                    messages.success(
                        request,
                        _("You are registered: %(status)s. We sent the confirmation to your e-mail address.")
                        % {"status": registration.get_status_display()},
                    )
                    return redirect("activities:registration_detail", registration.pk)
                messages.success(
                    request,
                    _("Registration recorded: %(status)s. The e-mail we sent has the link to your page.")
                    % {"status": registration.get_status_display()},
                )
                return redirect("public:event_detail", event.pk)
    return render(
        request,
        "activities/public/event_detail.html",
        {
            "event": event,
            "starts": starts,
            "ends": ends,
            "open_now": open_now,
            "form": form,
            "places": selectors.places(event),
            "participants": selectors.public_participants(event),
            "documents": [d for d in event.documents.all() if d.kind != "report"],
        },
        status=400 if form.errors else 200,
    )


def events_feed(request: HttpRequest) -> HttpResponse:
    body = events_ical(selectors.public_events(), name=_("Intercultural Cities: public events"), public=True)
    response = HttpResponse(body, content_type=ICAL_TYPE)
    response["Content-Disposition"] = 'inline; filename="icc-events.ics"'
    return response


def events_csv(request: HttpRequest) -> HttpResponse:
    """Open data: every public event, one row each, with how many people attended."""
    from django.db.models import Count, Q

    from icc.activities.models import RegistrationStatus
    from icc.core.exports import csv_response

    events = selectors.public_events().annotate(
        present=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.REGISTERED, registrations__attended=True),
        )
    )
    headers = [
        "id",
        "kind",
        "title_en",
        "title_fr",
        "starts_at",
        "ends_at",
        "time_zone",
        "place",
        "host_city",
        "status",
        "participants_present",
    ]
    rows = (
        [
            e.pk,
            e.kind.key,
            e.title_en,
            e.title_fr or e.title_en,
            e.starts_at,
            e.ends_at,
            e.time_zone,
            e.place,
            e.host_city.name if e.host_city else "",
            e.status,
            e.present,
        ]
        for e in events
    )
    return csv_response("icc-events.csv", headers, rows)
