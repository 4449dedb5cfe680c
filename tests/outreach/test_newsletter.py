"""The newsletter: double opt-in, one-click unsubscribe, an issue composed from what happened and sent in
each subscriber's language, and a send that stops half-way writes to nobody twice when it runs again."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from icc.core.models import Job
from icc.notifications.models import Notification
from icc.outreach import services
from icc.outreach.models import Dispatch, IssueStatus, NewsletterIssue, Subscriber, SubscriberStatus
from tests.conftest import client_for
from tests.outreach.helpers import make_news, make_subscriber

pytestmark = pytest.mark.django_db


def _link(message, name: str) -> str:
    return re.search(rf"https?://\S+/newsletter/{name}/\S+/", message.body).group(0)


def test_a_subscription_counts_only_once_confirmed_by_its_link(django_capture_on_commit_callbacks):
    anonymous = client_for(None)
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post("/fr/news/newsletter/", {"email": "ana@example.org", "language": "fr"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.language == "fr"
    [message] = mail.outbox
    assert message.to == ["ana@example.org"] and "Confirmez" in message.subject
    path = _link(message, "confirm").split("://", 1)[1].split("/", 1)[1]
    # Opening the link (a link checker does) confirms nothing; the button does.
    assert anonymous.get("/" + path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    anonymous.post("/" + path)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.confirmed_at is not None


def test_asking_again_tells_nobody_who_is_subscribed(django_capture_on_commit_callbacks):
    make_subscriber("ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(
            "/en/news/newsletter/", {"email": "ANA@example.org", "language": "en"}
        )
    assert response.url == reverse("public:outreach:subscribe_sent")
    assert Subscriber.objects.count() == 1
    [message] = mail.outbox
    assert "already subscribed" in message.subject


def test_a_bad_address_is_refused_by_field_and_nothing_is_kept():
    response = client_for(None).post("/en/news/newsletter/", {"email": "ana@", "language": "en"})
    assert response.status_code == 200
    assert "name@example.org" in response.context["form"].errors["email"][0]
    assert not Subscriber.objects.exists() and not mail.outbox


def test_a_robot_filling_the_hidden_field_is_told_the_same_and_nothing_is_kept():
    response = client_for(None).post(
        "/en/news/newsletter/", {"email": "bot@example.org", "language": "en", "website": "http://spam"}
    )
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and not mail.outbox


@pytest.mark.cache
def test_too_many_subscriptions_from_one_address_are_refused(settings):
    settings.PUBLIC_FORM_RATE = "2/hour"
    anonymous = client_for(None)
    codes = [
        anonymous.post("/en/news/newsletter/", {"email": f"p{n}@example.org", "language": "en"}).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Subscriber.objects.count() == 2


def test_one_click_unsubscribes_from_the_mail_program_without_a_page():
    subscriber = make_subscriber("ana@example.org")
    path = reverse("public:outreach:unsubscribe", args=[subscriber.token])
    assert client_for(None).get(path).status_code == 200  # a link checker unsubscribes nobody
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    client = client_for(None)
    client.handler.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert (
        client_for(None).get(reverse("public:outreach:unsubscribe", args=["wrong-token"])).status_code == 404
    )


def _issue(alice, **data) -> NewsletterIssue:
    return services.issue_compose(
        data=services.IssueData(subject_en="March news", subject_fr="Nouvelles de mars", **data), by=alice
    )


def test_an_issue_goes_once_to_each_confirmed_subscriber_in_their_language(
    alice, django_capture_on_commit_callbacks
):
    make_news(title="Cities meet", title_fr="Les villes se réunissent")
    make_subscriber("en@example.org", language="en")
    make_subscriber("fr@example.org", language="fr")
    make_subscriber("waiting@example.org", status=SubscriberStatus.PENDING)
    make_subscriber("gone@example.org", status=SubscriberStatus.UNSUBSCRIBED)
    issue = _issue(alice)
    assert [n.title_en for n in issue.news.all()] == ["Cities meet"]
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_send(issue=issue, by=alice)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    sent = {m.to[0]: m for m in mail.outbox if m.to[0] != alice.email}
    assert set(sent) == {"en@example.org", "fr@example.org"}
    assert (
        sent["fr@example.org"].subject == "Nouvelles de mars"
        and "Les villes se réunissent" in sent["fr@example.org"].body
    )
    assert "/fr/news/" in sent["fr@example.org"].body and "/en/news/" in sent["en@example.org"].body
    assert sent["en@example.org"].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.filter(recipient=alice, kind="newsletter_sent").exists()
    with pytest.raises(Exception, match="Cannot go from"):
        services.issue_send(issue=issue, by=alice)


def test_a_send_that_stopped_half_way_sends_to_nobody_twice(
    alice, django_capture_on_commit_callbacks, monkeypatch
):
    make_news()
    people = [make_subscriber(f"p{n}@example.org") for n in range(5)]
    issue = _issue(alice)
    original = services._send_issue_mail
    calls = {"n": 0}

    def failing(issue_, content, subscriber):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ConnectionError("mail server gone")
        original(issue_, content, subscriber)

    monkeypatch.setattr(services, "_send_issue_mail", failing)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.issue_send(issue=issue, by=alice)
    job.refresh_from_db()
    issue.refresh_from_db()
    assert "after 2 e-mails" in job.error and "mail server gone" in job.error
    assert issue.status == IssueStatus.SENDING
    assert len(mail.outbox) == 2
    # The third subscriber's dispatch was written before its e-mail failed: uncertain, never sent again.
    assert Dispatch.objects.filter(issue=issue, sent_at=None).count() == 1
    page = client_for(alice).get(reverse("outreach:issue_detail", args=[issue.pk])).content.decode()
    assert "Resume sending" in page

    monkeypatch.setattr(services, "_send_issue_mail", original)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post(reverse("outreach:issue_send", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    recipients = [m.to[0] for m in mail.outbox if m.to[0] != alice.email]
    assert len(recipients) == len(set(recipients)) == 4
    assert people[2].email not in recipients
    assert Job.objects.filter(key__startswith=f"newsletter-send:{issue.pk}:").count() == 2


def test_an_issue_is_not_sent_to_nobody_or_with_nothing_in_it(alice):
    issue = _issue(alice, news=[], practices=[], events=[])
    with pytest.raises(Exception, match="points to nothing"):
        services.issue_send(issue=issue, by=alice)
    make_news()
    issue = _issue(alice)
    with pytest.raises(Exception, match="Nobody has confirmed"):
        services.issue_send(issue=issue, by=alice)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_an_issue_leaves_out_news_withdrawn_after_it_was_composed(alice, django_capture_on_commit_callbacks):
    kept = make_news(title="Kept")
    withdrawn = make_news(title="Taken back")
    make_subscriber("en@example.org")
    issue = _issue(alice)
    services.news_status_change(item=withdrawn, status="withdrawn", by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_send(issue=issue, by=alice)
    [message] = [m for m in mail.outbox if m.to == ["en@example.org"]]
    assert kept.title_en in message.body and "Taken back" not in message.body


def test_the_secretariat_composes_an_issue_from_its_page(as_alice):
    make_news(title="March meeting")
    page = as_alice.get(reverse("outreach:issue_create")).content.decode()
    assert "March meeting" in page
    response = as_alice.post(
        reverse("outreach:issue_create"),
        {"subject_en": "March", "subject_fr": "", "introduction_en": "", "introduction_fr": ""},
    )
    assert "subject_fr" in response.context["form"].errors
    assert not NewsletterIssue.objects.exists()


def test_needs_you_lists_drafts_and_a_stopped_send(as_alice, alice):
    make_news(status="draft")
    issue = _issue(alice)
    NewsletterIssue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING, updated=timezone.now())
    page = as_alice.get(reverse("network:dashboard")).content.decode()
    assert "News draft to publish" in page
    assert "A newsletter send stopped before the end" in page
