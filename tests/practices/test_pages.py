import pytest
from django.urls import reverse

from icc.practices.models import Practice, PracticeStatus
from tests.conftest import client_for
from tests.practices.helpers import draft, published_practice


def test_a_coordinator_proposes_through_the_pages(as_bob, alice, lyon):
    page = as_bob.get(reverse("practices:create"))
    assert page.status_code == 200
    data = {
        "city": lyon.pk,
        "title_fr": "Médiation interculturelle à l'école",
        "summary_fr": "Des médiateurs dans les écoles.",
        "description_fr": "Ils accueillent les familles.",
        "started": 2021,
        "areas": ["education"],
    }
    answer = as_bob.post(reverse("practices:create"), data)
    practice = Practice.objects.get()
    assert answer.status_code == 302
    as_bob.post(reverse("practices:action", args=[practice.pk, "propose"]))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PROPOSED
    review = client_for(alice).get(reverse("practices:detail", args=[practice.pk]))
    assert "Publish the practice" in review.content.decode()


def test_the_form_names_the_field_to_fix(as_bob, lyon):
    answer = as_bob.post(reverse("practices:create"), {"city": lyon.pk, "started": 1800, "links": "nope"})
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "Give the title in English or in French." in text
    assert "Give a year between 1950" in text
    assert not Practice.objects.exists()


def test_another_city_cannot_open_a_draft(bob, dave, lyon):
    practice = draft(bob, lyon)
    assert client_for(dave).get(reverse("practices:detail", args=[practice.pk])).status_code == 404
    assert client_for(None).get(reverse("practices:detail", args=[practice.pk])).status_code == 302


def test_the_public_catalogue_finds_a_practice_without_its_accents_and_in_either_case(
    bob, alice, lyon, client
):
    published_practice(bob, alice, lyon, title_en="Integración in Málaga", summary_en="Mixing neighbours.")
    found = client.get("/en/practices/", {"q": "INTEGRACION malaga"})
    assert "Integración in Málaga" in found.content.decode()
    assert "Integración" not in client.get("/en/practices/", {"q": "nothing-like-it"}).content.decode()


def test_drafts_and_proposals_are_not_in_the_catalogue(bob, alice, lyon, client):
    draft(bob, lyon, title_en="Secret draft")
    assert "Secret draft" not in client.get("/en/practices/").content.decode()


def test_facets_filter_and_the_address_keeps_them(bob, alice, lyon, porto, dave, client):
    published_practice(bob, alice, lyon, title_en="Lyon schools", areas=["education"], questions=[])
    published_practice(dave, alice, porto, title_en="Porto media", areas=["media"], questions=[], themes=[])
    text = client.get("/en/practices/?area=media&sort=title").content.decode()
    assert "Porto media" in text and "Lyon schools" not in text
    assert 'value="media" selected' in text
    by_country = client.get("/en/practices/?country=FR").content.decode()
    assert "Lyon schools" in by_country and "Porto media" not in by_country


def test_a_practice_in_english_only_says_so_on_the_french_site(bob, alice, lyon, client):
    practice = published_practice(bob, alice, lyon, title_fr="", summary_fr="", description_fr="")
    text = client.get(f"/fr/practices/{practice.pk}/").content.decode()
    assert 'lang="en"' in text
    assert "Anti-rumour agents in every district" in text


def test_a_practice_page_shows_its_citys_published_scores_in_its_areas(bob, alice, dave, published, client):
    lyon_response, porto_response = published
    lyon_practice = published_practice(bob, alice, lyon_response.city, areas=["education"], questions=[])
    porto_practice = published_practice(dave, alice, porto_response.city, areas=["education"], questions=[])
    text = client.get(f"/en/practices/{lyon_practice.pk}/").content.decode()
    assert "Published results of" in text
    # Porto refused publication: its page shows no score.
    text = client.get(f"/en/practices/{porto_practice.pk}/").content.decode()
    assert "has no published Index results" in text


