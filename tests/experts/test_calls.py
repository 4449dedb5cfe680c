"""Open calls: published to the pool, answered by experts (interested, available or not), shown first among
the suggestions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from icc.experts.selectors.work import open_calls, suggestion_page
from icc.experts.services.calls import call_set_open, interest_give
from tests.conftest import client_for
from tests.experts.work_helpers import make_assignment, make_expert

LATER = datetime.date(2099, 5, 4)


def test_an_expert_answers_an_open_call_and_comes_first_in_the_suggestions(alice, erin, lyon):
    work = make_assignment(city=lyon, starts_on=LATER)
    make_expert("Aaron Abel", languages=("fr",))
    keen = make_expert("Zora Zeller", user=erin)
    client = client_for(erin)
    assert "No open call" in client.get("/experts/calls/").content.decode()
    call_set_open(assignment=work, by=alice, open_call=True)
    assert work.title in client.get("/experts/calls/").content.decode()
    response = client.post(f"/experts/calls/{work.pk}/answer/", {"available": "on", "note": "Free all week"})
    assert response.status_code == 302
    [row, *_] = suggestion_page(work).rows
    assert row.expert == keen
    assert "said they are interested and available" in row.reasons
    assert [c.interested for c in open_calls()] == [1]


def test_a_closed_call_takes_no_answer(alice, lyon):
    work = make_assignment(city=lyon, starts_on=LATER)
    expert = make_expert("Zora Zeller")
    with pytest.raises(ValidationError, match="closed"):
        interest_give(assignment=work, expert=expert, by=None, available=True)


def test_only_experts_and_the_secretariat_see_the_open_calls(alice, bob, erin):
    make_expert("Erin Expert", user=erin)
    assert client_for(alice).get("/experts/calls/").status_code == 200
    assert client_for(erin).get("/experts/calls/").status_code == 200
    assert client_for(bob).get("/experts/calls/").status_code == 404
