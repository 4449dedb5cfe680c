"""News and subscribers for the outreach tests."""

from django.utils import timezone

from icc.outreach.models import NewsItem, NewsStatus, Subscriber, SubscriberStatus


def make_news(*, title: str = "New members join", status: str = NewsStatus.PUBLISHED, **extra) -> NewsItem:
    fields = {
        "title": title,
        "title_en": title,
        "title_fr": extra.pop("title_fr", f"FR {title}"),
        "summary": "Three cities joined.",
        "summary_en": "Three cities joined.",
        "summary_fr": extra.pop("summary_fr", "Trois villes ont rejoint le réseau."),
        "body_en": "First paragraph.\n\nSecond paragraph.",
        "status": status,
        "published_at": timezone.now() if status == NewsStatus.PUBLISHED else None,
    }
    fields.update(extra)
    return NewsItem.objects.create(**fields)


def make_subscriber(
    email: str, *, language: str = "en", status: str = SubscriberStatus.CONFIRMED
) -> Subscriber:
    return Subscriber.objects.create(
        email=email,
        language=language,
        status=status,
        confirmed_at=timezone.now() if status == SubscriberStatus.CONFIRMED else None,
    )
