"""Personal data collected for an event (needs, itineraries, arrival and departure, receipts) is deleted on
the day the event sets, from the records and from their history, with a record that it was done. Run daily by
`icc activities_delete_personal_data`."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from icc.accounts.models import User
from icc.activities.models import ClaimReceipt, Event, PersonalDataDeletion, Registration

CLEARED = {"needs": "", "itinerary": "", "arrival_at": None, "departure_at": None}


@transaction.atomic
def event_personal_data_delete(
    *, event: Event, actor: User | None, now: datetime.datetime | None = None
) -> PersonalDataDeletion:
    """Delete the event's personal data now (again if more came since: the record keeps the latest run)."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(event=event)
    touched = registrations.exclude(needs="", itinerary="", arrival_at=None, departure_at=None).count()
    registrations.update(**CLEARED)
    # The history keeps every version of a record: the same fields are cleared in the old versions too.
    Registration.history.filter(event_id=event.pk).update(**CLEARED)
    receipts = list(ClaimReceipt.objects.filter(claim__registration__event=event))
    for receipt in receipts:
        transaction.on_commit(partial(receipt.file.delete, save=False))
    ClaimReceipt.objects.filter(pk__in=[r.pk for r in receipts]).delete()
    record, _created = PersonalDataDeletion.objects.update_or_create(
        event=event,
        defaults={
            "deleted_at": now,
            "deleted_by": actor,
            "registrations": touched,
            "receipts": len(receipts),
        },
    )
    return record


def personal_data_due(today: datetime.date) -> list[Event]:
    return list(
        Event.objects.filter(
            personal_data_delete_on__lte=today, personal_data_deletion__isnull=True
        ).order_by("personal_data_delete_on", "pk")
    )


def personal_data_delete_due(*, today: datetime.date | None = None) -> list[PersonalDataDeletion]:
    """Every event whose deletion day has come and whose data was not deleted yet."""
    today = today or timezone.localdate()
    return [event_personal_data_delete(event=event, actor=None) for event in personal_data_due(today)]
