"""Events and contacts for the activities' tests, made through the services."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from icc.activities.models import Contact, Event, EventStatus
from icc.activities.services.events import event_create
from icc.activities.services.registrations import contact_create

NOW = timezone.make_aware(datetime.datetime(2026, 5, 4, 9, 0))


def make_event(**overrides: Any) -> Event:
    fields: dict[str, Any] = {
        "actor": None,
        "kind_key": "thematic_workshop",
        "title_en": "Thematic workshop on anti-rumour",
        "title_fr": "Atelier thématique sur les rumeurs",
        "starts_at": NOW + datetime.timedelta(days=30),
        "ends_at": NOW + datetime.timedelta(days=31),
        "place": "Lisbon City Hall",
        "status": EventStatus.PUBLISHED,
        "funding_ceiling": Decimal("600.00"),
    }
    fields.update(overrides)
    return event_create(**fields)


def make_contact(name: str = "Ana Costa", **overrides: Any) -> Contact:
    fields: dict[str, Any] = {
        "actor": None,
        "full_name": name,
        "email": f"{slugify(name)}@example.org",
    }
    fields["consent"] = True
    fields.update(overrides)
    return contact_create(**fields)


def make_soon_event(**overrides: Any) -> Event:
    """An event in 20 days from the real now (for what checks the clock: registration open, pages)."""
    now = timezone.now()
    return make_event(
        starts_at=now + datetime.timedelta(days=20), ends_at=now + datetime.timedelta(days=21), **overrides
    )
