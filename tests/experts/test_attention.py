""" "Needs you" for expert work: an expert's declarations and claims, the secretariat's claims, work without a
lead and answered open calls."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from icc.core.attention import attention_for
from icc.experts.models import AssignmentStatus, CallInterest
from icc.experts.services.expenses import claim_submit
from tests.experts.work_helpers import make_assignment, make_expert, put_on_team

WORK_KEYS = {"experts.declare", "experts.claim", "experts.claims", "experts.no_lead", "experts.call_interest"}


def _keys(user) -> dict[str, int]:
    return {item.key: item.count for item in attention_for(user) if item.key in WORK_KEYS}


def test_an_expert_is_asked_to_declare_and_then_to_claim(erin, lyon):
    expert = make_expert("Anna Weber", user=erin)
    member = put_on_team(make_assignment(city=lyon, starts_on=datetime.date(2099, 1, 1)), expert)
    assert _keys(erin) == {"experts.declare": 1}
    member.conflict_declared_at = member.created
    member.save()
    done = put_on_team(
        make_assignment(city=lyon, starts_on=datetime.date(2025, 1, 1), status=AssignmentStatus.DONE),
        expert,
        declared=True,
    )
    assert _keys(erin) == {"experts.claim": 1}
    pdf = SimpleUploadedFile("r.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    claim_submit(member=done, by=erin, travel=Decimal(10), subsistence=None, fee=None, receipts=[pdf])
    assert _keys(erin) == {}


def test_the_secretariat_sees_claims_work_without_a_lead_and_answered_calls(alice, erin, lyon):
    expert = make_expert("Anna Weber", user=erin)
    future = make_assignment(city=lyon, starts_on=datetime.date(2099, 1, 1), open_call=True)
    assert _keys(alice) == {"experts.no_lead": 1}
    CallInterest.objects.create(assignment=future, expert=expert, available=True)
    put_on_team(future, expert, lead=True)
    done = put_on_team(
        make_assignment(city=lyon, starts_on=datetime.date(2025, 1, 1), status=AssignmentStatus.DONE),
        expert,
        lead=True,
        declared=True,
    )
    pdf = SimpleUploadedFile("r.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    claim_submit(member=done, by=erin, travel=Decimal(10), subsistence=None, fee=None, receipts=[pdf])
    assert _keys(alice) == {"experts.claims": 1, "experts.call_interest": 1}
