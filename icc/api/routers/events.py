"""Public events of the programme (icc/activities): announced public events, newest first, without a token;
the same records as the public site's /events/ pages and its iCal feed (Event.objects.public())."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from icc.activities.models import Event
from icc.activities.selectors import events as selectors
from icc.activities.services.participation import registration_open
from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    kind: str = Field(..., description="The kind's identifier, e.g. thematic_workshop.")
    kind_name: str
    title: str
    title_en: str
    title_fr: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str = Field(..., description="IANA time zone of the place, e.g. Europe/Lisbon.")
    place: str
    online_link: str
    host_city: str | None = Field(
        ..., description="The host city's name, as the event's public page shows it."
    )
    status: str = Field(..., description="published, done (held) or cancelled.")
    capacity: int | None
    places_left: int | None
    registration_open: bool
    url: str = Field(..., description="The event's public page.")


def event_out(event: Event) -> dict[str, Any]:
    taken = event.taken  # type: ignore[attr-defined]  # annotated by selectors.public_events
    return {
        "id": event.pk,
        "kind": event.kind.key,
        "kind_name": str(event.kind),
        "title": event.title,
        "title_en": event.title_en,
        "title_fr": event.title_fr or event.title_en,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "place": event.place,
        "online_link": event.online_link,
        "host_city": event.host_city.name if event.host_city is not None else None,
        "status": event.status,
        "capacity": event.capacity,
        "places_left": None if event.capacity is None else max(event.capacity - taken, 0),
        "registration_open": registration_open(event, timezone.now()),
        "url": settings.SITE_URL + reverse("public:event_detail", args=[event.pk]),
    }


@router.get("/events", response=documented({200: list[EventOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY)
@paginate(Pagination)
def list_events(request: HttpRequest, upcoming: bool = False) -> Any:
    """Public events, newest first (`upcoming=true`: those not over yet, soonest first)."""
    return Mapped(selectors.public_events(upcoming=upcoming), event_out)


@router.get(
    "/events/{event_id}",
    response=documented({200: EventOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """One public event."""
    event = selectors.public_events().filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event_out(event)
