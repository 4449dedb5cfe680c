"""The gender-lens section of a city's analytical report: the score, the sample's mean and the gender-lens
questions for a version that has them; "no gender-lens score (not 0)" for one that has not."""

import hashlib
import json

import pytest

from icc.index.models import Questionnaire
from icc.reports.selectors.city_report import CityReport, city_report_content, city_report_html
from tests.factories import EXAMPLE_QUESTIONNAIRE, QuestionnaireFactory, ResponseFactory, RoundFactory
from tests.index.helpers import ANSWERS, fill_and_submit, validate

GENDER_ANSWERS = {
    "Lyon": {"commitment.gender_strategy": "fully", "public_services.women_reach": "no"},
    "Porto": {"commitment.gender_strategy": "partly", "public_services.women_reach": "partly"},
    "Reggio Emilia": {"commitment.gender_strategy": "no", "public_services.women_reach": "no"},
}


def _graded(qid: str, text: str) -> dict:
    return {
        "id": qid,
        "data_type": "input",
        "type": "single_choice",
        "text": {"en": text, "fr": f"{text} (fr)"},
        "options": [
            {"id": "no", "points": 0, "label": {"en": "No", "fr": "Non"}},
            {"id": "partly", "points": 1, "label": {"en": "Partly", "fr": "En partie"}},
            {"id": "fully", "points": 2, "label": {"en": "Fully", "fr": "Pleinement"}},
        ],
        "recommendation": {"en": f"Recommendation for {qid}.", "fr": f"Recommandation pour {qid}."},
    }


def _with_gender_lens() -> Questionnaire:
    document = json.loads(EXAMPLE_QUESTIONNAIRE.read_text())
    document["id"] = "icc-example-gender"
    areas = {a["id"]: a for a in document["areas"]}
    areas["commitment"]["questions"].append(
        _graded("commitment.gender_strategy", "Does the strategy consider women?")
    )
    areas["public_services"]["questions"].append(
        _graded("public_services.women_reach", "Do services reach women?")
    )
    document["groups"].append(
        {
            "id": "gender_lens",
            "title": {"en": "The city through a gender lens", "fr": "La ville à travers le prisme du genre"},
            "questions": ["commitment.gender_strategy", "public_services.women_reach"],
        }
    )
    raw = json.dumps(document, sort_keys=True).encode()
    return QuestionnaireFactory(
        key=document["id"], document=document, source_sha256=hashlib.sha256(raw).hexdigest()
    )


def _validated(questionnaire, cities, alice, capture, extra=None):
    round_ = RoundFactory(name="Index 2026", questionnaire=questionnaire)
    responses = {}
    for name, city in cities.items():
        response = ResponseFactory(round=round_, city=city)
        fill_and_submit(response, {**ANSWERS[name], **((extra or {}).get(name, {}))})
        responses[name] = validate(response, alice, capture)
    return responses


@pytest.fixture
def cities(lyon, porto, reggio):
    return {"Lyon": lyon, "Porto": porto, "Reggio Emilia": reggio}


def test_a_version_with_a_gender_lens_shows_its_score_mean_and_questions(
    cities, alice, django_capture_on_commit_callbacks
):
    responses = _validated(
        _with_gender_lens(), cities, alice, django_capture_on_commit_callbacks, GENDER_ANSWERS
    )
    content = city_report_content(responses["Porto"], language="en")

    lens = content.gender_lens
    assert lens is not None and lens.available
    assert lens.title == "The city through a gender lens"
    assert lens.score_text == "50.0"  # 1 + 1 of 2 + 2 points
    # Lyon 2 + 0 of 4, Porto 1 + 1 of 4, Reggio Emilia 0 of 4: (50 + 50 + 0) / 3
    assert lens.sample_mean == "33.3"
    assert [q.question for q in lens.questions] == [
        "Does the strategy consider women?",
        "Do services reach women?",
    ]
    assert lens.questions[0].answer == "Partly"

    html = city_report_html(
        content, commentary={"gender_equality": "Women's groups were met."}, standalone=False
    )
    section = html[html.index('id="sec-gender"') :]
    section = section[: section.index("</section>")]
    assert "Gender-lens score" in section and "Do services reach women?" in section
    assert "Women&#x27;s groups were met." in section
    assert ("gender_equality", "Gender equality") in content.sections()


def test_a_low_gender_answer_brings_its_recommendation_into_the_section(
    cities, alice, django_capture_on_commit_callbacks
):
    responses = _validated(
        _with_gender_lens(), cities, alice, django_capture_on_commit_callbacks, GENDER_ANSWERS
    )
    lens = city_report_content(responses["Reggio Emilia"], language="fr").gender_lens
    assert lens is not None
    assert lens.score_text == "0,0"
    assert [q.recommendation for q in lens.recommended] == [
        "Recommandation pour commitment.gender_strategy.",
        "Recommandation pour public_services.women_reach.",
    ]


def test_a_version_without_a_gender_lens_says_there_is_no_score_not_zero(
    cities, alice, django_capture_on_commit_callbacks
):
    document = json.loads(EXAMPLE_QUESTIONNAIRE.read_text())
    questionnaire = QuestionnaireFactory(key=document["id"], document=document)
    responses = _validated(questionnaire, cities, alice, django_capture_on_commit_callbacks)
    content = city_report_content(responses["Lyon"], language="en")

    assert content.gender_lens is not None and not content.gender_lens.available
    html = city_report_html(content, commentary={}, standalone=False)
    section = html[html.index('id="sec-gender"') :]
    section = section[: section.index("</section>")]
    assert "no gender-lens score" in section and "not a score of 0" in section
    assert "Gender-lens score" not in section


def test_a_report_frozen_before_the_gender_lens_renders_without_it(
    cities, alice, django_capture_on_commit_callbacks
):
    document = json.loads(EXAMPLE_QUESTIONNAIRE.read_text())
    questionnaire = QuestionnaireFactory(key=document["id"], document=document)
    responses = _validated(questionnaire, cities, alice, django_capture_on_commit_callbacks)
    stored = city_report_content(responses["Lyon"], language="en").to_dict()
    del stored["gender_lens"]

    html = city_report_html(CityReport.from_dict(stored), commentary={}, standalone=False)
    assert 'id="sec-gender"' not in html
