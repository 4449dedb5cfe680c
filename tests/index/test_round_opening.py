"""A round opens on its opening date; opening it earlier needs the secretariat to confirm that the
opening date becomes today, and the history keeps the date it replaced."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from icc.core.history import reason_display
from icc.index.models import Round, RoundStatus
from icc.index.services.rounds import round_change_status, round_create
from tests.factories import QuestionnaireFactory

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def future_round(alice) -> Round:
    return round_create(
        name="Index 2031",
        questionnaire=QuestionnaireFactory(),
        opens_on=LATER,
        deadline=LATER + datetime.timedelta(days=90),
        by=alice,
    )


def test_opening_before_the_opening_date_asks_for_a_confirmation(alice, future_round):
    with pytest.raises(ValidationError) as exc:
        round_change_status(round=future_round, status=RoundStatus.OPEN, by=alice)

    assert "confirm that its opening date becomes today" in exc.value.message_dict["confirm_early"][0]
    future_round.refresh_from_db()
    assert future_round.status == RoundStatus.DRAFT and future_round.opens_on == LATER


def test_a_confirmed_early_opening_moves_the_opening_date_to_today_in_the_history(alice, future_round):
    round = round_change_status(round=future_round, status=RoundStatus.OPEN, by=alice, confirm_early=True)

    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN and round.opens_on == TODAY
    latest = round.history.order_by("-history_id").first()
    assert latest.history_user == alice
    assert latest.opens_on == TODAY
    assert reason_display(latest.history_change_reason) == (
        f"opened early: opening date {LATER.isoformat()} moved to {TODAY.isoformat()}"
    )


def test_the_page_asks_then_opens_early(as_alice, future_round):
    url = reverse("index:round_status", args=[future_round.pk])

    asked = as_alice.post(url, {"status": "open"})

    assert asked.status_code == 200
    page = asked.content.decode()
    assert "confirm that its opening date becomes today" in page
    assert 'name="confirm_early"' in page
    future_round.refresh_from_db()
    assert future_round.status == RoundStatus.DRAFT

    opened = as_alice.post(url, {"status": "open", "confirm_early": "on"})

    assert opened.status_code == 302
    future_round.refresh_from_db()
    assert future_round.status == RoundStatus.OPEN and future_round.opens_on == TODAY


def test_a_round_opens_on_its_opening_date_without_a_question(alice):
    round = round_create(
        name="Index 2032",
        questionnaire=QuestionnaireFactory(),
        opens_on=TODAY,
        deadline=TODAY + datetime.timedelta(days=90),
        by=alice,
    )

    round = round_change_status(round=round, status=RoundStatus.OPEN, by=alice)

    assert round.status == RoundStatus.OPEN and round.opens_on == TODAY
    assert reason_display(round.history.order_by("-history_id").first().history_change_reason) == "opened"
