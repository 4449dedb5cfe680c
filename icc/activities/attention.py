"""What the programme's activities ask of each person now (icc.core.attention).

- A participant (a user with a contact record): invitations to answer, travel details to give once funding
  is approved, a reimbursement claim to submit after the event, feedback to give on an event held.
- A city coordinator: events their city is invited to with no delegate registered yet.
- The secretariat: funding requests and reimbursement claims to decide, reports due on events held.

A fixed number of queries per person (aggregates), none for the secretariat's items when the person is not
in it; a participant's items take one query to find their contact records."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from icc.activities.models import (
    ClaimStatus,
    DocumentKind,
    Event,
    EventDocument,
    EventStatus,
    Feedback,
    FundingRequest,
    FundingStatus,
    InvitedCity,
    Registration,
    RegistrationStatus,
    ReimbursementClaim,
)
from icc.core.attention import AttentionItem, contributes

REPORT_DUE_DAYS = 30  # an event's report is due this many days after it ends


def _item(key: str, n: int, label: str, url: str, oldest: Any = None, due: Any = None) -> AttentionItem:
    return AttentionItem(key=key, label=label % {"n": n}, count=n, url=url, oldest=oldest, due=due)


@contributes
def participant_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not user.is_authenticated:
        return
    now = timezone.now()
    mine = Registration.objects.filter(contact__user=user)
    approved = Exists(
        FundingRequest.objects.filter(registration=OuterRef("pk"), status=FundingStatus.APPROVED)
    )
    claimed = Exists(
        ReimbursementClaim.objects.filter(registration=OuterRef("pk")).exclude(status=ClaimStatus.RETURNED)
    )
    answered = Exists(Feedback.objects.filter(registration=OuterRef("pk")))
    counts = mine.annotate(approved=approved, claimed=claimed, answered=answered).aggregate(
        invited=Count("pk", filter=Q(status=RegistrationStatus.INVITED, event__starts_at__gt=now)),
        invited_oldest=Min("created", filter=Q(status=RegistrationStatus.INVITED, event__starts_at__gt=now)),
        follow_up=Count("pk", filter=Q(approved=True, follow_up_at=None, event__ends_at__gt=now)),
        to_claim=Count("pk", filter=Q(approved=True, claimed=False, attended=True, event__ends_at__lte=now)),
        to_claim_oldest=Min(
            "event__ends_at", filter=Q(approved=True, claimed=False, attended=True, event__ends_at__lte=now)
        ),
        feedback=Count("pk", filter=Q(attended=True, answered=False, event__status=EventStatus.DONE)),
    )
    url = reverse("activities:my_registrations")
    if counts["invited"]:
        yield _item(
            "activities.invited",
            counts["invited"],
            ngettext(
                "%(n)s invitation to an event to answer",
                "%(n)s invitations to events to answer",
                counts["invited"],
            ),
            url,
            oldest=counts["invited_oldest"],
        )
    if counts["follow_up"]:
        yield _item(
            "activities.follow_up",
            counts["follow_up"],
            ngettext(
                "Travel funding approved: give your travel details (%(n)s event)",
                "Travel funding approved: give your travel details (%(n)s events)",
                counts["follow_up"],
            ),
            url,
        )
    if counts["to_claim"]:
        yield _item(
            "activities.claim",
            counts["to_claim"],
            ngettext(
                "%(n)s event is over: claim your travel reimbursement",
                "%(n)s events are over: claim your travel reimbursements",
                counts["to_claim"],
            ),
            url,
            oldest=counts["to_claim_oldest"],
        )
    if counts["feedback"]:
        yield _item(
            "activities.feedback",
            counts["feedback"],
            ngettext(
                "%(n)s event asks for your feedback", "%(n)s events ask for your feedback", counts["feedback"]
            ),
            url,
        )


@contributes
def coordinator_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.coordinated_city_ids:
        return
    delegate = Registration.objects.filter(
        event=OuterRef("event"),
        city=OuterRef("city"),
        status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITING),
    )
    open_invitations = InvitedCity.objects.filter(
        city__in=summary.coordinated_city_ids,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=timezone.now(),
    ).filter(~Exists(delegate))
    first = open_invitations.order_by("event__starts_at").values_list("event_id", "event__starts_at").first()
    if first:
        n = open_invitations.count()
        yield _item(
            "activities.city_invited",
            n,
            ngettext(
                "Your city is invited to %(n)s event: register its delegates",
                "Your city is invited to %(n)s events: register its delegates",
                n,
            ),
            reverse("activities:event_detail", args=[first[0]]),
            due=first[1].date(),
        )


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    funding = FundingRequest.objects.filter(status=FundingStatus.REQUESTED).aggregate(
        n=Count("pk"), oldest=Min("requested_at")
    )
    if funding["n"]:
        yield _item(
            "activities.funding",
            funding["n"],
            ngettext(
                "%(n)s travel funding request to decide",
                "%(n)s travel funding requests to decide",
                funding["n"],
            ),
            reverse("activities:funding_list"),
            oldest=funding["oldest"],
        )
    claims = ReimbursementClaim.objects.filter(status=ClaimStatus.SUBMITTED).aggregate(
        n=Count("pk"), oldest=Min("submitted_at")
    )
    if claims["n"]:
        yield _item(
            "activities.claims",
            claims["n"],
            ngettext(
                "%(n)s reimbursement claim to approve or return",
                "%(n)s reimbursement claims to approve or return",
                claims["n"],
            ),
            reverse("activities:claim_list"),
            oldest=claims["oldest"],
        )
    has_report = EventDocument.objects.filter(event=OuterRef("pk"), kind=DocumentKind.REPORT)
    due_before = timezone.now() - datetime.timedelta(days=REPORT_DUE_DAYS)
    without_report = Event.objects.filter(status=EventStatus.DONE, report="", ends_at__lt=due_before).filter(
        ~Exists(has_report), ends_at__gte=due_before - datetime.timedelta(days=365)
    )
    first = without_report.order_by("ends_at").values_list("pk", "ends_at").first()
    if first:
        n = without_report.count()
        yield _item(
            "activities.report_due",
            n,
            ngettext("%(n)s event held without its report", "%(n)s events held without their reports", n),
            reverse("activities:event_detail", args=[first[0]]),
            oldest=first[1],
        )
