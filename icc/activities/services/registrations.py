"""Contacts and registrations: who takes part, places, the waiting list.

A registration that would go beyond the event's capacity, or beyond the places of the participant's city,
goes to the waiting list; when a place frees (a cancellation), the first in line on the waiting list gets it
(for a city's place, the first of that city)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.activities.models import (
    HOLDING_PLACE,
    Contact,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from icc.core.countries import is_country_code
from icc.core.history import reason, record_change
from icc.core.workflow import Workflow
from icc.network.models import City

RS = RegistrationStatus
REGISTRATION_WORKFLOW = Workflow(
    name="registration",
    labels=dict(RS.choices),
    transitions={
        RS.INVITED: [RS.REGISTERED, RS.WAITING, RS.DECLINED, RS.CANCELLED],
        RS.REGISTERED: [RS.CANCELLED],
        RS.WAITING: [RS.REGISTERED, RS.CANCELLED],
        RS.DECLINED: [RS.REGISTERED, RS.WAITING],
        RS.CANCELLED: [RS.REGISTERED, RS.WAITING],
    },
)


def _clean_contact(contact: Contact) -> None:
    errors: dict[str, list[str]] = {}
    contact.full_name = " ".join((contact.full_name or "").split())
    contact.email = (contact.email or "").strip().lower()
    contact.country = (contact.country or "").strip().upper()
    if not contact.full_name:
        errors.setdefault("full_name", []).append(_("Give the person's full name."))
    if contact.country and not is_country_code(contact.country):
        errors.setdefault("country", []).append(
            _("“%(code)s” is not a country code: give two letters such as FR.") % {"code": contact.country}
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_create(
    *,
    actor: User | None,
    full_name: str,
    email: str = "",
    organisation: str = "",
    role_title: str = "",
    country: str = "",
    language: str = "en",
    gender: str = "",
    consent: bool = False,
    user: User | None = None,
    city: City | None = None,
    now: datetime.datetime | None = None,
) -> Contact:
    """A person who takes part. `consent`: they agreed that the platform keeps their data (dated now)."""
    contact = Contact(
        full_name=full_name,
        email=email,
        organisation=(organisation or "").strip(),
        role_title=(role_title or "").strip(),
        country=country,
        language=language,
        gender=gender,
        consent_given_at=(now or timezone.now()) if consent else None,
        user=user,
        city=city,
    )
    _clean_contact(contact)
    contact.full_clean()
    record_change(contact, by=actor, reason=reason("activities.contact_created"))
    contact.save()
    return contact


@transaction.atomic
def contact_for_user(*, user: User, city: City | None = None) -> Contact:
    """The contact record of a platform user, made from their account the first time they take part."""
    contact = Contact.objects.filter(user=user).order_by("pk").first()
    if contact is not None:
        return contact
    return contact_create(
        actor=user,
        full_name=user.full_name or user.email,
        email=user.email,
        language=user.language,
        user=user,
        city=city,
    )


def _places_taken(event: Event, *, city: City | None, exclude: Registration | None = None) -> tuple[int, int]:
    """Places held in all, and by `city` (0 without one)."""
    held = Registration.objects.filter(event=event, status__in=HOLDING_PLACE)
    if exclude is not None and exclude.pk:
        held = held.exclude(pk=exclude.pk)
    in_all = held.count()
    for_city = held.filter(city=city).count() if city is not None else 0
    return in_all, for_city


def place_free(event: Event, *, city: City | None, exclude: Registration | None = None) -> bool:
    """Whether one more person (of `city`) may hold a place: within the capacity and the city's places."""
    in_all, for_city = _places_taken(event, city=city, exclude=exclude)
    if event.capacity is not None and in_all >= event.capacity:
        return False
    return not (city is not None and event.places_per_city is not None and for_city >= event.places_per_city)


def _lock_event(event: Event) -> Event:
    # One registration at a time per event, so two people never take the last place together.
    return Event.objects.select_for_update(of=("self",)).get(pk=event.pk)


