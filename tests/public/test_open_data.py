"""Open data: /data/, the dictionary and the downloads. Only what is published ever leaves: the cities
that agreed, in rounds whose results are published, their scores and never their answers."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from icc.index import scoring
from icc.index.models import ResponseScore, RoundScores
from icc.index.services.publication import response_publication_decide, round_results_withdraw
from icc.network.models import CityStatus
from icc.public.selectors.open_data import CITY_COLUMNS
from tests.factories import CityFactory, RoundFactory

DOCS = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"
# Lyon's answer to a text question (tests/index/data/responses.json): answers are never published.
LYON_ANSWER_TEXT = "A residents' assembly meets twice a year."


def _url(round_id, fmt="csv"):
    return f"/en/data/{round_id}/scores.{fmt}"


def _csv(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read accented names"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.fixture
def anonymous():
    return Client()


# The round's files -------------------------------------------------------------------------------


def test_the_scores_csv_holds_the_cities_that_agreed_with_their_stored_scores_unrounded(anonymous, published):
    lyon, _porto = published
    stored = ResponseScore.objects.get(response=lyon).scores

    response = anonymous.get(_url(lyon.round_id))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert [row["city"] for row in rows] == ["Lyon"]  # Porto refused publication
    row = rows[0]
    assert row["city_id"] == str(lyon.city_id) and row["country"] == "FR"
    assert float(row["aggregate"]) == stored["aggregate"]
    assert row["rank"] == str(stored["rank"]["sample"]) and row["ranked_among"] == "2"
    # 15 significant digits, as in every CSV and XLSX of the platform (the JSON keeps the stored value).
    for area, score in stored["areas"].items():
        assert row[f"area_{area}"] == ("" if score is None else repr(float(f"{score:.15g}")))
    assert row["group_intercultural_lens"] == repr(float(f"{stored['groups']['intercultural_lens']:.15g}"))
    assert row["peer_group_population"] == stored["peer_groups"]["population"]
    assert (
        f"{lyon.round.name.lower().replace(' ', '-')}-icc-example-scores.csv"
        in response["Content-Disposition"]
    )


def test_the_json_is_the_interchange_scores_document_of_the_published_cities(anonymous, published):
    lyon, _porto = published
    stored = ResponseScore.objects.get(response=lyon).scores

    document = json.loads(anonymous.get(_url(lyon.round_id, "json")).content)

    assert document["questionnaire"] == "icc-example"
    assert document["questionnaire_url"].endswith("/index/questionnaires/icc-example.json")
    assert [c["city"] for c in document["cities"]] == ["Lyon"]
    entry = document["cities"][0]
    assert {k: entry[k] for k in stored} == stored
    assert (entry["city_id"], entry["slug"], entry["country"]) == (lyon.city_id, "lyon", "FR")
    assert scoring.CityScores.from_dict(entry, document["questionnaire"]).aggregate == stored["aggregate"]
    assert document["round"]["id"] == lyon.round_id
    assert document["licence"]["id"] == "CC-BY-4.0"
    assert "CC BY 4.0" in document["licence"]["attribution"]


def test_statistics_are_over_the_published_cities_only(anonymous, published):
    lyon, porto = published
    lyon_score = ResponseScore.objects.get(response=lyon).scores["aggregate"]
    porto_score = ResponseScore.objects.get(response=porto).scores["aggregate"]
    assert lyon_score != porto_score

    sample = json.loads(anonymous.get(_url(lyon.round_id, "json")).content)["sample"]

    # With Porto's score in the mean, anyone could work out the score Porto did not agree to publish.
    assert sample["n"] == 1 and sample["ranked_among"] == 2
    assert sample["aggregate"]["mean"] == sample["aggregate"]["max"] == lyon_score
    assert set(sample["areas"]) >= {"commitment", "education"}
    assert set(sample["aggregate"]) == {"n", "mean", "median", "min", "max", "q1", "q3"}


def test_no_file_holds_a_city_that_did_not_agree_or_any_answer(anonymous, published):
    lyon, porto = published
    stored_porto = ResponseScore.objects.get(response=porto).scores

    for fmt in ("csv", "json", "xlsx"):
        response = anonymous.get(_url(lyon.round_id, fmt))
        assert response.status_code == 200
        if fmt == "xlsx":
            workbook = load_workbook(io.BytesIO(response.content))
            text = " ".join(
                str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
            )
        else:
            text = response.content.decode()
        assert "Porto" not in text, fmt
        assert repr(stored_porto["aggregate"]) not in text, fmt
        assert LYON_ANSWER_TEXT not in text, fmt


def test_a_city_that_withdraws_its_agreement_leaves_the_files_at_once(anonymous, published, alice):
    lyon, _porto = published
    before = anonymous.get(_url(lyon.round_id))

    response_publication_decide(response=lyon, agreed=False, by=alice)

    after = anonymous.get(_url(lyon.round_id), headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200, "the old ETag must not match once the content changed"
    assert _csv(after) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_round_whose_results_are_not_published_does_not_exist_here(anonymous, scored, fmt):
    lyon, _porto = scored  # validated and scored, but the results are not published

    assert anonymous.get(_url(lyon.round_id, fmt)).status_code == 404


def test_withdrawn_results_disappear_from_the_downloads(anonymous, published, alice):
    lyon, _porto = published
    round_results_withdraw(round=lyon.round, by=alice, reason="A correction is coming.")

    assert anonymous.get(_url(lyon.round_id, "json")).status_code == 404
    assert lyon.round.name not in anonymous.get("/en/data/").content.decode()


def test_unknown_rounds_and_formats_are_not_found(anonymous, published):
    lyon, _porto = published

    assert anonymous.get(_url(999_999)).status_code == 404
    assert anonymous.get(_url(lyon.round_id, "pdf")).status_code == 404
    assert anonymous.get(f"/en/data/{lyon.round.name}/scores.csv").status_code == 404


def test_the_xlsx_opens_with_scores_then_the_licence_then_statistics(anonymous, published):
    lyon, _porto = published

    response = anonymous.get(_url(lyon.round_id, "xlsx"))

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Scores", "Licence", "Statistics"]
    scores = list(workbook["Scores"].iter_rows(values_only=True))
    csv_rows = _csv(anonymous.get(_url(lyon.round_id)))
    assert list(scores[0]) == list(csv_rows[0])
    assert scores[1][list(scores[0]).index("aggregate")] == float(csv_rows[0]["aggregate"])
    licence = {row[0]: row[1] for row in workbook["Licence"].iter_rows(values_only=True)}
    assert "CC BY 4.0" in licence["Licence"]
    assert licence["Licence text"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Council of Europe" in licence["Credit the source as"]
    assert licence["Published cities"] == 1
    statistics = list(workbook["Statistics"].iter_rows(values_only=True))
    assert statistics[0][:2] == ("statistic", "aggregate")
    assert [row[0] for row in statistics[1:]] == ["n", "mean", "median", "min", "max", "q1", "q3"]


# Headers -----------------------------------------------------------------------------------------


def test_downloads_carry_the_licence_and_validators(anonymous, published):
    lyon, _porto = published

    response = anonymous.get(_url(lyon.round_id, "json"))

    assert 'rel="license"' in response["Link"] and "creativecommons.org/licenses/by/4.0" in response["Link"]
    assert "/en/data/dictionary/" in response["Link"]
    assert response["ETag"] and response["Last-Modified"]
    assert "no-cache" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_an_unchanged_file_is_not_sent_again(anonymous, published):
    lyon, _porto = published
    first = anonymous.get(_url(lyon.round_id))

    again = anonymous.get(_url(lyon.round_id), headers={"if-none-match": first["ETag"]})
    since = anonymous.get(_url(lyon.round_id), headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304 and since.status_code == 304


def test_recomputed_scores_change_the_etag(anonymous, published):
    lyon, _porto = published
    first = anonymous.get(_url(lyon.round_id))
    scores = RoundScores.objects.get(round=lyon.round)
    scores.computed_at = scores.computed_at.replace(year=scores.computed_at.year + 1)
    scores.save()

    again = anonymous.get(_url(lyon.round_id), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200 and again["ETag"] != first["ETag"]


# The cities file ---------------------------------------------------------------------------------


def test_the_cities_file_lists_members_and_candidates_with_their_public_facts(
    anonymous, lyon, porto, reggio, bergamo
):
    CityFactory(name_en="Enquirer", slug="enquirer", country="ES", status=CityStatus.ENQUIRY)
    CityFactory(name_en="Suspendia", slug="suspendia", country="ES", status=CityStatus.SUSPENDED)
    lyon.notes = "Internal: the mayor changes in May."
    lyon.save()

    response = anonymous.get("/en/data/cities.csv")

    assert response.status_code == 200
    rows = _csv(response)
    assert list(rows[0]) == [c.name for c in CITY_COLUMNS]
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == {"Lyon", "Porto", "Reggio Emilia", "Bergamo"}
    assert by_name["Lyon"]["population"] == "522000" and by_name["Lyon"]["country_name"] == "France"
    assert by_name["Lyon"]["city_id"] == str(lyon.pk)
    assert by_name["Bergamo"]["status"] == "candidate" and by_name["Bergamo"]["national_network"] == "rici"
    assert "Internal" not in response.content.decode()
    assert 'rel="license"' in response["Link"]


def test_a_changed_city_changes_the_cities_file_etag(anonymous, lyon):
    first = anonymous.get("/en/data/cities.csv")
    assert anonymous.get("/en/data/cities.csv", headers={"if-none-match": first["ETag"]}).status_code == 304

    lyon.population = 530_000
    lyon.save()

    assert anonymous.get("/en/data/cities.csv", headers={"if-none-match": first["ETag"]}).status_code == 200


# The pages ---------------------------------------------------------------------------------------


def test_the_data_page_lists_published_rounds_with_their_downloads(anonymous, published):
    lyon, _porto = published
    unpublished = RoundFactory(name="Index 2030")

    page = anonymous.get("/en/data/")

    text = page.content.decode()
    assert page.status_code == 200
    assert lyon.round.name in text and "Index 2030" not in text
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="{_url(lyon.round_id, fmt)}"' in text
    assert f"/en/data/{unpublished.pk}/" not in text
    assert 'href="/en/data/cities.csv"' in text
    assert 'href="/index/questionnaires/icc-example.json"' in text
    assert "not published, only their scores" in text
    assert "CC BY 4.0" in text and "GeoNames" in text
    assert "1 of 2" in text  # published cities out of the validated sample


def test_the_data_page_reads_a_bounded_number_of_times(anonymous, published, django_assert_max_num_queries):
    for n in range(3):
        RoundFactory(name=f"Draft round {n}")
    anonymous.get("/en/data/")  # the first page of all creates the network's settings row

    # 6 for the page, 1 for the rounds' dates and 3 for the cities file's date (its JSON-LD description).
    with django_assert_max_num_queries(11):  # 10, and the public content version (page_cache)
        assert anonymous.get("/en/data/").status_code == 200


def test_the_dictionary_describes_every_column_of_every_file(anonymous, published):
    lyon, _porto = published
    page = anonymous.get("/en/data/dictionary/").content.decode()
    csv_header = list(_csv(anonymous.get(_url(lyon.round_id)))[0])
    cities_header = [c.name for c in CITY_COLUMNS]
    areas = [c for c in csv_header if c.startswith(("area_", "group_"))]
    fixed = [c for c in csv_header if c not in areas]
    json_keys = list(json.loads(anonymous.get(_url(lyon.round_id, "json")).content))

    for column in [*cities_header, *fixed, *areas, *json_keys]:
        assert f"<code>{column}</code>" in page, column
    assert "Commitment" in page  # the area titles of the questionnaire


def test_docs_describe_every_column_and_the_licence(published, anonymous):
    lyon, _porto = published
    docs = DOCS.read_text()
    csv_header = list(_csv(anonymous.get(_url(lyon.round_id)))[0])
    fixed = [c for c in csv_header if not c.startswith(("area_", "group_"))]
    json_keys = list(json.loads(anonymous.get(_url(lyon.round_id, "json")).content))

    for column in [c.name for c in CITY_COLUMNS] + fixed + json_keys:
        assert f"`{column}`" in docs, column
    assert "CC BY 4.0" in docs and "GeoNames" in docs
