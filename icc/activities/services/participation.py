"""Taking part: invitations (a city as a whole, or a person), the public self-registration for open events
(a contact with consent, no account needed), attendance marked on the day, and feedback afterwards."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import Role, RoleKind, User
from icc.activities.models import (
    Audience,
    Contact,
    Event,
    EventStatus,
    Feedback,
    InvitedCity,
    Registration,
    RegistrationStatus,
)
from icc.activities.services.messages import ensure_contact_key, tell_contact
from icc.activities.services.registrations import (
    contact_create,
    contact_for_user,
    registration_confirm,
    registration_create,
)
from icc.core.history import reason, record_change
from icc.network.models import City
from icc.notifications.models import NotificationKind
from icc.notifications.services import Told, notify


@transaction.atomic
def event_invite_city(*, actor: User | None, event: Event, city: City) -> Told:
    """Invite a city as a whole: its coordinators are told, in their language, and register its delegates
    (within the places per city)."""
    if event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        raise ValidationError(
            _("This event is %(status)s: nobody can be invited.") % {"status": event.get_status_display()}
        )
    if InvitedCity.objects.filter(event=event, city=city).exists():
        raise ValidationError({"city": _("%(city)s is already invited.") % {"city": city.name}})
    invitation = InvitedCity(event=event, city=city, invited_by=actor)
    invitation.full_clean()
    record_change(invitation, by=actor, reason=reason("activities.city_invited"))
    invitation.save()
    coordinators = User.objects.filter(
        pk__in=Role.objects.filter(kind=RoleKind.CITY_COORDINATOR, city=city).values("user")
    )
    return notify(
        recipients=coordinators,
        kind=NotificationKind.EVENT_INVITED,
        obj=event,
        link=reverse("activities:event_detail", args=[event.pk]),
    )


@transaction.atomic
def event_invite_person(
    *, actor: User | None, event: Event, contact: Contact, city: City | None = None
) -> Registration:
    """Invite one person: an invitation on the list, and a notice or an e-mail in their language."""
    registration = registration_create(actor=actor, event=event, contact=contact, city=city, invite=True)
    tell_contact(
        contact,
        kind=NotificationKind.EVENT_INVITED,
        obj=event,
        link_for_user=reverse("activities:event_detail", args=[event.pk]),
    )
    return registration


def registration_open(event: Event, now: datetime.datetime) -> bool:
    """Whether anyone may register themselves now: a published public event, before it starts, within the
    registration window when one is set."""
    if event.status != EventStatus.PUBLISHED or event.audience != Audience.PUBLIC or event.starts_at <= now:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return not (event.registration_closes_at and now > event.registration_closes_at)


@transaction.atomic
def registration_self(
    *,
    event: Event,
    full_name: str,
    email: str,
    consent: bool,
    organisation: str = "",
    role_title: str = "",
    country: str = "",
    language: str = "en",
    gender: str = "",
    needs: str = "",
    show_name_publicly: bool = False,
    user: User | None = None,
    now: datetime.datetime | None = None,
) -> tuple[Registration, bool]:
    """Someone registers themselves for an open event, with or without an account; beyond capacity, on the
    waiting list. Returns the registration and whether the contact is new: only then may the answering page
    open the person's registrations in that browser (for an e-mail already known, the private page's address
    goes to that e-mail only). A signed-in person registers as their account's contact."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not registration_open(event, now):
        raise ValidationError(_("Registration for this event is closed."))
    if not consent:
        errors.setdefault("consent", []).append(
            _("Tick the box to agree that we keep your data for this event: we need it to register you.")
        )
    email = (email or "").strip().lower()
    if not email:
        errors.setdefault("email", []).append(_("Give your e-mail address: the confirmation goes there."))
    if errors:
        raise ValidationError(errors)
    contact = None
    if user is not None:
        # A signed-in person registers as themselves (their account's contact), whatever e-mail was typed.
        contact = contact_for_user(user=user)
    else:
        contact = Contact.objects.filter(email=email, user=None).order_by("pk").first()
    new = contact is None
    if contact is None:
        contact = contact_create(
            actor=user,
            full_name=full_name,
            email=email,
            organisation=organisation,
            role_title=role_title,
            country=country,
            language=language,
            gender=gender,
            consent=True,
            user=user,
            now=now,
        )
    else:
        if (
            Registration.objects.filter(event=event, contact=contact)
            .exclude(status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED))
            .exists()
        ):
            raise ValidationError({"email": _("This e-mail address is already registered for this event.")})
        contact.consent_given_at = now
        record_change(contact, by=user, reason=reason("activities.consent_given"))
        contact.save()
    existing = Registration.objects.filter(event=event, contact=contact).first()
    if existing is not None:  # cancelled or declined before: registering again takes a place if one is free
        existing.needs = (needs or "").strip()
        existing.show_name_publicly = show_name_publicly
        existing.save(update_fields=["needs", "show_name_publicly"])
        registration = registration_confirm(registration=existing, actor=user, now=now)
    else:
        registration = registration_create(
            actor=user,
            event=event,
            contact=contact,
            needs=needs,
            show_name_publicly=show_name_publicly,
            now=now,
            code="activities.self_registered",
        )
    ensure_contact_key(contact)
    tell_contact(
        contact,
        kind=NotificationKind.EVENT_REGISTRATION,
        obj=event,
        link_for_user=reverse("activities:my_registrations"),
        context={"status": lambda: registration.get_status_display()},
    )
    return registration, new


