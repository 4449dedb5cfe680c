"""News: the secretariat drafts, publishes and withdraws; the public site, its feed and the API show only
what is published, in the reader's language."""

import pytest
from django.urls import reverse

from icc.outreach.models import NewsItem, NewsStatus
from tests.conftest import client_for
from tests.outreach.helpers import make_news

pytestmark = pytest.mark.django_db


def test_the_secretariat_drafts_then_publishes_news_with_its_history(as_alice):
    response = as_alice.post(
        reverse("outreach:news_create"),
        {
            "title_en": "  Coordinators meet in Lyon ",
            "summary_en": "The annual meeting.",
            "title_fr": "",
            "summary_fr": "",
        },
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302 and item.status == NewsStatus.DRAFT
    assert item.title_en == "Coordinators meet in Lyon"
    assert client_for(None).get(reverse("public:outreach:news_detail", args=[item.pk])).status_code == 404

    as_alice.post(reverse("outreach:news_status", args=[item.pk]), {"status": "published"})
    item.refresh_from_db()
    assert item.status == NewsStatus.PUBLISHED and item.published_at is not None
    page = client_for(None).get(reverse("public:outreach:news_detail", args=[item.pk]))
    assert "Coordinators meet in Lyon" in page.content.decode()
    history = as_alice.get(reverse("outreach:news_history", args=[item.pk])).content.decode()
    assert "news drafted" in history and "news published" in history


def test_news_without_a_title_or_summary_is_refused_by_field(as_alice):
    response = as_alice.post(reverse("outreach:news_create"), {"title_en": "", "summary_en": ""})
    assert set(response.context["form"].errors) == {"title_en", "summary_en"}
    response = as_alice.post(
        reverse("outreach:news_create"), {"title_en": "Title", "summary_en": "Summary.", "title_fr": "Titre"}
    )
    assert "write one, or leave both empty" in response.context["form"].errors["summary_fr"][0]
    assert not NewsItem.objects.exists()


def test_a_draft_cannot_be_withdrawn(as_alice):
    item = make_news(status=NewsStatus.DRAFT)
    response = as_alice.post(
        reverse("outreach:news_status", args=[item.pk]), {"status": "withdrawn"}, follow=True
    )
    assert "Cannot go from" in response.content.decode()
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT


def test_withdrawn_news_leaves_the_public_site_the_feed_and_the_api(as_alice):
    kept = make_news(title="Kept news")
    gone = make_news(title="Withdrawn news")
    as_alice.post(reverse("outreach:news_status", args=[gone.pk]), {"status": "withdrawn"})
    anonymous = client_for(None)
    listing = anonymous.get(reverse("public:outreach:news_list")).content.decode()
    feed = anonymous.get(reverse("public:outreach:news_feed")).content.decode()
    api = anonymous.get("/api/v1/news").json()
    assert "Kept news" in listing and "Withdrawn news" not in listing
    assert "Kept news" in feed and "Withdrawn news" not in feed
    assert [row["id"] for row in api["items"]] == [kept.pk]
    assert anonymous.get(f"/api/v1/news/{gone.pk}").status_code == 404


def test_a_french_reader_reads_the_french_text_and_falls_back_to_english():
    item = make_news(title="Only English", title_fr="", summary_fr="")
    other = make_news(title="Both", title_fr="Les deux", summary_fr="Résumé")
    anonymous = client_for(None)
    page = anonymous.get(f"/fr/news/{other.pk}/").content.decode()
    assert "Les deux" in page and "Résumé" in page
    fallback = anonymous.get(f"/fr/news/{item.pk}/").content.decode()
    assert "Only English" in fallback
    api = anonymous.get("/api/v1/news?lang=fr").json()
    assert {row["title"] for row in api["items"]} == {"Les deux", "Only English"}
    assert all(row["url"].startswith("/fr/news/") for row in api["items"])


def test_the_body_is_shown_as_text_never_as_html():
    item = make_news(body_en="<script>alert(1)</script>\n\nSecond")
    page = client_for(None).get(reverse("public:outreach:news_detail", args=[item.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_home_page_shows_the_latest_news():
    make_news(title="Latest of the network")
    assert "Latest of the network" in client_for(None).get("/en/").content.decode()


def test_the_edit_form_shows_the_news_as_written(as_alice):
    item = make_news(title="As written")
    page = as_alice.get(reverse("outreach:news_edit", args=[item.pk])).content.decode()
    assert 'value="As written"' in page
