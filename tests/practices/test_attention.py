import datetime

from django.utils import timezone

from icc.core.attention import attention_for
from icc.practices import services
from icc.practices.models import Practice
from tests.practices.helpers import draft, published_practice


def _keys(user):
    return {item.key: item.count for item in attention_for(user)}


def test_a_proposed_practice_needs_the_secretariat_until_it_asks_then_the_city(bob, carol, alice, lyon):
    practice = draft(bob, lyon)
    assert "practices.review" not in _keys(alice)
    services.practice_propose(by=bob, practice=practice)
    assert _keys(alice)["practices.review"] == 1
    question = services.practice_ask(by=alice, practice=practice, question="Which budget?")
    assert "practices.review" not in _keys(alice)
    assert _keys(carol)["practices.questions"] == 1
    services.practice_answer(by=carol, question=question, answer="30,000 EUR")
    assert "practices.questions" not in _keys(bob)
    assert _keys(alice)["practices.review"] == 1


def test_a_stale_practice_asks_its_city_to_confirm_it(bob, alice, dave, lyon):
    practice = published_practice(bob, alice, lyon)
    old = timezone.now() - datetime.timedelta(days=4 * 365)
    Practice.objects.filter(pk=practice.pk).update(reviewed_at=old)
    assert _keys(bob)["practices.confirm"] == 1
    assert "practices.confirm" not in _keys(dave)


def test_people_without_a_part_in_it_get_nothing(erin, frank, grace):
    for person in (erin, frank, grace):
        assert not any(key.startswith("practices.") for key in _keys(person))


def test_the_daily_run_tells_the_city_once_of_a_stale_practice(bob, carol, alice, dave, lyon):
    from icc.notifications.models import Notification, NotificationKind
    from icc.notifications.services import notifications_send_due

    practice = published_practice(bob, alice, lyon)
    Practice.objects.filter(pk=practice.pk).update(
        reviewed_at=timezone.now() - datetime.timedelta(days=4 * 365)
    )
    notifications_send_due()
    notifications_send_due()  # the next day: nobody is told twice
    told = Notification.objects.filter(kind=NotificationKind.PRACTICE_TO_CONFIRM)
    assert sorted(n.recipient.email for n in told) == ["bob@example.org", "carol@example.org"]
