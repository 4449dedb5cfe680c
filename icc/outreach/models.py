"""News and the newsletter (issue 15, "Partners and outreach").

`NewsItem`: a piece of news for the public site, in English and French (title, summary, body translated by
django-modeltranslation: icc/outreach/translation.py), drafted and published by the secretariat.

The newsletter: a `Subscriber` (an e-mail address and a language, nothing else) subscribes on the public site
and confirms by the link e-mailed to them (double opt-in); every e-mail carries a one-click unsubscribe
(RFC 8058). A `NewsletterIssue` is composed from news, newly published practices and upcoming public events,
then sent as a task (icc.core.jobs) in each subscriber's language. Each subscriber gets a `Dispatch` row,
written *before* the e-mail goes: a send that stops half-way (a crash, a restart) and runs again skips every
subscriber with a row, so nobody gets an issue twice; the rows never marked sent are shown as uncertain.
"""

import secrets
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import Job, TimeStampedModel
from icc.core.workflow import Workflow

LANGUAGES = [("en", "English"), ("fr", "Français")]


def new_token() -> str:
    return secrets.token_urlsafe(32)


# --------------------------------------------------------------------------------------------- news


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


NEWS_WORKFLOW = Workflow(
    name="news item",
    labels=dict(NewsStatus.choices),
    transitions={
        NewsStatus.DRAFT: [NewsStatus.PUBLISHED],
        NewsStatus.PUBLISHED: [NewsStatus.WITHDRAWN],
        NewsStatus.WITHDRAWN: [NewsStatus.PUBLISHED],
    },
)


class NewsItemQuerySet(models.QuerySet["NewsItem"]):
    def public(self) -> Self:
        """What the public site, its Atom feed, the API and the newsletter show: published news whose
        publication time has come. The one rule."""
        return self.filter(status=NewsStatus.PUBLISHED, published_at__lte=timezone.now())


class NewsItem(TimeStampedModel):
    """A piece of news. `title`, `summary` and `body` are translated (…_en, …_fr); the body is plain text
    in paragraphs (blank lines), shown with line breaks, never as HTML."""

    history: Any
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    body_en: str
    body_fr: str
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, help_text=_("One or two sentences."))
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar[models.Manager["NewsItem"]] = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title or self.title_en

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("public:outreach:news_detail", args=[self.pk])


# --------------------------------------------------------------------------------------------- newsletter


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("subscribed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def receiving(self) -> Self:
        return self.filter(status=SubscriberStatus.CONFIRMED)


class Subscriber(TimeStampedModel):
    """One address on the newsletter's list. The token, sent only to the address itself, confirms and
    unsubscribes; it is the only way to act on a subscription without the secretariat."""

    history: Any
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="en")
    status = models.CharField(
        _("status"), max_length=14, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    token = models.CharField(_("private key"), max_length=64, unique=True, default=new_token, editable=False)
    asked_at = models.DateTimeField(_("subscription asked at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    objects: ClassVar[models.Manager["Subscriber"]] = SubscriberQuerySet.as_manager()
    # The address itself is personal data: the history keeps the changes of status, not the address.
    history = HistoricalRecords(excluded_fields=["email", "token"])

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-asked_at", "-pk"]
        constraints = [models.UniqueConstraint(Lower("email"), name="outreach_subscriber_email_unique")]

    def __str__(self) -> str:
        return self.email


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")


ISSUE_WORKFLOW = Workflow(
    name="newsletter issue",
    labels=dict(IssueStatus.choices),
    transitions={IssueStatus.DRAFT: [IssueStatus.SENDING], IssueStatus.SENDING: [IssueStatus.SENT]},
)


class NewsletterIssue(TimeStampedModel):
    """One issue of the newsletter: a subject and an introduction in both languages, and what it points to
    (news, practices, events), chosen when it is composed and kept as chosen."""

    history: Any
    subject_en: str
    subject_fr: str
    introduction_en: str
    introduction_fr: str
    subject = models.CharField(_("subject"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    news = models.ManyToManyField(NewsItem, verbose_name=_("news"), blank=True, related_name="issues")
    practices = models.ManyToManyField(
        "practices.Practice", verbose_name=_("good practices"), blank=True, related_name="+"
    )
    events = models.ManyToManyField(
        "activities.Event", verbose_name=_("events"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    job = models.ForeignKey(
        Job, verbose_name=_("sending"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("composed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.subject or self.subject_en


class Dispatch(models.Model):
    """One issue to one subscriber: written before the e-mail goes (`attempted_at`), marked once it went
    (`sent_at`). Unique per issue and subscriber: the send never writes to anyone twice."""

    issue = models.ForeignKey(
        NewsletterIssue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="dispatches"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="dispatches"
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter dispatch")
        verbose_name_plural = _("newsletter dispatches")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="outreach_dispatch_once"),
        ]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber_id}"
