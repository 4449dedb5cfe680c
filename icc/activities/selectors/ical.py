"""Events as an RFC 5545 calendar (icalendar, as the experts' feeds): the public feed of public events and
a person's own events at their private address."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from icc.activities.models import Event, EventStatus

ICAL_TYPE = "text/calendar; charset=utf-8"


def events_ical(events: Iterable[Event], *, name: str, public: bool = False) -> bytes:
    """One VEVENT per event, with a stable UID so that calendar programs update rather than add again."""
    cal = Calendar()
    cal.add("prodid", "-//Intercultural Cities//Events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "icc"
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"event-{event.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("summary", f"{event.kind}: {event.title}")
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        where = event.place or event.online_link
        if where:
            item.add("location", where)
        item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        if event.description:
            item.add("description", event.description)
        path = (
            reverse("public:event_detail", args=[event.pk])
            if public
            else reverse("activities:event_detail", args=[event.pk])
        )
        item.add("url", settings.SITE_URL + path)
        cal.add_component(item)
    return cal.to_ical()