def test_more_like_this_lists_practices_sharing_its_questions(bob, alice, dave, lyon, porto, client):
    first = published_practice(bob, alice, lyon, title_en="First")
    published_practice(dave, alice, porto, title_en="Second of the same question")
    text = client.get(f"/en/practices/{first.pk}/").content.decode()
    assert "More like this" in text and "Second of the same question" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_open_data_carries_the_licence(bob, alice, lyon, client, fmt):
    published_practice(bob, alice, lyon)
    answer = client.get(f"/en/practices/practices.{fmt}")
    assert answer.status_code == 200
    assert "creativecommons.org/licenses/by/4.0" in answer["Link"]
    if fmt == "json":
        document = answer.json()
        assert document["count"] == 1
        assert document["licence"]["id"] == "CC-BY-4.0"
        assert document["items"][0]["areas"] == ["media", "education"]


def test_the_feed_lists_new_practices(bob, alice, lyon, client):
    published_practice(bob, alice, lyon)
    answer = client.get("/en/practices/feed.atom")
    assert answer.status_code == 200
    assert b"Anti-rumour agents in every district" in answer.content


def test_a_citys_public_page_lists_its_published_practices(bob, alice, lyon, client):
    published_practice(bob, alice, lyon, title_en="Lyon published practice")
    draft(bob, lyon, title_en="Lyon draft")
    text = client.get("/en/cities/lyon/").content.decode()
    assert "Lyon published practice" in text
    assert "Lyon draft" not in text


def test_an_index_questions_page_lists_the_practices_that_answer_it(bob, alice, lyon, client):
    published_practice(bob, alice, lyon, title_en="Mixing pupils", questions=["education.mixing_programmes"])
    text = client.get("/en/practices/questions/education.mixing_programmes/").content.decode()
    # Lyon has no published Index results here: it is listed among the others, not as scoring full points.
    assert "Other practices that answer it" in text and "Mixing pupils" in text
    assert client.get("/en/practices/questions/no.such_question/").status_code == 404


def test_the_questionnaire_page_links_each_scored_question_to_its_practices(as_alice):
    from icc.index.services.questionnaires import questionnaire_load_shipped

    questionnaire_load_shipped()
    text = as_alice.get(reverse("index:questionnaire_detail", args=["icc-2019"])).content.decode()
    assert "/en/practices/questions/education.mixing_programmes/" in text


def test_the_citys_scores_page_still_opens_with_the_practices_section(as_bob, scored):
    lyon_response, _porto = scored
    assert as_bob.get(reverse("index:response_scores", args=[lyon_response.pk])).status_code == 200


def test_the_french_catalogue_speaks_french(bob, alice, lyon, client):
    published_practice(bob, alice, lyon)
    text = client.get("/fr/practices/").content.decode()
    assert "Bonnes pratiques des cités interculturelles" in text
    assert "Des agents anti-rumeurs dans chaque quartier" in text


def test_the_catalogue_reads_a_fixed_number_of_queries_whatever_the_number_of_practices(
    bob, alice, lyon, client, settings
):
    settings.PUBLIC_CACHE_SECONDS = 0  # the page computed each time, not read from the page cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/practices/?sort=title").status_code == 200
        return len(queries)

    published_practice(bob, alice, lyon, title_en="One")
    count()  # the first request of a process creates the network's settings row
    few = count()
    for n in range(6):
        published_practice(bob, alice, lyon, title_en=f"More {n}")
    assert count() == few


def test_the_sitemap_lists_public_practices_only_and_robots_keep_out_of_the_back_office(
    bob, alice, lyon, client
):
    public = published_practice(bob, alice, lyon)
    hidden = draft(bob, lyon)
    text = client.get("/sitemap.xml").content.decode()
    assert f"/en/practices/{public.pk}/" in text and f"/fr/practices/{public.pk}/" in text
    assert f"/en/practices/{hidden.pk}/" not in text
    assert "Disallow: /practices/work/" in client.get("/robots.txt").content.decode()
