"""Public pages and the public API are computed once per public content version (icc/public/page_cache.py).

What a reader would notice if the cache were wrong: an old score after a withdrawal, an old name after a
correction, someone else's name or token in their page, an API answer meant for a token's owner. Each test
reads a page, changes something the way the secretariat or a city does, and reads it again.
"""

import re

import pytest
from django.test import Client

from icc.core.public_version import public_version
from icc.index.services.publication import response_publication_decide, round_results_withdraw
from icc.index.services.scores import round_scores_compute
from tests.api.conftest import token_for
from tests.conftest import client_for
from tests.public.test_city_pages import _page, anonymous_client, world_fixture  # noqa: F401

pytestmark = pytest.mark.cache

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")  # a CSRF token, in the form or in htmx's headers


def test_a_second_reader_gets_the_page_for_one_query(anonymous, world, django_assert_num_queries):
    first = _page(anonymous, "/en/cities/lyon/")

    with django_assert_num_queries(1):  # the public content version; the page itself comes from the cache
        second = _page(Client(), "/en/cities/lyon/")
    assert ANY_TOKEN.sub("", second) == ANY_TOKEN.sub("", first)
    assert world.text(world.lyon) in second


def test_a_withdrawal_shows_at_once(anonymous, world, alice):
    assert world.text(world.lyon) in _page(anonymous, "/en/rankings/")
    assert "Lyon" in _page(anonymous, "/en/")

    response_publication_decide(response=world.lyon, agreed=False, by=alice)

    assert world.text(world.lyon) not in _page(anonymous, "/en/rankings/")
    assert world.text(world.lyon) not in _page(anonymous, "/en/cities/lyon/")


def test_a_round_withdrawn_leaves_every_page_and_the_api_at_once(anonymous, world, alice):
    assert world.round.name in _page(anonymous, "/en/")
    assert anonymous.get(f"/api/v1/rounds/{world.round.pk}/results").status_code == 200

    round_results_withdraw(round=world.round, by=alice, reason="A data error in two cities")

    assert f"Latest Index results: {world.round.name}" not in _page(anonymous, "/en/")
    assert world.text(world.lyon) not in _page(anonymous, "/en/cities/lyon/")
    assert anonymous.get(f"/api/v1/rounds/{world.round.pk}/results").status_code == 404


def test_a_corrected_city_name_shows_at_once(anonymous, world):
    assert "Lyon" in _page(anonymous, "/en/cities/")
    lyon = world.lyon.city
    lyon.name_en = "Lyon Métropole"
    lyon.save()

    assert "Lyon Métropole" in _page(anonymous, "/en/cities/")
    assert "Lyon Métropole" in anonymous.get("/api/v1/cities").content.decode()


def test_recomputed_scores_move_the_version_on(world, alice):
    before = public_version()

    round_scores_compute(round=world.round, by=alice)

    assert public_version() != before


def test_each_language_has_its_own_page(anonymous, world):
    assert '<html lang="en">' in _page(anonymous, "/en/cities/lyon/")
    assert '<html lang="fr">' in _page(anonymous, "/fr/cities/lyon/")


def test_a_signed_in_reader_is_never_served_nor_stored(anonymous, world, bob):
    signed_in = client_for(bob).get("/en/").content.decode()
    assert "Go to my dashboard" in signed_in and bob.full_name in signed_in

    anonymous_page = _page(anonymous, "/en/")
    assert "Go to my dashboard" not in anonymous_page and bob.full_name not in anonymous_page
    assert "Go to my dashboard" in client_for(bob).get("/en/").content.decode()


def test_each_reader_gets_their_own_token_and_the_language_switch_works(db):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = _page(first, "/en/methodology/")
    second_page = _page(second, "/en/methodology/")  # from the cache

    tokens = TOKEN.findall(first_page), TOKEN.findall(second_page)
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    assert "PUBLICPAGECACHE" not in second_page
    switched = second.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/fr/methodology/", "csrfmiddlewaretoken": tokens[1][0]},
    )
    assert switched.status_code == 302 and switched["Location"] == "/fr/methodology/"


def test_a_token_holder_gets_their_own_answer_not_the_public_one(anonymous, world, alice):
    public = anonymous.get("/api/v1/cities/lyon").json()
    assert "record" not in public or public["record"] is None

    mine = Client().get("/api/v1/cities/lyon", HTTP_AUTHORIZATION=f"Bearer {token_for(alice)}").json()

    assert mine.get("record")
    again = anonymous.get("/api/v1/cities/lyon").json()
    assert "record" not in again or again["record"] is None


def test_the_rate_limit_still_counts_answers_from_the_cache(anonymous, world, settings):
    settings.API_RATE_ANON = "3/min"
    statuses = [anonymous.get("/api/v1/rounds").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_the_cache_can_be_turned_off(anonymous, world, settings, django_assert_max_num_queries):
    settings.PUBLIC_CACHE_SECONDS = 0
    _page(anonymous, "/en/rankings/")

    with django_assert_max_num_queries(12):
        page = _page(Client(), "/en/rankings/")
    assert world.text(world.lyon) in page
