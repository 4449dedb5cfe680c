"""Search ignores case and accents everywhere, and lists sort in the reader's order, on every database
(run this file with DATABASE_URL=postgres://... too)."""

import re

import pytest
from django.http import QueryDict

from icc.core.search import collation_key, fold, matches
from icc.network.selectors.cities import city_list_filtered
from icc.network.selectors.fees import fee_list_filtered
from icc.network.services.fees import fees_open_year
from tests.factories import CityFactory

NAMES = ["Budapest", "Bălți", "Bagcilar", "Malmö", "Łódź", "Ålesund", "bergen"]


def test_fold_drops_case_and_accents_including_letters_unicode_does_not_decompose():
    assert fold("Malmö") == "malmo"
    assert fold("Łódź") == "lodz"
    assert fold("BĂLȚI") == "balti"
    assert fold("Straße") == "strasse"
    assert matches("malmo", "Malmö") and matches("MALMÖ", None, "Malmö")
    assert not matches("malmo oslo", "Malmö")


def test_names_sort_with_accents_aside_then_stably():
    ordered = sorted(NAMES, key=collation_key)
    assert ordered == ["Ålesund", "Bagcilar", "Bălți", "bergen", "Budapest", "Łódź", "Malmö"]
    assert sorted(["Lodz", "Łódź"], key=collation_key) == sorted(["Łódź", "Lodz"], key=collation_key)


@pytest.fixture
def cities(db):
    return {name: CityFactory(name_en=name, name_fr=name, slug=fold(name)) for name in NAMES}


def _public_names(client, **params) -> list[str]:
    html = client.get("/en/cities/", params).content.decode()
    slugs = re.findall(r'href="(?:/[a-z]{2})?/cities/([a-z0-9-]+)/"', html)
    by_slug = {fold(name): name for name in NAMES}
    return [by_slug[slug] for slug in dict.fromkeys(slugs) if slug in by_slug]


@pytest.mark.parametrize("q", ["malmo", "MALMÖ", "Malmö", "almo"])
def test_the_public_city_search_finds_a_name_whatever_its_accents_and_case(client, cities, q):
    assert _public_names(client, q=q) == ["Malmö"]


def test_the_public_city_list_sorts_in_the_readers_order(client, cities):
    assert _public_names(client) == ["Ålesund", "Bagcilar", "Bălți", "bergen", "Budapest", "Łódź", "Malmö"]


def test_the_register_searches_and_sorts_the_same_way(alice, cities):
    found = city_list_filtered(alice, QueryDict("q=lodz"))
    assert [c.name_en for c in found.cities] == ["Łódź"]
    listing = city_list_filtered(alice, QueryDict(""))
    assert [c.name_en for c in listing.cities] == sorted(NAMES, key=collation_key)
    backwards = city_list_filtered(alice, QueryDict("sort=-name"))
    assert [c.name_en for c in backwards.cities] == sorted(NAMES, key=collation_key, reverse=True)


def test_the_fees_search_ignores_accents(alice, cities):
    fees_open_year(year=2026, by=alice)
    listing = fee_list_filtered(QueryDict("year=2026&q=BALTI"))
    assert [p.city.name_en for p in listing.periods] == ["Bălți"]


def test_the_api_city_search_ignores_accents_and_case(client, cities):
    items = client.get("/api/v1/cities", {"q": "malmo"}).json()["items"]
    assert [item["slug"] for item in items] == ["malmo"]
