"""Reads of the news and the newsletter: the public news, what a new issue could point to, an issue's
content in a subscriber's language, the newsletter's figures, history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from icc.activities.models import Event, EventStatus
from icc.activities.selectors.events import public_events
from icc.core.history import HistoryEntry, history_entries
from icc.outreach.models import IssueStatus, NewsItem, NewsletterIssue, NewsStatus, Subscriber
from icc.practices.models import Practice

EVENTS_AHEAD_DAYS = 90
DEFAULT_LOOKBACK_DAYS = 31


def public_news() -> QuerySet[NewsItem]:
    return NewsItem.objects.public().order_by("-published_at", "-pk")  # type: ignore[attr-defined]


def latest_news(limit: int = 3) -> list[NewsItem]:
    return list(public_news()[:limit])


def news_for_management() -> QuerySet[NewsItem]:
    return NewsItem.objects.select_related("author").order_by(
        "-published_at", "-created", "-pk"
    )  # drafts (no date) last, the newest first


def issues_for_management() -> QuerySet[NewsletterIssue]:
    return NewsletterIssue.objects.select_related("job", "created_by").annotate(
        dispatched=Count("dispatches", distinct=True),
        delivered=Count("dispatches", filter=Q(dispatches__sent_at__isnull=False), distinct=True),
    )


@dataclass
class Candidates:
    since: datetime.datetime
    news: list[NewsItem]
    practices: list[Practice]
    events: list[Event]


def issue_candidates(*, since: datetime.date | None = None) -> Candidates:
    """What a new issue could point to: the news and practices published since `since` (by default since
    the last issue went, or in the last month) and the public events of the next three months."""
    now = timezone.now()
    if since is not None:
        start = datetime.datetime.combine(since, datetime.time(), tzinfo=datetime.UTC)
    else:
        last = (
            NewsletterIssue.objects.filter(status=IssueStatus.SENT, sent_at__isnull=False)
            .order_by("-sent_at")
            .values_list("sent_at", flat=True)
            .first()
        )
        start = last or now - datetime.timedelta(days=DEFAULT_LOOKBACK_DAYS)
    news = list(public_news().filter(published_at__gte=start))
    practices = list(
        Practice.objects.public()
        .filter(first_published_at__gte=start)
        .select_related("city")
        .order_by("-first_published_at", "-pk")[:12]
    )
    events = list(
        public_events(upcoming=True)
        .filter(status=EventStatus.PUBLISHED, starts_at__lte=now + datetime.timedelta(days=EVENTS_AHEAD_DAYS))
        .order_by("starts_at", "pk")[:12]
    )
    return Candidates(since=start, news=news, practices=practices, events=events)


@dataclass
class Line:
    title: str
    text: str
    url: str


@dataclass
class Section:
    heading: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class IssueContent:
    news: list[NewsItem]
    practices: list[Practice]
    events: list[Event]
    site: str

    def for_language(self, language: str) -> list[Section]:
        """The issue's sections with their titles, texts and addresses in `language`."""
        from django.utils.translation import gettext as _

        with translation.override(language):
            sections = [
                Section(
                    _("News"),
                    [Line(n.title, n.summary, self.site + n.get_absolute_url()) for n in self.news],
                ),
                Section(
                    _("New good practices"),
                    [
                        Line(f"{p.title} ({p.city.name})", p.summary, self.site + p.get_absolute_url())
                        for p in self.practices
                    ],
                ),
                Section(
                    _("Coming events"),
                    [
                        Line(
                            e.title,
                            _date_place(e),
                            self.site + reverse("public:event_detail", args=[e.pk]),
                        )
                        for e in self.events
                    ],
                ),
            ]
        return [section for section in sections if section.lines]


def _date_place(event: Event) -> str:
    from django.utils import formats

    day = formats.date_format(timezone.localtime(event.starts_at).date(), "DATE_FORMAT")
    return f"{day} · {event.place}" if event.place else day


def issue_content(issue: NewsletterIssue) -> IssueContent:
    """What an issue points to, read once for the whole send. Items withdrawn from the public site since
    the issue was composed are left out: a newsletter never links to a page that is gone."""
    from django.conf import settings

    return IssueContent(
        news=list(issue.news.filter(pk__in=NewsItem.objects.public()).order_by("-published_at", "-pk")),  # type: ignore[attr-defined]
        practices=list(
            issue.practices.filter(pk__in=Practice.objects.public())
            .select_related("city")
            .order_by("-first_published_at", "-pk")
        ),
        events=list(issue.events.filter(pk__in=Event.objects.public()).order_by("starts_at", "pk")),  # type: ignore[attr-defined]
        site=settings.SITE_URL,
    )


@dataclass
class NewsletterFigures:
    confirmed: int
    pending: int
    unsubscribed: int
    by_language: dict[str, int]


def newsletter_figures() -> NewsletterFigures:
    rows = Subscriber.objects.values("status", "language").annotate(n=Count("pk"))
    by_status: dict[str, int] = {}
    by_language: dict[str, int] = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        if row["status"] == "confirmed":
            by_language[row["language"]] = by_language.get(row["language"], 0) + row["n"]
    return NewsletterFigures(
        confirmed=by_status.get("confirmed", 0),
        pending=by_status.get("pending", 0),
        unsubscribed=by_status.get("unsubscribed", 0),
        by_language=by_language,
    )


def subscriber_for_token(token: str) -> Subscriber | None:
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


def news_history(item: NewsItem) -> list[HistoryEntry]:
    return history_entries(item)


def issue_history(issue: NewsletterIssue) -> list[HistoryEntry]:
    return history_entries(issue)


def drafts_waiting() -> dict[str, Any]:
    """The secretariat's open work: news drafts, issues drafted and not sent, sends that stopped."""
    news = NewsItem.objects.filter(status=NewsStatus.DRAFT).aggregate(n=Count("pk"), oldest=Min("created"))
    issues = NewsletterIssue.objects.filter(status=IssueStatus.DRAFT).aggregate(
        n=Count("pk"), oldest=Min("created")
    )
    stopped = [
        issue
        for issue in NewsletterIssue.objects.filter(status=IssueStatus.SENDING).select_related("job")
        if send_stopped(issue)
    ]
    return {"news": news, "issues": issues, "stopped": stopped}


# A send whose job has not moved for this long has stopped (its worker died): it may be resumed.
STALLED = datetime.timedelta(minutes=10)


def send_stopped(issue: NewsletterIssue) -> bool:
    """Whether an issue being sent waits for someone to resume it: its job failed, or stopped moving."""
    if issue.status != IssueStatus.SENDING:
        return False
    job = issue.job
    return job is None or not job.is_active or job.updated < timezone.now() - STALLED
