"""Notifications on every hand-off: the matrix (event x recipient x channel), preferences, the e-mail's
language, pages that say who was told (or that nobody could be), the daily command, the list and the API."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from icc.accounts.models import Role, RoleKind
from icc.index.services import review
from icc.index.services.deadlines import deadline_reminders_send
from icc.index.services.responses import response_submit, section_assign
from icc.index.services.rounds import round_invite, round_send_reminders
from icc.index.structure import structure_of
from icc.network.services.networks import plan_create, plan_decide, plan_submit
from icc.notifications.models import Delivery, Notification, NotificationKind, NotificationPreference
from icc.notifications.services import digest_send, notify, preferences_set
from icc.reports.services.drafts import report_assign_experts, report_generate_draft, report_share_with_city
from icc.reports.services.publishing import report_publish
from tests.api.conftest import Api, token_for
from tests.conftest import client_for
from tests.index.helpers import fill_and_submit
from tests.reports.flow_helpers import quick_pdf

__all__ = ["quick_pdf"]


def _first_area(response: Any) -> str:
    return structure_of(response.round.questionnaire).areas[0].id


def _first_question(response: Any) -> str:
    return structure_of(response.round.questionnaire).areas[0].questions[0].question.id


def _plan(fx: dict[str, Any]) -> Any:
    return plan_create(network=fx["rici"], by=fx["frank"], kind="action_plan", year=2026, title="RICI 2026",
                       summary="Six anti-rumours campaigns.")  # fmt: skip


def _report(fx: dict[str, Any]) -> Any:
    lyon, _porto = fx["scored"]
    return report_generate_draft(response=lyon, by=fx["alice"])


# Each event: (fixtures it needs, setup returning what the event acts on, the event, who must be told, kind).
Event = tuple[list[str], Callable[[dict[str, Any]], Any], Callable[[dict[str, Any], Any], Any], str, str]

EVENTS: dict[str, Event] = {
    "a section assigned": (
        ["lyon_response", "bob", "carol"],
        lambda fx: fx["lyon_response"],
        lambda fx, r: section_assign(response=r, area=_first_area(r), user=fx["carol"], by=fx["bob"]),
        "carol",
        NotificationKind.SECTION_ASSIGNED,
    ),
    "a response submitted": (
        ["lyon_response", "bob", "alice"],
        lambda fx: fx["lyon_response"],
        lambda fx, r: fill_and_submit(r, "Lyon"),
        "alice",
        NotificationKind.RESPONSE_SUBMITTED,
    ),
    "a response resubmitted": (
        ["lyon_response", "bob", "alice"],
        lambda fx: review.response_return(
            response=fill_and_submit(fx["lyon_response"], "Lyon"), by=fx["alice"], note="Add sources."
        ),
        lambda fx, r: response_submit(response=r, by=fx["bob"]),
        "alice",
        NotificationKind.RESPONSE_SUBMITTED,
    ),
    "a question from the secretariat": (
        ["lyon_response", "bob", "alice"],
        lambda fx: fill_and_submit(fx["lyon_response"], "Lyon"),
        lambda fx, r: review.thread_open(
            response=r, question=_first_question(r), body="Source?", by=fx["alice"]
        ),
        "bob",
        NotificationKind.REVIEW_QUESTION,
    ),
    "a comment answered by the city": (
        ["lyon_response", "bob", "alice"],
        lambda fx: review.thread_open(
            response=fill_and_submit(fx["lyon_response"], "Lyon"),
            question=_first_question(fx["lyon_response"]),
            body="Source?",
            by=fx["alice"],
        ),
        lambda fx, thread: review.comment_add(thread=thread, body="The 2025 council minutes.", by=fx["bob"]),
        "alice",
        NotificationKind.COMMENT_ANSWERED,
    ),
    "a response returned": (
        ["lyon_response", "bob", "alice"],
        lambda fx: fill_and_submit(fx["lyon_response"], "Lyon"),
        lambda fx, r: review.response_return(response=r, by=fx["alice"], note="Add sources."),
        "bob",
        NotificationKind.RESPONSE_RETURNED,
    ),
    "a response validated": (
        ["lyon_response", "bob", "alice"],
        lambda fx: fill_and_submit(fx["lyon_response"], "Lyon"),
        lambda fx, r: review.response_validate(response=r, by=fx["alice"]),
        "bob",
        NotificationKind.RESPONSE_VALIDATED,
    ),
    "an expert assigned": (
        ["scored", "alice", "erin", "quick_pdf"],
        _report,
        lambda fx, report: report_assign_experts(report=report, experts=[fx["erin"]], by=fx["alice"]),
        "erin",
        NotificationKind.EXPERT_ASSIGNED,
    ),
    "a report shared with the city": (
        ["scored", "alice", "bob", "quick_pdf"],
        _report,
        lambda fx, report: report_share_with_city(report=report, by=fx["alice"]),
        "bob",
        NotificationKind.REPORT_SHARED,
    ),
    "a plan submitted": (
        ["rici", "frank", "alice"],
        _plan,
        lambda fx, plan: plan_submit(plan=plan, by=fx["frank"]),
        "alice",
        NotificationKind.PLAN_SUBMITTED,
    ),
    "a plan approved": (
        ["rici", "frank", "alice"],
        lambda fx: plan_submit(plan=_plan(fx), by=fx["frank"]),
        lambda fx, plan: plan_decide(plan=plan, by=fx["alice"], decision="approved"),
        "frank",
        NotificationKind.PLAN_APPROVED,
    ),
    "a plan returned": (
        ["rici", "frank", "alice"],
        lambda fx: plan_submit(plan=_plan(fx), by=fx["frank"]),
        lambda fx, plan: plan_decide(
            plan=plan, by=fx["alice"], decision="returned", comments="Add a budget."
        ),
        "frank",
        NotificationKind.PLAN_RETURNED,
    ),
    "a deadline in 7 days": (
        ["lyon_response", "bob"],
        lambda fx: fx["lyon_response"],
        lambda fx, r: deadline_reminders_send(today=r.deadline - datetime.timedelta(days=7)),
        "bob",
        NotificationKind.DEADLINE_7_DAYS,
    ),
    "a deadline in 1 day": (
        ["lyon_response", "bob"],
        lambda fx: fx["lyon_response"],
        lambda fx, r: deadline_reminders_send(today=r.deadline - datetime.timedelta(days=1)),
        "bob",
        NotificationKind.DEADLINE_1_DAY,
    ),
    "a city invited to a round": (
        ["index_round", "lyon", "alice", "bob"],
        lambda fx: fx["index_round"],
        lambda fx, round: round_invite(round=round, cities=[fx["lyon"]], by=fx["alice"]),
        "bob",
        NotificationKind.ROUND_INVITED,
    ),
    "a reminder sent by the secretariat": (
        ["lyon_response", "alice", "bob"],
        lambda fx: fx["lyon_response"],
        lambda fx, r: round_send_reminders(round=r.round, by=fx["alice"]),
        "bob",
        NotificationKind.ROUND_REMINDER,
    ),
    "a report published": (
        ["scored", "alice", "bob", "quick_pdf"],
        _report,
        lambda fx, report: report_publish(report=report, by=fx["alice"]),
        "bob",
        NotificationKind.REPORT_PUBLISHED,
    ),
}


@pytest.mark.parametrize("channel", [Delivery.IMMEDIATE, Delivery.DIGEST, Delivery.OFF])
@pytest.mark.parametrize("event", list(EVENTS))
def test_the_notification_matrix(request, db, event, channel, django_capture_on_commit_callbacks):
    needs, setup, act, recipient_name, kind = EVENTS[event]
    fx = {name: request.getfixturevalue(name) for name in needs}
    with django_capture_on_commit_callbacks(execute=True):
        target = setup(fx)
    recipient = fx[recipient_name]
    preferences_set(user=recipient, choices={kind: channel}, by=recipient)
    Notification.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(fx, target)

    notices = list(Notification.objects.filter(recipient=recipient, kind=kind))
    mails_to_them = [m for m in mail.outbox if m.to == [recipient.email]]
    if channel == Delivery.OFF:
        assert notices == [] and mails_to_them == []
        return
    assert len(notices) == 1 and notices[0].read_at is None
    assert notices[0].link.startswith("/")
    if channel == Delivery.IMMEDIATE:
        assert [m.subject for m in mails_to_them] == [notices[0].title]
        assert "http://" in mails_to_them[0].body and notices[0].link.split("#")[0] in mails_to_them[0].body
    else:
        assert mails_to_them == []
        with django_capture_on_commit_callbacks(execute=True):
            assert digest_send() == 1
        digest = [m for m in mail.outbox if m.to == [recipient.email]]
        assert len(digest) == 1 and notices[0].title in digest[0].body


def test_a_digest_batches_a_days_notices_in_one_e_mail_and_never_twice(
    alice, lyon_response, porto_response, django_capture_on_commit_callbacks
):
    preferences_set(user=alice, choices={NotificationKind.RESPONSE_SUBMITTED: Delivery.DIGEST}, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        fill_and_submit(lyon_response, "Lyon")
        fill_and_submit(porto_response, "Porto")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notifications", stdout=None)
        call_command("send_notifications", stdout=None)
    assert len(mail.outbox) == 1
    assert "2 things need you" in mail.outbox[0].subject
    assert "Lyon" in mail.outbox[0].body and "Porto" in mail.outbox[0].body


def test_deadline_reminders_are_sent_once_however_often_the_command_runs(
    bob, carol, lyon_response, django_capture_on_commit_callbacks
):
    section_assign(response=lyon_response, area=_first_area(lyon_response), user=carol, by=bob)
    mail.outbox.clear()
    today = lyon_response.deadline - datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send(today=today) == 2
        assert deadline_reminders_send(today=today) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.org", "carol@example.org"]
    assert "Due in 7 days" in mail.outbox[0].subject


def test_the_e_mail_and_the_notice_are_in_the_recipients_language(
    rici, frank, alice, django_capture_on_commit_callbacks
):
    frank.language = "fr"
    frank.save()
    plan = plan_submit(plan=_plan({"rici": rici, "frank": frank}), by=frank)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan_decide(plan=plan, by=alice, decision="returned", comments="Ajoutez un budget.")
    (message,) = mail.outbox
    assert message.subject.startswith("Renvoyé avec des commentaires")
    assert "Bonjour Frank Rossi" in message.body and "Ajoutez un budget." in message.body
    assert Notification.objects.get(recipient=frank).title == message.subject


def test_approving_the_plan_of_a_network_without_coordinators_says_nobody_could_be_told(
    rici, frank, alice, django_capture_on_commit_callbacks
):
    plan = plan_submit(plan=_plan({"rici": rici, "frank": frank}), by=frank)
    Role.objects.filter(user=frank, kind=RoleKind.NETWORK_COORDINATOR).delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(
            f"/manage/networks/rici/plans/{plan.pk}/decide/",
            {"decision": "approved", "comments": ""},
            follow=True,
        )
    assert "Nobody could be told" in page.text
    assert "have been told by e-mail" not in page.text
    assert mail.outbox == []


def test_a_page_names_who_was_told(lyon_response, bob, alice, django_capture_on_commit_callbacks):
    fill_and_submit(lyon_response, "Lyon")
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(
            f"/index/responses/{lyon_response.pk}/return/", {"note": "Add sources."}, follow=True
        )
    assert "Told: Bob Durand." in page.text
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]


def test_assigning_a_section_names_who_was_told(
    lyon_response, bob, carol, django_capture_on_commit_callbacks
):
    area = _first_area(lyon_response)
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(bob).post(
            f"/index/responses/{lyon_response.pk}/assign/", {"area": area, "user": carol.pk}, follow=True
        )
    assert "Told: Carol Petit." in page.text
    assert [m.to for m in mail.outbox] == [["carol@example.org"]]


def test_people_who_turned_a_kind_off_are_not_claimed_as_told(
    lyon_response, bob, alice, django_capture_on_commit_callbacks
):
    preferences_set(user=bob, choices={NotificationKind.RESPONSE_RETURNED: Delivery.OFF}, by=bob)
    fill_and_submit(lyon_response, "Lyon")
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(
            f"/index/responses/{lyon_response.pk}/return/", {"note": "Add sources."}, follow=True
        )
    assert "Nobody could be told" in page.text and mail.outbox == []


def test_the_header_counts_unread_notices_and_opening_one_reads_it(alice, grace):
    notify(recipients=[grace, alice], kind=NotificationKind.PLAN_SUBMITTED, obj="RICI 2026", link="/manage/")
    notify(recipients=[grace], kind=NotificationKind.PLAN_APPROVED, obj="RICI 2026", link="/manage/networks/")
    as_grace = client_for(grace)
    page = as_grace.get("/notifications/")
    assert '<span class="badge" data-unread-count>2</span>' in page.text
    assert "For approval: RICI 2026" in page.text and "Approved: RICI 2026" in page.text
    notice = Notification.objects.get(recipient=grace, kind=NotificationKind.PLAN_APPROVED)
    assert as_grace.post(f"/notifications/{notice.pk}/").url == "/manage/networks/"
    assert "data-unread-count>1<" in as_grace.get("/notifications/").text
    # Nobody opens another person's notice.
    other = Notification.objects.get(recipient=alice)
    assert as_grace.post(f"/notifications/{other.pk}/").status_code == 404
    as_grace.post("/notifications/read/")
    assert "data-unread-count" not in as_grace.get("/notifications/").text
    assert Notification.objects.get(recipient=alice).read_at is None


def test_preferences_are_saved_per_kind_with_history(grace):
    as_grace = client_for(grace)
    choices = {kind: Delivery.IMMEDIATE for kind in NotificationKind.values}
    choices[NotificationKind.PLAN_APPROVED] = Delivery.DIGEST
    choices[NotificationKind.DEADLINE_1_DAY] = Delivery.OFF
    response = as_grace.post("/notifications/preferences/", choices, follow=True)
    assert "Your notification preferences are saved." in response.text
    stored = dict(NotificationPreference.objects.filter(user=grace).values_list("kind", "delivery"))
    assert stored == {NotificationKind.PLAN_APPROVED: "digest", NotificationKind.DEADLINE_1_DAY: "off"}
    history = NotificationPreference.history.filter(user=grace).first()
    assert history.history_user == grace and history.history_change_reason
    refused = as_grace.post(
        "/notifications/preferences/", {**choices, NotificationKind.PLAN_APPROVED: "weekly"}
    )
    assert refused.status_code == 200 and "Select a valid choice" in refused.text
    assert "There is a problem" in refused.text  # the error summary, linking to the field
    assert (
        NotificationPreference.objects.get(user=grace, kind=NotificationKind.PLAN_APPROVED).delivery
        == "digest"
    )


def test_the_api_lists_the_token_owners_notices_and_marks_them_read(alice, grace):
    notify(recipients=[grace], kind=NotificationKind.PLAN_SUBMITTED, obj="RICI 2026", link="/manage/")
    notify(recipients=[alice], kind=NotificationKind.PLAN_SUBMITTED, obj="Other", link="/manage/")
    api = Api(token_for(grace))
    status, body, _ = api.get("/me/notifications")
    assert status == 200 and body["count"] == 1
    (item,) = body["items"]
    assert item["title"] == "For approval: RICI 2026" and item["link"].endswith("/manage/")
    status, body, _ = api.post("/me/notifications/read", {"ids": [item["id"]]})
    assert status == 200 and body == {"marked": 1, "unread": 0}
    assert api.get("/me/notifications", unread="true")[1]["count"] == 0
    status, _, _ = Api(token_for(grace, read_only=True)).post("/me/notifications/read", {})
    assert status == 403
    assert Notification.objects.get(recipient=alice).read_at is None


def test_a_reminder_the_person_turned_off_is_not_sent_and_the_page_says_so(
    alice, bob, lyon_response, django_capture_on_commit_callbacks
):
    preferences_set(user=bob, choices={NotificationKind.ROUND_REMINDER: Delivery.OFF}, by=bob)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(f"/index/rounds/{lyon_response.round_id}/remind/", follow=True)
    assert "Nobody could be told" in page.text
    assert "Not told, as they turned these notices off: Bob Durand." in page.text
    assert mail.outbox == [] and not Notification.objects.filter(recipient=bob).exists()


def test_inviting_a_city_says_who_was_told(alice, bob, lyon, index_round, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(
            f"/index/rounds/{index_round.pk}/invite/", {"cities": [lyon.pk]}, follow=True
        )
    assert "1 city invited. Told: Bob Durand." in page.text
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Lyon" in mail.outbox[0].subject


def test_publishing_a_report_says_who_was_told(
    scored, alice, bob, quick_pdf, django_capture_on_commit_callbacks
):
    report = _report({"scored": scored, "alice": alice})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(f"/reports/manage/{report.pk}/publish/", {"note": ""}, follow=True)
    assert "Version 1 is published. Told: Bob Durand." in page.text
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "version 1" in mail.outbox[0].body
