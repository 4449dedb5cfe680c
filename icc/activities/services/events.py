"""Events: create, change, publish, cancel, mark held; the workflow of their status."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.activities.models import (
    Audience,
    Event,
    EventKind,
    EventStatus,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
)
from icc.activities.services.messages import tell_participant
from icc.activities.services.registrations import promote_waiting
from icc.core.history import reason, record_change
from icc.core.workflow import Workflow
from icc.network.models import City, NationalNetwork
from icc.notifications.models import NotificationKind

EVENT_WORKFLOW = Workflow(
    name="event",
    labels=dict(EventStatus.choices),
    transitions={
        EventStatus.DRAFT: [EventStatus.PUBLISHED, EventStatus.CANCELLED],
        EventStatus.PUBLISHED: [EventStatus.DONE, EventStatus.CANCELLED],
        EventStatus.DONE: [],
        EventStatus.CANCELLED: [],
    },
)
MAX_AMOUNT = Decimal("99999999.99")
EVENT_FIELDS = (
    "kind",
    "title_en",
    "title_fr",
    "description_en",
    "description_fr",
    "starts_at",
    "ends_at",
    "time_zone",
    "place",
    "online_link",
    "host_city",
    "national_network",
    "audience",
    "capacity",
    "places_per_city",
    "registration_opens_at",
    "registration_closes_at",
    "funding_ceiling",
    "personal_data_delete_on",
    "public_participants",
    "report",
    "programme_item",
)


def _validate(event: Event) -> None:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    event.title_en = " ".join((event.title_en or "").split())
    event.title_fr = " ".join((event.title_fr or "").split())
    if not event.title_en:
        add("title_en", _("Give the event an English title, e.g. “Thematic workshop on anti-rumour”."))
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        add("ends_at", _("The event ends before it starts. Give an end on or after its start."))
    if event.time_zone not in zoneinfo.available_timezones():
        add(
            "time_zone",
            _("“%(zone)s” is not a time zone. Give one such as Europe/Paris.") % {"zone": event.time_zone},
        )
    if event.audience == Audience.NETWORK and not event.national_network_id:
        add("national_network", _("The audience is a national network: choose the network."))
    if event.audience != Audience.NETWORK and event.national_network_id:
        add("national_network", _("Choose a national network only when the audience is that network."))
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes < opens:
        add("registration_closes_at", _("Registration closes before it opens. Give a later closing time."))
    if closes and event.ends_at and closes > event.ends_at:
        add("registration_closes_at", _("Registration closes after the event ends. Close it by the end."))
    if event.capacity is not None and event.places_per_city and event.places_per_city > event.capacity:
        add(
            "places_per_city",
            _("More places per city than places in all: give at most %(n)s.") % {"n": event.capacity},
        )
    if event.capacity == 0:
        add("capacity", _("Give at least one place, or leave the capacity empty for no limit."))
    if event.places_per_city == 0:
        add("places_per_city", _("Give at least one place per city, or leave it empty for no limit."))
    ceiling = event.funding_ceiling
    if ceiling is None or ceiling < 0 or ceiling > MAX_AMOUNT:
        add("funding_ceiling", _("Give an amount in euros from 0 to 99,999,999.99."))
    if (
        event.personal_data_delete_on
        and event.ends_at
        and event.personal_data_delete_on < event.ends_at.date()
    ):
        add(
            "personal_data_delete_on",
            _("Personal data is needed until the event ends: give a day on or after %(day)s.")
            % {"day": event.ends_at.date().isoformat()},
        )
    if errors:
        raise ValidationError(errors)


def event_kind(key: str) -> EventKind:
    try:
        return EventKind.objects.get(key=key)
    except EventKind.DoesNotExist:
        raise ValidationError({"kind": _("“%(key)s” is not a kind of event.") % {"key": key}}) from None


@transaction.atomic
def event_create(
    *,
    actor: User | None,
    kind_key: str,
    title_en: str,
    title_fr: str = "",
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    description_en: str = "",
    description_fr: str = "",
    time_zone: str = "Europe/Paris",
    place: str = "",
    online_link: str = "",
    host_city: City | None = None,
    national_network: NationalNetwork | None = None,
    audience: str = Audience.MEMBER_CITIES,
    capacity: int | None = None,
    places_per_city: int | None = None,
    registration_opens_at: datetime.datetime | None = None,
    registration_closes_at: datetime.datetime | None = None,
    funding_ceiling: Decimal = Decimal("0.00"),
    personal_data_delete_on: datetime.date | None = None,
    public_participants: bool = False,
    programme_item: ProgrammeItem | None = None,
    status: str = EventStatus.DRAFT,
) -> Event:
    """A new event, a draft unless `status` says published. Without a deletion day, personal data is kept
    until 90 days after the event (the secretariat may set another day)."""
    if status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise ValidationError({"status": _("A new event is a draft or published.")})
    event = Event(
        kind=event_kind(kind_key),
        title_en=title_en,
        title_fr=title_fr,
        description_en=description_en,
        description_fr=description_fr,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        place=(place or "").strip(),
        online_link=(online_link or "").strip(),
        host_city=host_city,
        national_network=national_network,
        audience=audience,
        capacity=capacity,
        places_per_city=places_per_city,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        funding_ceiling=funding_ceiling,
        personal_data_delete_on=personal_data_delete_on,
        public_participants=public_participants,
        programme_item=programme_item,
        status=status,
        created_by=actor,
    )
    if event.personal_data_delete_on is None and ends_at:
        event.personal_data_delete_on = ends_at.date() + datetime.timedelta(days=90)
    _validate(event)
    event.full_clean()
    record_change(event, by=actor, reason=reason("activities.event_created"))
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, actor: User | None, **fields: Any) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown event fields {sorted(unknown)}")
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event is cancelled: it cannot be changed."))
    for name, value in fields.items():
        setattr(event, name, value)
    _validate(event)
    event.full_clean()
    record_change(event, by=actor, reason=reason("activities.event_changed"))
    event.save()
    if event.status == EventStatus.PUBLISHED:
        # More places (or no limit any more): the waiting list gets them, first in line first.
        promote_waiting(event, actor=actor, now=timezone.now())
    return event


@transaction.atomic
def event_set_status(*, event: Event, actor: User | None, status: str, cancel_reason: str = "") -> Event:
    """Publish, mark held or cancel, as the workflow allows; cancelling needs a reason."""
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    EVENT_WORKFLOW.check(event.status, status)
    code = reason("activities.event_status", status=status)
    if status == EventStatus.CANCELLED:
        words = " ".join((cancel_reason or "").split())
        if not words:
            raise ValidationError(
                {"cancel_reason": _("Say why the event is cancelled; participants will read it.")}
            )
        event.cancel_reason = words
        code = reason("activities.event_cancelled", words=words)
    event.status = status
    event.full_clean()
    record_change(event, by=actor, reason=code)
    event.save()
    if status == EventStatus.CANCELLED:
        for registration in _registrations(event, RegistrationStatus.REGISTERED, RegistrationStatus.WAITING):
            tell_participant(
                registration=registration,
                kind=NotificationKind.EVENT_CANCELLED,
                context={"reason": event.cancel_reason},
            )
    elif status == EventStatus.DONE:
        # Feedback opens once the event is held: those marked present are asked for it.
        for registration in _registrations(event, RegistrationStatus.REGISTERED).filter(attended=True):
            tell_participant(registration=registration, kind=NotificationKind.EVENT_FEEDBACK_OPEN)
    return event


def _registrations(event: Event, *statuses: str) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event, status__in=statuses).select_related(
        "contact__user", "event"
    )
