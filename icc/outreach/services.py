"""Writes of the news and the newsletter. Each checks every field first (errors keyed by the field), then
writes in one transaction with its history; e-mails go after the commit.

The newsletter's sending is a task (icc.core.jobs): `issue_send` starts it, `newsletter_send_work` does it.
Each subscriber's `Dispatch` row is committed before their e-mail goes, so a send that stopped half-way and
runs again (`issue_resume`) writes to nobody twice; a row never marked sent is reported as uncertain."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.history import reason, record_change
from icc.core.jobs import job_key, job_progress, job_running_or_next, job_start
from icc.core.models import Job
from icc.core.public_version import public_content_changed
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify
from icc.outreach import selectors
from icc.outreach.models import (
    ISSUE_WORKFLOW,
    LANGUAGES,
    NEWS_WORKFLOW,
    Dispatch,
    IssueStatus,
    NewsItem,
    NewsletterIssue,
    NewsStatus,
    Subscriber,
    SubscriberStatus,
    new_token,
)

SEND_JOB = "newsletter-send"
MAX_BODY = 20_000


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# --------------------------------------------------------------------------------------------- news


@dataclass
class NewsData:
    title_en: str
    summary_en: str
    body_en: str = ""
    title_fr: str = ""
    summary_fr: str = ""
    body_fr: str = ""


def _apply_news(item: NewsItem, data: NewsData) -> None:
    errors: dict[str, list[str]] = {}
    item.title_en, item.title_fr = _one_line(data.title_en), _one_line(data.title_fr)
    item.summary_en, item.summary_fr = _one_line(data.summary_en), _one_line(data.summary_fr)
    item.body_en, item.body_fr = (data.body_en or "").strip(), (data.body_fr or "").strip()
    if not item.title_en:
        errors["title_en"] = [_("Give the news a title in English.")]
    if not item.summary_en:
        errors["summary_en"] = [_("Write a one- or two-sentence summary in English.")]
    if item.title_fr and not item.summary_fr:
        errors["summary_fr"] = [_("The French title has no summary: write one, or leave both empty.")]
    for name in ("body_en", "body_fr"):
        if len(getattr(item, name)) > MAX_BODY:
            errors[name] = [_("Keep the text under %(max)s characters.") % {"max": f"{MAX_BODY:,}"}]
    if errors:
        raise ValidationError(errors)
    item.title, item.summary, item.body = item.title_en, item.summary_en, item.body_en
    item.full_clean()


def news_create(*, data: NewsData, by: User) -> NewsItem:
    item = NewsItem(author=by)
    _apply_news(item, data)
    with transaction.atomic():
        record_change(item, by=by, reason=reason("outreach.news_created"))
        item.save()
    return item


def news_update(*, item: NewsItem, data: NewsData, by: User) -> NewsItem:
    _apply_news(item, data)
    with transaction.atomic():
        record_change(item, by=by, reason=reason("outreach.news_changed"))
        item.save()
        if item.status == NewsStatus.PUBLISHED:
            public_content_changed()
    return item


def news_status_change(*, item: NewsItem, status: str, by: User) -> NewsItem:
    """Publish (now, or again after a withdrawal) or withdraw a piece of news."""
    NEWS_WORKFLOW.check(item.status, status)
    with transaction.atomic():
        item.status = status
        if status == NewsStatus.PUBLISHED and item.published_at is None:
            item.published_at = timezone.now()
        record_change(item, by=by, reason=reason("outreach.news_status", status=status))
        item.save()
        public_content_changed()  # the public list, the page, the feed and the API show it, or no longer
    return item


# --------------------------------------------------------------------------------------------- subscription


def _clean_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [_("Enter an e-mail address such as name@example.org.")]}) from None
    return email


def _clean_language(language: str) -> str:
    if language not in dict(LANGUAGES):
        raise ValidationError({"language": [_("Choose English or French.")]})
    return language


def subscription_request(*, email: str, language: str) -> None:
    """Someone asks for the newsletter on the public site. Whatever the address's state, the page says the
    same thing (check your inbox), so it tells nobody who is subscribed; the e-mail tells the owner: a link
    to confirm, or that they are already subscribed."""
    email = _clean_email(email)
    language = _clean_language(language)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
            known = subscriber.pk
            transaction.on_commit(lambda: _send_subscription_mail(known, "already_subscribed"))
            return
        if subscriber is None:
            subscriber = Subscriber(email=email, language=language)
        else:  # waiting, or unsubscribed earlier: a new link (the old one no longer works)
            subscriber.token = new_token()
            subscriber.status = SubscriberStatus.PENDING
            subscriber.language = language
            subscriber.asked_at = timezone.now()
        record_change(subscriber, by=None, reason=reason("outreach.subscribed"))
        try:
            with transaction.atomic():
                subscriber.save()
        except IntegrityError:  # the same address asked twice at the same moment: the first one stands
            return
        pk = subscriber.pk
        transaction.on_commit(lambda: _send_subscription_mail(pk, "confirm"))


def subscription_confirm(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber
    if subscriber.status != SubscriberStatus.PENDING:
        raise ValidationError(
            _("This address was unsubscribed; subscribe again on the newsletter page to get a new link.")
        )
    with transaction.atomic():
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        record_change(subscriber, by=None, reason=reason("outreach.confirmed"))
        subscriber.save()
    return subscriber


def subscription_cancel(*, subscriber: Subscriber) -> Subscriber:
    """Unsubscribe (one click from any issue, or the page of the link). Doing it twice changes nothing."""
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return subscriber
    with transaction.atomic():
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        record_change(subscriber, by=None, reason=reason("outreach.unsubscribed"))
        subscriber.save()
    return subscriber


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _send_subscription_mail(subscriber_id: int, template: str) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    with translation.override(subscriber.language):
        context = {
            "confirm_url": _absolute(reverse("public:outreach:confirm", args=[subscriber.token])),
            "newsletter_url": _absolute(reverse("public:outreach:subscribe")),
        }
        subject = (
            _("Confirm your subscription to the Intercultural Cities newsletter")
            if template == "confirm"
            else _("You are already subscribed to the Intercultural Cities newsletter")
        )
        body = render_to_string(f"outreach/email/{template}.txt", context)
    EmailMessage(subject, body, None, [subscriber.email]).send()


# --------------------------------------------------------------------------------------------- issues


@dataclass
class IssueData:
    subject_en: str
    introduction_en: str = ""
    subject_fr: str = ""
    introduction_fr: str = ""
    news: list[NewsItem] | None = None
    practices: list[Any] | None = None
    events: list[Any] | None = None


def _apply_issue(issue: NewsletterIssue, data: IssueData) -> None:
    errors: dict[str, list[str]] = {}
    issue.subject_en, issue.subject_fr = _one_line(data.subject_en), _one_line(data.subject_fr)
    issue.introduction_en = (data.introduction_en or "").strip()
    issue.introduction_fr = (data.introduction_fr or "").strip()
    if not issue.subject_en:
        errors["subject_en"] = [_("Give the issue a subject in English.")]
    if not issue.subject_fr:
        errors["subject_fr"] = [_("Give the issue a subject in French: French subscribers get it in French.")]
    if errors:
        raise ValidationError(errors)
    issue.subject, issue.introduction = issue.subject_en, issue.introduction_en
    issue.full_clean()


def issue_compose(*, data: IssueData, by: User, since: datetime.date | None = None) -> NewsletterIssue:
    """A new issue with what happened since `since` (by default since the last issue went): the news and
    practices published since then and the public events of the next three months, unless `data` chooses."""
    issue = NewsletterIssue(created_by=by)
    _apply_issue(issue, data)
    candidates = selectors.issue_candidates(since=since)
    with transaction.atomic():
        record_change(issue, by=by, reason=reason("outreach.issue_created"))
        issue.save()
        issue.news.set(data.news if data.news is not None else candidates.news)
        issue.practices.set(data.practices if data.practices is not None else candidates.practices)
        issue.events.set(data.events if data.events is not None else candidates.events)
    return issue


def issue_update(*, issue: NewsletterIssue, data: IssueData, by: User) -> NewsletterIssue:
    if issue.status != IssueStatus.DRAFT:
        raise ValidationError(_("This issue was sent: it can no longer be changed."))
    _apply_issue(issue, data)
    with transaction.atomic():
        record_change(issue, by=by, reason=reason("outreach.issue_changed"))
        issue.save()
        if data.news is not None:
            issue.news.set(data.news)
        if data.practices is not None:
            issue.practices.set(data.practices)
        if data.events is not None:
            issue.events.set(data.events)
    return issue


def _start_sending(issue: NewsletterIssue, by: User) -> Job:
    """The send's job: one at a time per issue; a job that has not moved for STALLED (its worker stopped)
    is taken for dead, and a new one sends to whoever has no dispatch yet."""
    from icc.outreach.tasks import newsletter_send_run

    running, number = job_running_or_next(
        kind=SEND_JOB,
        subject_id=issue.pk,
        stalled_after=selectors.STALLED,
        stalled_message=_("The send stopped moving (its worker stopped); it can be resumed."),
    )
    if running is not None:
        return running
    remaining = Subscriber.objects.receiving().exclude(dispatches__issue=issue).count()
    job, _created = job_start(
        kind=SEND_JOB,
        key=job_key(SEND_JOB, issue.pk, number),
        by=by,
        task=newsletter_send_run,
        total=remaining,
    )
    NewsletterIssue.objects.filter(pk=issue.pk).update(job=job)
    issue.job = job
    return job


def issue_send(*, issue: NewsletterIssue, by: User) -> Job:
    """Send the issue to every confirmed subscriber, as a task with a progress bar."""
    ISSUE_WORKFLOW.check(issue.status, IssueStatus.SENDING)
    if not issue.news.exists() and not issue.practices.exists() and not issue.events.exists():
        raise ValidationError(
            _("The issue points to nothing: choose at least one news item, practice or event.")
        )
    if not Subscriber.objects.receiving().exists():
        raise ValidationError(_("Nobody has confirmed a subscription yet: there is no one to send it to."))
    with transaction.atomic():
        NewsletterIssue.objects.select_for_update().filter(pk=issue.pk).first()
        issue.status = IssueStatus.SENDING
        record_change(issue, by=by, reason=reason("outreach.issue_status", status=IssueStatus.SENDING))
        issue.save()
        return _start_sending(issue, by)


def issue_resume(*, issue: NewsletterIssue, by: User) -> Job:
    """Start the send again after it stopped (an error, a worker that died): only the subscribers without
    a dispatch get the issue."""
    if issue.status != IssueStatus.SENDING:
        raise ValidationError(_("This issue is not waiting to be sent again."))
    with transaction.atomic():
        NewsletterIssue.objects.select_for_update().filter(pk=issue.pk).first()
        return _start_sending(issue, by)


def newsletter_send_work(job: Job) -> dict[str, Any]:
    """The task's work: each subscriber without a dispatch gets the issue in their language."""
    issue = NewsletterIssue.objects.get(job=job)
    content = selectors.issue_content(issue)
    sent = 0
    pending = Subscriber.objects.receiving().exclude(dispatches__issue=issue).order_by("pk")
    try:
        for subscriber in pending.iterator():
            try:  # committed before the e-mail goes: a second run never writes to this person again
                dispatch = Dispatch.objects.create(
                    issue=issue, subscriber=subscriber, language=subscriber.language
                )
            except IntegrityError:  # another run took this one meanwhile
                continue
            _send_issue_mail(issue, content, subscriber)
            Dispatch.objects.filter(pk=dispatch.pk).update(sent_at=timezone.now())
            sent += 1
            if sent % 25 == 0:
                job_progress(job.pk, done=sent)
    except Exception as exc:
        job_progress(job.pk, done=sent)
        raise ValidationError(
            _(
                "The send stopped after %(sent)s e-mails on an error (%(error)s). The e-mails sent are kept; "
                "resume the send to reach the others."
            )
            % {"sent": sent, "error": f"{type(exc).__name__}: {exc}"[:300]}
        ) from exc
    job_progress(job.pk, done=sent)
    with transaction.atomic():
        issue.refresh_from_db()
        issue.status = IssueStatus.SENT
        issue.sent_at = timezone.now()
        record_change(
            issue, by=job.requested_by, reason=reason("outreach.issue_status", status=IssueStatus.SENT)
        )
        issue.save()
        uncertain = issue.dispatches.filter(sent_at=None).count()
        if job.requested_by is not None:
            notify(
                recipients=[job.requested_by],
                kind=NotificationKind.NEWSLETTER_SENT,
                obj=issue,
                context={"what": issue.subject_en, "sent": issue.dispatches.count()},
                link=reverse("outreach:issue_detail", args=[issue.pk]),
            )
    return {"sent": sent, "uncertain": uncertain}


def _send_issue_mail(issue: NewsletterIssue, content: Any, subscriber: Subscriber) -> None:
    unsubscribe = _absolute(reverse("public:outreach:unsubscribe", args=[subscriber.token]))
    with translation.override(subscriber.language):
        subject = getattr(issue, f"subject_{subscriber.language}") or issue.subject_en
        body = render_to_string(
            "outreach/email/issue.txt",
            {
                "issue": issue,
                "introduction": getattr(issue, f"introduction_{subscriber.language}")
                or issue.introduction_en,
                "items": content.for_language(subscriber.language),
                "unsubscribe_url": unsubscribe,
            },
        )
    message = EmailMessage(
        subject,
        body,
        None,
        [subscriber.email],
        headers={
            # RFC 8058: mail programs offer a one-click unsubscribe that posts to this address.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
