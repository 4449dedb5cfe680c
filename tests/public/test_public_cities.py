"""Which cities are public is one rule (`City.objects.public()`): every public channel agrees on it.

A city is public when it is a member or a candidate, or when it has published Index results whatever its
status now (like Udine in the demo: suspended, with its 2014 and 2022 results published).
"""

import csv
import io
import re
import unicodedata

import pytest
from django.test import Client

from icc.network.models import City, CityStatus
from tests.factories import CityFactory


def _channels(client: Client, slug: str, round_id: int) -> dict[str, bool]:
    """Whether each public channel shows the city."""
    sitemap = client.get("/sitemap.xml").content.decode()
    listing = client.get("/en/cities/", {"q": ""}).content.decode()
    rows = list(csv.DictReader(io.StringIO(client.get("/en/data/cities.csv").content.decode("utf-8-sig"))))
    api_list = client.get("/api/v1/cities", {"limit": 100}).json()
    results = client.get(f"/api/v1/rounds/{round_id}/results").json()
    return {
        "city page": client.get(f"/en/cities/{slug}/").status_code == 200,
        "city list": f'href="/en/cities/{slug}/"' in listing,
        "sitemap": f"<loc>http://testserver/en/cities/{slug}/</loc>" in sitemap,
        "cities.csv": slug in {row["slug"] for row in rows},
        "API city": client.get(f"/api/v1/cities/{slug}").status_code == 200,
        "API list": slug in {c["slug"] for c in api_list["items"]},
    } | ({"round results": True} if slug in {c["city"] for c in results["cities"]} else {})


def _set_status(city: City, status: str) -> None:
    City.objects.filter(pk=city.pk).update(status=status)


@pytest.mark.parametrize("status", CityStatus.values)
def test_every_channel_agrees_on_a_city_with_published_results(client, published, status):
    lyon, _porto = published
    _set_status(lyon.city, status)

    shown = _channels(client, "lyon", lyon.round_id)

    # Its results stay published, so the city stays public everywhere, whatever its status now.
    assert shown == dict.fromkeys([*shown], True) and "round results" in shown


@pytest.mark.parametrize("status", CityStatus.values)
def test_every_channel_agrees_on_a_city_without_published_results(client, published, status):
    lyon, porto = published  # Porto refused publication
    _set_status(porto.city, status)

    shown = _channels(client, "porto", lyon.round_id)

    public = status in (CityStatus.MEMBER, CityStatus.CANDIDATE)
    assert shown == dict.fromkeys(
        ["city page", "city list", "sitemap", "cities.csv", "API city", "API list"], public
    )


@pytest.mark.parametrize("status", [CityStatus.SUSPENDED, CityStatus.WITHDRAWN])
def test_a_suspended_or_withdrawn_city_with_published_results_never_shows_its_status(
    client, published, status
):
    lyon, _porto = published
    _set_status(lyon.city, status)
    label = str(CityStatus(status).label)

    assert label not in client.get("/en/cities/lyon/").content.decode()
    assert label not in client.get("/en/cities/").content.decode()
    row = next(
        r
        for r in csv.DictReader(io.StringIO(client.get("/en/data/cities.csv").content.decode("utf-8-sig")))
        if r["slug"] == "lyon"
    )
    assert row["status"] == ""
    assert client.get("/api/v1/cities/lyon").json()["status"] is None
    # Asking the API for suspended (or withdrawn) cities does not reveal it either.
    assert client.get("/api/v1/cities", {"status": status}).json()["items"] == []


def _compare_message(client: Client, slug: str, round_id: int) -> str:
    page = client.get("/en/compare/", {"cities": f"lyon,{slug}", "round": round_id}).content.decode()
    found = re.search(r"cities: [^<]*", unicodedata.normalize("NFC", page))
    assert found, page
    return found.group(0).replace(slug, "SLUG")


@pytest.mark.parametrize("status", [CityStatus.ENQUIRY, CityStatus.SUSPENDED, CityStatus.WITHDRAWN])
def test_compare_does_not_confirm_that_a_city_outside_the_public_register_exists(client, published, status):
    lyon, _porto = published
    CityFactory(name_en="Hiddenville", slug="hiddenville", status=status)

    hidden = _compare_message(client, "hiddenville", lyon.round_id)

    assert hidden == _compare_message(client, "nowhere-at-all", lyon.round_id)
    assert "Hiddenville" not in client.get("/en/compare/", {"cities": "hiddenville"}).content.decode()


def test_a_national_network_lists_the_same_cities_as_the_city_list(client, reggio, bergamo):
    _set_status(bergamo, CityStatus.ENQUIRY)
    _set_status(reggio, CityStatus.SUSPENDED)

    network = client.get("/api/v1/networks/rici").json()

    assert network["cities"] == [] and network["lead_city"] is None
    assert client.get("/en/cities/reggio-emilia/").status_code == 404
