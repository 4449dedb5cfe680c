"""The permission matrix rows of icc/outreach (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person).
News and the newsletter are the secretariat's; the public news, the subscription page and the pages of a
subscriber's private link are everyone's; a draft piece of news exists for nobody on the public site."""

from typing import Any

from tests.test_permission_matrix import NOBODY, PUBLIC, SECRETARIAT_ONLY


def _outreach(o: dict[str, Any]) -> dict[str, Any]:
    if "news" not in o:
        from django.utils import timezone

        from icc.outreach.models import NewsItem, NewsletterIssue, Subscriber

        common = {"title": "N", "title_en": "N", "summary": "S", "summary_en": "S"}
        o["news"] = NewsItem.objects.create(status="published", published_at=timezone.now(), **common)
        o["news_draft"] = NewsItem.objects.create(**common)
        o["issue"] = NewsletterIssue.objects.create(subject="I", subject_en="I", subject_fr="I")
        o["subscriber"] = Subscriber.objects.create(email="reader@example.org", status="pending")
    return o


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("outreach:news_list", lambda o: "/outreach/news/", SECRETARIAT_ONLY),
    ("outreach:news_create", lambda o: "/outreach/news/new/", SECRETARIAT_ONLY),
    ("outreach:news_detail", lambda o: f"/outreach/news/{_outreach(o)['news'].pk}/", SECRETARIAT_ONLY),
    ("outreach:news_edit", lambda o: f"/outreach/news/{_outreach(o)['news'].pk}/edit/", SECRETARIAT_ONLY),
    (
        "outreach:news_history",
        lambda o: f"/outreach/news/{_outreach(o)['news'].pk}/history/",
        SECRETARIAT_ONLY,
    ),
    ("outreach:newsletter", lambda o: "/outreach/newsletter/", SECRETARIAT_ONLY),
    ("outreach:issue_create", lambda o: "/outreach/newsletter/new/", SECRETARIAT_ONLY),
    (
        "outreach:issue_detail",
        lambda o: f"/outreach/newsletter/{_outreach(o)['issue'].pk}/",
        SECRETARIAT_ONLY,
    ),
    (
        "outreach:issue_edit",
        lambda o: f"/outreach/newsletter/{_outreach(o)['issue'].pk}/edit/",
        SECRETARIAT_ONLY,
    ),
    (
        "outreach:issue_history",
        lambda o: f"/outreach/newsletter/{_outreach(o)['issue'].pk}/history/",
        SECRETARIAT_ONLY,
    ),
    ("public:outreach:news_list", lambda o: "/en/news/", PUBLIC),
    ("public:outreach:news_feed", lambda o: "/en/news/feed.atom", PUBLIC),
    ("public:outreach:news_detail", lambda o: f"/en/news/{_outreach(o)['news'].pk}/", PUBLIC),
    ("public:outreach:news_detail", lambda o: f"/en/news/{_outreach(o)['news_draft'].pk}/", NOBODY),
    ("public:outreach:subscribe", lambda o: "/en/news/newsletter/", PUBLIC),
    ("public:outreach:subscribe_sent", lambda o: "/en/news/newsletter/check-your-inbox/", PUBLIC),
    (
        "public:outreach:confirm",
        lambda o: f"/en/news/newsletter/confirm/{_outreach(o)['subscriber'].token}/",
        PUBLIC,
    ),
    (
        "public:outreach:unsubscribe",
        lambda o: f"/en/news/newsletter/unsubscribe/{_outreach(o)['subscriber'].token}/",
        PUBLIC,
    ),
    ("public:outreach:confirm", lambda o: "/en/news/newsletter/confirm/not-a-key/", NOBODY),
]
NOT_IN_MATRIX: set[str] = {
    # POST only: tests/outreach/test_news.py and test_newsletter.py.
    "outreach:news_status",
    "outreach:issue_send",
}
