"""Deadline reminders for the Index: 7 days and 1 day before a response is due, each person told once
(icc.notifications; `icc send_notifications` runs this every day)."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import formats

from icc.accounts.models import CITY_ROLES, RoleKind, User
from icc.index.models import EDITABLE_STATUSES, Response, RoundStatus, SectionAssignment
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify

DAYS_BEFORE = {7: NotificationKind.DEADLINE_7_DAYS, 1: NotificationKind.DEADLINE_1_DAY}


def _people(response: Response) -> list[User]:
    """The city's coordinators and whoever was asked to answer a section (while they still work there)."""
    coordinators = User.objects.filter(
        is_active=True, roles__kind=RoleKind.CITY_COORDINATOR, roles__city_id=response.city_id
    )
    assigned = User.objects.filter(
        pk__in=SectionAssignment.objects.filter(response=response).values("user_id"),
        is_active=True,
        roles__kind__in=list(CITY_ROLES),
        roles__city_id=response.city_id,
    )
    return list((coordinators | assigned).distinct().order_by("pk"))


@transaction.atomic
def deadline_reminders_send(*, today: datetime.date) -> int:
    """Tell the people of every response still being answered in an open round whose deadline is 7 days or
    1 day away. Keyed per response, deadline and distance: a second run the same day tells nobody again."""
    told = 0
    for days, kind in DAYS_BEFORE.items():
        due = today + datetime.timedelta(days=days)
        responses = Response.objects.filter(
            round__status=RoundStatus.OPEN, status__in=list(EDITABLE_STATUSES), deadline=due
        ).select_related("city", "round")
        for response in responses:
            result = notify(
                recipients=_people(response),
                kind=kind,
                obj=response,
                context={"deadline": lambda d=response.deadline: formats.date_format(d, "DATE_FORMAT")},
                link=reverse("index:response_detail", args=[response.pk]),
                key=f"{kind}:response:{response.pk}:{response.deadline.isoformat()}",
            )
            told += len(result.people)
    return told
