"""/data/gaps.csv: the gaps cities published, every period, with the gap format's statistics unrounded;
withheld records keep their row without figures; nothing of a city that did not publish."""

import csv
import io

import pytest

from icc.gaps.services.publication import city_gaps_publish, city_gaps_withdraw
from tests.conftest import client_for
from tests.gaps.reading_data import enter_lyon_gaps


@pytest.fixture
def lyon_gaps(lyon, alice):
    return enter_lyon_gaps(lyon, alice)


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_unpublished_gaps_are_not_in_the_file(lyon_gaps):
    response = client_for(None).get("/en/data/gaps.csv")
    assert response.status_code == 200
    assert _rows(response) == []
    assert "gap_pp" in response.content.decode("utf-8-sig").splitlines()[0]


def test_published_gaps_are_in_the_file_with_both_rates_and_withheld_rows_without_figures(lyon_gaps, alice):
    city_gaps_publish(city=lyon_gaps["native_born"].city, by=alice)
    response = client_for(None).get("/en/data/gaps.csv")
    assert 'rel="license"' in response["Link"]
    rows = _rows(response)
    employment = next(
        r
        for r in rows
        if r["indicator"] == "employment_rate"
        and r["period"] == "2024"
        and r["focal_group"] == "foreign_born"
    )
    assert employment["city"] == "Lyon" and employment["reference_group"] == "native_born"
    assert float(employment["focal_rate"]) == 0.65 and float(employment["reference_rate"]) == 0.7
    assert float(employment["gap_pp"]) == pytest.approx(-5.0)
    assert employment["significant"] == "yes" and employment["missing_reason"] == ""
    withheld = next(r for r in rows if r["focal_group"] == "non_eu_nationals")
    assert withheld["missing_reason"] == "withheld"
    assert all(withheld[c] == "" for c in ("focal_rate", "reference_rate", "focal_n", "gap_pp", "gap_score"))
    assert "0.4" not in response.content.decode("utf-8-sig")  # the withheld group's rate (8 of 20)
    assert {r["period"] for r in rows} == {"2022", "2024"}


def test_a_withdrawal_empties_the_file_at_once(lyon_gaps, alice):
    city = lyon_gaps["native_born"].city
    city_gaps_publish(city=city, by=alice)
    client = client_for(None)
    first = client.get("/en/data/gaps.csv")
    assert _rows(first)
    city_gaps_withdraw(city=city, by=alice)
    again = client.get("/en/data/gaps.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and _rows(again) == []


def test_the_data_page_and_the_dictionary_describe_the_file(db):
    client = client_for(None)
    assert "/en/data/gaps.csv" in client.get("/en/data/").content.decode()
    dictionary = client.get("/en/data/dictionary/").content.decode()
    assert "gap_ci_low" in dictionary and "missing_reason" in dictionary


def test_the_data_catalogue_describes_the_gaps_file_once_a_city_publishes(lyon_gaps, alice):
    from django.core.cache import cache

    from tests.public.test_open_data_harvest import _jsonld

    def gap_datasets():
        cache.clear()
        catalog = _jsonld(client_for(None).get("/en/data/"))
        return [d for d in catalog["dataset"] if d["@id"].endswith("/en/data/gaps.csv")]

    assert gap_datasets() == []  # nobody published: no dataset to describe
    city_gaps_publish(city=lyon_gaps["native_born"].city, by=alice)
    (dataset,) = gap_datasets()
    assert dataset["description"].startswith("Opportunity and achievement gaps between communities that 1 ")
    assert dataset["distribution"][0]["contentUrl"] == dataset["@id"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