@transaction.atomic
def attendance_mark(
    *, actor: User | None, registration: Registration, attended: bool, now: datetime.datetime | None = None
) -> Registration:
    """Present or absent, on the day (from the event's start). Only people holding a place are marked."""
    registration = (
        Registration.objects.select_for_update(of=("self",)).select_related("event").get(pk=registration.pk)
    )
    now = now or timezone.now()
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(
            _("Only registered participants are marked; %(name)s is %(status)s.")
            % {"name": registration.contact.full_name, "status": registration.get_status_display()}
        )
    if registration.event.starts_at.date() > now.date():
        raise ValidationError(_("Attendance is marked from the first day of the event."))
    registration.attended = attended
    registration.attendance_marked_at = now
    record_change(registration, by=actor, reason=reason("activities.attendance"))
    registration.save()
    return registration


@transaction.atomic
def feedback_give(
    *,
    actor: User | None,
    registration: Registration,
    usefulness: int | None,
    what_was_new: str = "",
) -> Feedback:
    """A participant who attended says how useful the event was (1 to 5) and what was new; once."""
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if registration.attended is not True:
        raise ValidationError(_("Feedback is asked of the participants who attended."))
    if Feedback.objects.filter(registration=registration).exists():
        raise ValidationError(_("You already gave your feedback on this event. Thank you."))
    if usefulness is None or not 1 <= usefulness <= 5:
        raise ValidationError({"usefulness": _("Choose from 1 (not useful) to 5 (very useful).")})
    feedback = Feedback(
        registration=registration, usefulness=usefulness, what_was_new=(what_was_new or "").strip()
    )
    feedback.full_clean()
    record_change(feedback, by=actor, reason=reason("activities.feedback"))
    feedback.save()
    return feedback


def _known_or_new_contact(*, actor: User | None, city: City | None, consent: bool, **fields: str) -> Contact:
    """The contact with this e-mail (an organiser or a coordinator enters people they know), or a new one."""
    email = (fields.get("email") or "").strip().lower()
    known = Contact.objects.filter(email=email).order_by("pk").first() if email else None
    if known is not None:
        return known
    return contact_create(actor=actor, city=city, consent=consent, **fields)  # type: ignore[arg-type]


@transaction.atomic
def event_invite_new_person(
    *, actor: User | None, event: Event, city: City | None, **fields: str
) -> Registration:
    """Invite a person by their details (the contact with that e-mail, if any), in their language."""
    contact = _known_or_new_contact(actor=actor, city=city, consent=False, **fields)
    return event_invite_person(actor=actor, event=event, contact=contact, city=city)


@transaction.atomic
def delegate_register(
    *,
    actor: User | None,
    event: Event,
    city: City,
    consent: bool,
    needs: str = "",
    show_name_publicly: bool = False,
    **fields: str,
) -> Registration:
    """A city coordinator registers a delegate of their city, with the delegate's consent; beyond the city's
    places or the capacity, on the waiting list."""
    if not consent:
        raise ValidationError({"consent": _("The delegate's consent is needed to register them.")})
    contact = _known_or_new_contact(actor=actor, city=city, consent=True, **fields)
    if contact.consent_given_at is None:
        contact.consent_given_at = timezone.now()
        record_change(contact, by=actor, reason=reason("activities.consent_given"))
        contact.save()
    return registration_create(
        actor=actor,
        event=event,
        contact=contact,
        city=city,
        needs=needs,
        show_name_publicly=show_name_publicly,
    )


@transaction.atomic
def registration_for_user(*, user: User, event: Event) -> Registration:
    """A signed-in person takes a place for themselves (an invitation answered, or registering again after
    cancelling); beyond capacity, on the waiting list."""
    contact = contact_for_user(user=user)
    existing = Registration.objects.filter(event=event, contact=contact).first()
    if existing is not None:
        return registration_confirm(registration=existing, actor=user)
    return registration_create(actor=user, event=event, contact=contact)
