"""Who may read and change what, in one place per resource; every view and the API go through these.

- Events: the secretariat organises (creates, changes, invites, sees registrations with needs, marks
  attendance, decides funding and claims). Anyone signed in reads announced events (not drafts); the public
  reads public ones (Event.objects.public()).
- A city's coordinators register delegates of their city for events open to it.
- A registration is read and acted on by its participant: the signed-in user whose contact it is, or a
  person without an account in a browser that opened their private page (its key put the contact in the
  session), and by the secretariat.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from icc.accounts.rules import require_secretariat as require_secretariat
from icc.accounts.selectors import user_roles_summary
from icc.activities.models import Audience, Contact, Event, EventStatus, InvitedCity, Registration
from icc.network.models import City

SESSION_CONTACTS = "activities_contacts"


def is_organiser(user: Any) -> bool:
    return user_roles_summary(user).secretariat


def get_event_for_user(user: Any, pk: int, *, manage: bool = False) -> Event:
    event = Event.objects.select_related("kind", "host_city", "national_network").filter(pk=pk).first()
    if event is None:
        raise Http404
    if is_organiser(user):
        return event
    if manage:
        raise PermissionDenied
    if event.status == EventStatus.DRAFT or not user.is_authenticated:
        raise Http404
    return event


def contacts_of_request(request: HttpRequest) -> list[int]:
    """The contacts the reader acts as: their account's, and those whose private page this browser opened."""
    ids = [int(pk) for pk in request.session.get(SESSION_CONTACTS, []) if str(pk).isdigit()]
    if request.user.is_authenticated:
        ids += list(Contact.objects.filter(user=request.user).values_list("pk", flat=True))
    return sorted(set(ids))


def remember_contact(request: HttpRequest, contact: Contact) -> None:
    known = [pk for pk in request.session.get(SESSION_CONTACTS, []) if pk != contact.pk]
    request.session[SESSION_CONTACTS] = [*known, contact.pk][-20:]


def get_registration_for_user(request: HttpRequest, pk: int) -> tuple[Registration, bool]:
    """The registration and whether the reader organises (the secretariat); its participant reads it too."""
    registration = Registration.objects.select_related("event__kind", "contact", "city").filter(pk=pk).first()
    if registration is None:
        raise Http404
    if is_organiser(request.user):
        return registration, True
    if registration.contact_id in contacts_of_request(request):
        return registration, False
    raise Http404


def cities_user_registers_for(user: Any, event: Event) -> list[City]:
    """The cities whose delegates `user` (a city coordinator) may register for `event`."""
    summary = user_roles_summary(user)
    ids = summary.coordinated_city_ids
    if not ids or event.status != EventStatus.PUBLISHED:
        return []
    cities = City.objects.filter(pk__in=ids)
    if event.audience == Audience.NETWORK:
        cities = cities.filter(national_network=event.national_network_id)
    elif event.audience == Audience.INVITED:
        cities = cities.filter(pk__in=InvitedCity.objects.filter(event=event).values("city"))
    return list(cities.order_by("name"))


def may_register_self(user: Any, event: Event) -> bool:
    """A signed-in person registers themselves for a published event open to them: a public one, one of
    their city's, or one they (or their city) were invited to."""
    if not user.is_authenticated or event.status != EventStatus.PUBLISHED:
        return False
    if event.audience == Audience.PUBLIC:
        return True
    summary = user_roles_summary(user)
    if event.audience == Audience.MEMBER_CITIES:
        return bool(summary.city_ids)
    if event.audience == Audience.NETWORK:
        return City.objects.filter(
            pk__in=summary.city_ids, national_network=event.national_network_id
        ).exists()
    invited_cities = InvitedCity.objects.filter(event=event, city__in=summary.city_ids).exists()
    return invited_cities or Registration.objects.filter(event=event, contact__user=user).exists()