@transaction.atomic
def registration_create(
    *,
    actor: User | None,
    event: Event,
    contact: Contact,
    city: City | None = None,
    invite: bool = False,
    needs: str = "",
    show_name_publicly: bool = False,
    now: datetime.datetime | None = None,
    code: str = "activities.registered",
) -> Registration:
    """Register `contact` (or, with `invite`, invite them) to `event`. Beyond the capacity or the city's
    places a registration goes to the waiting list. The participant's city defaults to the contact's."""
    event = _lock_event(event)
    now = now or timezone.now()
    if event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        raise ValidationError(
            _("This event is %(status)s: nobody can register any more.")
            % {"status": event.get_status_display()}
        )
    if Registration.objects.filter(event=event, contact=contact).exists():
        raise ValidationError(
            {"contact": _("%(name)s is already on this event's list.") % {"name": contact.full_name}}
        )
    city = city if city is not None else contact.city
    registration = Registration(
        event=event,
        contact=contact,
        city=city,
        needs=(needs or "").strip(),
        show_name_publicly=show_name_publicly,
        invited_by=actor if invite else None,
    )
    if invite:
        registration.status = RS.INVITED
        code = "activities.invited"
    elif place_free(event, city=city):
        registration.status = RS.REGISTERED
        registration.registered_at = now
    else:
        registration.status = RS.WAITING
        registration.waiting_since = now
        code = "activities.waiting"
    registration.full_clean()
    record_change(registration, by=actor, reason=reason(code))
    registration.save()
    return registration


@transaction.atomic
def registration_confirm(
    *, registration: Registration, actor: User | None, now: datetime.datetime | None = None
) -> Registration:
    """An invited (or declined, cancelled) person takes a place, or a place on the waiting list when full."""
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        raise ValidationError(
            _("This event is %(status)s: nobody can register any more.")
            % {"status": event.get_status_display()}
        )
    now = now or timezone.now()
    if place_free(event, city=registration.city, exclude=registration):
        REGISTRATION_WORKFLOW.check(registration.status, RS.REGISTERED)
        registration.status = RS.REGISTERED
        registration.registered_at = now
        registration.waiting_since = None
        code = reason("activities.registered")
    else:
        REGISTRATION_WORKFLOW.check(registration.status, RS.WAITING)
        registration.status = RS.WAITING
        registration.waiting_since = now
        code = reason("activities.waiting")
    registration.full_clean()
    record_change(registration, by=actor, reason=code)
    registration.save()
    return registration


def promote_waiting(event: Event, *, actor: User | None, now: datetime.datetime) -> list[Registration]:
    """Give freed places to the waiting list, first in line first, as far as capacity and cities allow."""
    promoted = []
    waiting = list(
        Registration.objects.select_for_update(of=("self",))
        .filter(event=event, status=RS.WAITING)
        .order_by("waiting_since", "pk")
    )
    for registration in waiting:
        if event.capacity is not None and _places_taken(event, city=None)[0] >= event.capacity:
            break
        if not place_free(event, city=registration.city):
            continue
        registration.status = RS.REGISTERED
        registration.registered_at = now
        registration.waiting_since = None
        record_change(registration, by=actor, reason=reason("activities.promoted"))
        registration.save()
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_cancel(
    *,
    registration: Registration,
    actor: User | None,
    decline: bool = False,
    now: datetime.datetime | None = None,
) -> list[Registration]:
    """The person cancels (or, invited, declines); a place they held goes to the waiting list. Returns the
    registrations promoted from the waiting list."""
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    target = RS.DECLINED if decline else RS.CANCELLED
    REGISTRATION_WORKFLOW.check(registration.status, target)
    held = registration.status in HOLDING_PLACE
    registration.status = target
    registration.waiting_since = None
    record_change(registration, by=actor, reason=reason("activities.registration_status", status=target))
    registration.save()
    if not held or event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        return []
    return promote_waiting(event, actor=actor, now=now or timezone.now())


@transaction.atomic
def contact_key_renew(*, contact: Contact, actor: User | None) -> str:
    """A new private key for the person's own page and calendar feed; the old address stops working at once
    (for an address shared by mistake)."""
    import secrets

    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    contact.calendar_token = secrets.token_urlsafe(32)
    record_change(contact, by=actor, reason=reason("activities.calendar_key"))
    contact.save()
    return contact.calendar_token
