"""The gender lens on the public site: a city's page and the open data of a round answered with a version
that has gender-lens questions, and "no gender-lens score (not 0)" for a version without them."""

import csv
import io
import json

import pytest
from django.test import Client

from icc.index.models import ResponseScore, RoundStatus
from icc.index.selectors.scores import score_text
from icc.index.services.publication import response_publication_decide, round_results_publish
from icc.index.services.rounds import round_change_status
from tests.public.test_city_pages import world_fixture  # noqa: F401 (the round without a gender lens)
from tests.reports.test_city_report_gender_lens import GENDER_ANSWERS, _validated, _with_gender_lens


@pytest.fixture
def published(alice, lyon, porto, reggio, django_capture_on_commit_callbacks):
    cities = {"Lyon": lyon, "Porto": porto, "Reggio Emilia": reggio}
    responses = _validated(
        _with_gender_lens(), cities, alice, django_capture_on_commit_callbacks, GENDER_ANSWERS
    )
    round_ = responses["Lyon"].round
    round_change_status(round=round_, status=RoundStatus.CLOSED, by=alice)
    for name, response in responses.items():
        responses[name] = response_publication_decide(response=response, agreed=name != "Porto", by=alice)
    round_results_publish(round=round_, by=alice)
    return responses


def _text(response) -> str:
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")


def test_a_city_page_shows_its_gender_lens_against_the_published_average(published):
    lyon = ResponseScore.objects.get(response=published["Lyon"]).scores["groups"]
    page = Client().get("/en/cities/lyon/").content.decode()
    lens = page[page.index("The city through a gender lens") :]
    lens = lens[: lens.index("</tr>")]
    assert score_text(lyon["gender_lens"]) in lens  # Lyon 2 + 0 of 4: 50.0
    assert "25.0" in lens  # the average of Lyon (50) and Reggio Emilia (0); Porto refused publication
    assert "no gender-lens questions" not in page


def test_a_city_page_of_a_version_without_gender_questions_says_there_is_no_score(world):
    page = Client().get("/fr/cities/lyon/").content.decode()
    assert "The city through a gender lens" not in page
    page = Client().get("/en/cities/lyon/").content.decode()
    assert "This questionnaire version has no gender-lens questions" in page
    assert "not a score of 0" in page


def test_open_data_have_a_gender_lens_column_for_the_published_cities(published):
    round_id = published["Lyon"].round_id
    rows = list(
        csv.DictReader(io.StringIO(_text(Client().get(f"/en/data/{round_id}/scores.csv")).lstrip("\ufeff")))
    )
    assert {row["city"]: row["group_gender_lens"] for row in rows} == {"Lyon": "50.0", "Reggio Emilia": "0.0"}
    document = json.loads(_text(Client().get(f"/en/data/{round_id}/scores.json")))
    assert {c["city"]: c["groups"]["gender_lens"] for c in document["cities"]} == {
        "Lyon": 50.0,
        "Reggio Emilia": 0.0,
    }


def test_open_data_of_a_version_without_gender_questions_have_no_gender_column(world):
    rows = list(
        csv.DictReader(
            io.StringIO(_text(Client().get(f"/en/data/{world.round.pk}/scores.csv")).lstrip("\ufeff"))
        )
    )
    assert rows and "group_gender_lens" not in rows[0] and "group_intercultural_lens" in rows[0]


def test_the_methodology_page_says_how_the_gender_lens_is_scored_in_english_and_french(db):
    english = Client().get("/en/methodology/").content.decode()
    french = Client().get("/fr/methodology/").content.decode()
    assert 'id="gender-lens"' in english and "is a group of questions, not of areas" in english
    assert "est un groupe de questions, non de domaines" in french
    assert "pas de score du prisme du genre, et non un score de 0" in french
