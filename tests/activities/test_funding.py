import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.activities.models import ClaimStatus, FundingStatus
from icc.activities.services.funding import (
    claim_decide,
    claim_pay,
    claim_submit,
    follow_up_submit,
    funding_decide,
    funding_request,
)
from icc.activities.services.registrations import registration_create
from icc.notifications.models import Notification, NotificationKind
from tests.activities.helpers import NOW, make_contact, make_event

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _registered(alice, **event_fields):
    event = make_event(**event_fields)
    return registration_create(actor=alice, event=event, contact=make_contact())


def test_a_request_above_the_ceiling_is_refused_with_the_ceiling_named(alice):
    registration = _registered(alice)
    with pytest.raises(ValidationError) as refused:
        funding_request(
            actor=None, registration=registration, travel=Decimal("500"), subsistence=Decimal("150")
        )
    message = refused.value.message_dict["travel"][0]
    assert "600.00 EUR" in message
    assert "650.00 EUR" in message


def test_the_secretariat_is_told_of_a_request_and_the_participant_of_the_decision(
    alice, django_capture_on_commit_callbacks
):
    registration = _registered(alice)
    with django_capture_on_commit_callbacks(execute=True):
        funding = funding_request(
            actor=None, registration=registration, travel=Decimal("300"), subsistence=Decimal("120")
        )
    assert Notification.objects.filter(
        recipient=alice, kind=NotificationKind.EVENT_FUNDING_REQUESTED
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        funding_decide(actor=alice, funding=funding, approve=True, travel=Decimal("280"))
    funding.refresh_from_db()
    assert funding.status == FundingStatus.APPROVED
    assert funding.approved_total == Decimal("400.00")
    # The participant has no account: an e-mail in their language, with their private page.
    assert mail.outbox[-1].to == ["ana-costa@example.org"]
    assert "/activities/me/" in mail.outbox[-1].body


def test_a_refusal_needs_a_reason(alice):
    registration = _registered(alice)
    funding = funding_request(actor=None, registration=registration, travel=Decimal("300"), subsistence=None)
    with pytest.raises(ValidationError) as refused:
        funding_decide(actor=alice, funding=funding, approve=False)
    assert "refusal_reason" in refused.value.message_dict


def test_an_event_without_funding_refuses_requests(alice):
    registration = _registered(alice, funding_ceiling=Decimal("0"))
    with pytest.raises(ValidationError):
        funding_request(actor=None, registration=registration, travel=Decimal("10"), subsistence=None)


def test_travel_details_claim_approval_and_payment(alice):
    registration = _registered(
        alice, starts_at=NOW - datetime.timedelta(days=3), ends_at=NOW - datetime.timedelta(days=2)
    )
    funding = funding_request(
        actor=None,
        registration=registration,
        travel=Decimal("300"),
        subsistence=Decimal("100"),
        now=NOW - datetime.timedelta(days=20),
    )
    funding_decide(actor=alice, funding=funding, approve=True)
    follow_up_submit(
        actor=None,
        registration=registration,
        itinerary="Train Lyon–Lisbon",
        arrival_at=NOW - datetime.timedelta(days=4),
        departure_at=NOW - datetime.timedelta(days=2),
    )
    with pytest.raises(ValidationError) as refused:
        claim_submit(actor=None, registration=registration, travel=Decimal("500"), subsistence=None)
    assert "400.00 EUR" in refused.value.message_dict["travel"][0]
    with pytest.raises(ValidationError) as no_receipt:
        claim_submit(actor=None, registration=registration, travel=Decimal("280"), subsistence=Decimal("90"))
    assert "receipts" in no_receipt.value.message_dict
    claim = claim_submit(
        actor=None,
        registration=registration,
        travel=Decimal("280"),
        subsistence=Decimal("90"),
        receipts=[SimpleUploadedFile("ticket.pdf", PDF, content_type="application/pdf")],
    )
    claim = claim_decide(actor=alice, claim=claim, approve=False, reason_words="The hotel receipt is missing")
    assert claim.status == ClaimStatus.RETURNED
    claim = claim_submit(
        actor=None,
        registration=registration,
        travel=Decimal("280"),
        subsistence=Decimal("90"),
        receipts=[SimpleUploadedFile("hotel.pdf", PDF, content_type="application/pdf")],
    )
    claim = claim_decide(actor=alice, claim=claim, approve=True)
    claim = claim_pay(actor=alice, claim=claim)
    assert claim.status == ClaimStatus.PAID
    assert claim.paid_amount == Decimal("370.00")
    assert claim.receipts.count() == 2


def test_someone_marked_absent_cannot_claim(alice):
    from icc.activities.services.participation import attendance_mark

    registration = _registered(
        alice, starts_at=NOW - datetime.timedelta(days=3), ends_at=NOW - datetime.timedelta(days=2)
    )
    funding = funding_request(
        actor=None,
        registration=registration,
        travel=Decimal("300"),
        subsistence=None,
        now=NOW - datetime.timedelta(days=20),
    )
    funding_decide(actor=alice, funding=funding, approve=True)
    attendance_mark(actor=alice, registration=registration, attended=False, now=NOW)
    with pytest.raises(ValidationError) as refused:
        claim_submit(
            actor=None,
            registration=registration,
            travel=Decimal("280"),
            subsistence=None,
            receipts=[SimpleUploadedFile("ticket.pdf", PDF, content_type="application/pdf")],
        )
    assert "marked absent" in refused.value.messages[0]
