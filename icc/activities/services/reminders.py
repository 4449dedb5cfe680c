"""Reminders a week before an event, to everyone holding a place, in their language (a notice and its e-mail,
or an e-mail with their private page for people without an account); each registration is reminded once.
Run daily by `icc activities_send_reminders`."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import formats, timezone

from icc.activities.models import EventStatus, Registration, RegistrationStatus
from icc.activities.selectors.events import local_times
from icc.activities.services.messages import tell_participant
from icc.notifications.models import NotificationKind

REMIND_DAYS_BEFORE = 7


@transaction.atomic
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind every registered participant of an event starting within a week; returns how many were told."""
    now = now or timezone.now()
    due = (
        Registration.objects.select_for_update(of=("self",))
        .filter(
            status=RegistrationStatus.REGISTERED,
            reminded_at=None,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .select_related("event__kind", "contact__user")
        .order_by("event__starts_at", "pk")
    )
    told = 0
    for registration in due:
        starts = local_times(registration.event)[0]
        told += tell_participant(
            registration=registration,
            kind=NotificationKind.EVENT_REMINDER,
            context={"day": lambda starts=starts: formats.date_format(starts, "DATE_FORMAT")},
        )
        # A queryset update: the reminder is no change of the registration worth a history row.
        Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
    return told
