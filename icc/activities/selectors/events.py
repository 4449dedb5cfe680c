"""Reads of events and registrations: the calendar, an event's page, its registrations, a person's own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from icc.activities.models import (
    HOLDING_PLACE,
    Event,
    EventKind,
    Feedback,
    FundingStatus,
    Registration,
    RegistrationStatus,
)


def event_kinds() -> QuerySet[EventKind]:
    return EventKind.objects.order_by("order", "key")


def event_years() -> list[int]:
    return sorted({d.year for d in Event.objects.dates("starts_at", "year")}, reverse=True)


def event_list(
    *, organiser: bool, year: int | None = None, kind: str = "", upcoming: bool = False
) -> QuerySet[Event]:
    events = Event.objects.select_related("kind", "host_city").annotate(
        registered=Count("registrations", filter=Q(registrations__status__in=HOLDING_PLACE))
    )
    if not organiser:
        events = events.announced()  # type: ignore[attr-defined]
    if year:
        events = events.filter(starts_at__year=year)
    if kind:
        events = events.filter(kind__key=kind)
    if upcoming:
        return events.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    return events.order_by("-starts_at", "pk")


@dataclass
class Places:
    capacity: int | None
    taken: int
    waiting: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


def places(event: Event) -> Places:
    counts = Registration.objects.filter(event=event).aggregate(
        taken=Count("pk", filter=Q(status__in=HOLDING_PLACE)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    return Places(capacity=event.capacity, taken=counts["taken"], waiting=counts["waiting"])


def organiser_registrations(event: Event) -> list[Registration]:
    """Every registration of the event with what the organisers' page shows (a fixed number of queries)."""
    return list(
        Registration.objects.filter(event=event)
        .select_related("contact", "city", "funding", "claim", "feedback")
        .order_by("status", "waiting_since", "contact__full_name", "pk")
    )


def own_registrations(contact_ids: list[int]) -> list[Registration]:
    return list(
        Registration.objects.filter(contact_id__in=contact_ids)
        .select_related("event__kind", "contact", "funding", "claim", "feedback")
        .order_by("-event__starts_at", "pk")
    )


def public_participants(event: Event) -> list[str]:
    """The names on the event's public list: only those who chose to be listed, when the event allows it."""
    if not event.public_participants:
        return []
    return list(
        Registration.objects.filter(event=event, status__in=HOLDING_PLACE, show_name_publicly=True)
        .order_by("contact__full_name")
        .values_list("contact__full_name", flat=True)
    )


@dataclass
class FeedbackSummary:
    answers: int = 0
    average: float | None = None
    distribution: dict[int, int] = field(default_factory=dict)
    what_was_new: list[str] = field(default_factory=list)


def feedback_summary(event: Event) -> FeedbackSummary:
    feedback = Feedback.objects.filter(registration__event=event)
    summary = feedback.aggregate(n=Count("pk"), avg=Avg("usefulness"))
    counts = dict(feedback.values_list("usefulness").annotate(n=Count("pk")).values_list("usefulness", "n"))
    return FeedbackSummary(
        answers=summary["n"],
        average=round(summary["avg"], 1) if summary["avg"] is not None else None,
        distribution={score: counts.get(score, 0) for score in range(1, 6)},
        what_was_new=[
            text for text in feedback.exclude(what_was_new="").values_list("what_was_new", flat=True)
        ],
    )


def funding_to_decide() -> QuerySet[Registration]:
    return (
        Registration.objects.filter(funding__status=FundingStatus.REQUESTED)
        .select_related("event", "contact", "city", "funding")
        .order_by("funding__requested_at", "pk")
    )


def public_events(*, upcoming: bool = False) -> QuerySet[Event]:
    """Public events with `taken` (places held), for lists that show places left without a query per row."""
    events = (
        Event.objects.public()  # type: ignore[attr-defined]
        .select_related("kind", "host_city")
        .annotate(taken=Count("registrations", filter=Q(registrations__status__in=HOLDING_PLACE)))
    )
    if upcoming:
        return events.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    return events.order_by("-starts_at", "pk")


def local_times(event: Event) -> tuple[datetime.datetime, datetime.datetime]:
    """The start and end in the event's own time zone."""
    import zoneinfo

    try:
        zone: Any = zoneinfo.ZoneInfo(event.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)


def attended_registrations(event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED, attended=True)
