"""Expense claims: submitted after the work with receipts, approved, corrected with a reason or returned and
submitted again; totals per expert and year; who may read a claim."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.experts.models import AssignmentStatus, ClaimStatus
from icc.experts.selectors.work import expense_totals
from icc.experts.services.expenses import claim_decide, claim_submit
from icc.notifications.models import Notification
from tests.conftest import client_for
from tests.experts.work_helpers import make_assignment, make_expert, put_on_team


def _pdf(name: str = "train.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 receipt", content_type="application/pdf")


@pytest.fixture
def done_member(erin, lyon):
    work = make_assignment(city=lyon, starts_on=datetime.date(2025, 4, 1), status=AssignmentStatus.DONE)
    return put_on_team(work, make_expert("Anna Weber", user=erin), lead=True, declared=True)


def test_a_claim_waits_for_the_end_of_the_work(erin, lyon):
    work = make_assignment(city=lyon, starts_on=datetime.date(2099, 1, 1))
    member = put_on_team(work, make_expert("Anna Weber", user=erin))
    with pytest.raises(ValidationError, match="once the work is over"):
        claim_submit(
            member=member, by=erin, travel=Decimal(100), subsistence=None, fee=None, receipts=[_pdf()]
        )


def test_a_claim_needs_an_amount_and_its_receipts(erin, done_member):
    with pytest.raises(ValidationError) as error:
        claim_submit(member=done_member, by=erin, travel=None, subsistence=None, fee=None, receipts=[_pdf()])
    assert "travel" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        claim_submit(member=done_member, by=erin, travel=Decimal(100), subsistence=None, fee=None)
    assert "receipts" in error.value.message_dict
    bad = SimpleUploadedFile("train.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        claim_submit(
            member=done_member, by=erin, travel=Decimal(100), subsistence=None, fee=None, receipts=[bad]
        )
    assert "does not contain what its extension says" in error.value.message_dict["receipts"][0]
    assert not done_member.claims.exists()


def test_the_secretariat_approves_corrects_or_returns_and_the_expert_is_told(alice, erin, done_member):
    claim = claim_submit(
        member=done_member,
        by=erin,
        travel=Decimal("230.50"),
        subsistence=Decimal("120"),
        fee=Decimal("900"),
        receipts=[_pdf()],
    )
    assert Notification.objects.filter(recipient=alice, kind="expense_claim_submitted").exists()
    with pytest.raises(ValidationError) as error:
        claim_decide(claim=claim, by=alice, status=ClaimStatus.RETURNED)
    assert "reason" in error.value.message_dict
    claim_decide(
        claim=claim, by=alice, status=ClaimStatus.RETURNED, reason_words="The hotel receipt is missing"
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED
    assert Notification.objects.filter(recipient=erin, kind="expense_claim_decided").exists()
    # Submitted again with the missing receipt; the secretariat corrects the travel with the reason.
    claim_submit(
        member=done_member,
        by=erin,
        travel=Decimal("230.50"),
        subsistence=Decimal("120"),
        fee=Decimal("900"),
        receipts=[_pdf("hotel.pdf")],
        claim=claim,
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.receipts.count() == 2
    claim_decide(
        claim=claim,
        by=alice,
        status=ClaimStatus.CORRECTED,
        reason_words="Second-class fare",
        travel=Decimal("180"),
        subsistence=Decimal("120"),
        fee=Decimal("900"),
    )
    claim.refresh_from_db()
    assert (claim.status, claim.total, claim.reason) == (
        ClaimStatus.CORRECTED,
        Decimal("1200.00"),
        "Second-class fare",
    )
    [total] = expense_totals(2025)
    assert (total.expert.full_name, total.year, total.total) == ("Anna Weber", 2025, Decimal("1200.00"))
    assert expense_totals(2024) == []


def test_only_the_expert_and_the_secretariat_read_a_claim_and_its_receipts(alice, erin, bob, done_member):
    claim = claim_submit(
        member=done_member, by=erin, travel=Decimal(50), subsistence=None, fee=None, receipts=[_pdf()]
    )
    receipt = claim.receipts.get()
    for person, expected in ((alice, 200), (erin, 200), (bob, 404)):
        assert client_for(person).get(f"/experts/claims/{claim.pk}/").status_code == expected
        assert (
            client_for(person).get(f"/experts/claims/{claim.pk}/receipts/{receipt.pk}/").status_code
            == expected
        )


def test_the_expert_submits_a_claim_through_the_page(erin, done_member):
    client = client_for(erin)
    assert "Submit a claim" in client.get("/experts/work/mine/").content.decode()
    response = client.post(
        f"/experts/work/mine/{done_member.pk}/claim/",
        {"travel": "120.00", "subsistence": "", "fee": "600", "note": "", "receipts": [_pdf()]},
    )
    assert response.status_code == 302
    claim = done_member.claims.get()
    assert claim.total == Decimal("720.00")
