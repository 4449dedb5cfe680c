"""The 2026 version (icc/index/questionnaires/icc-2026.yaml): every 2019 question kept as it was, a gender
lens added in the areas it belongs to and scored as a group over its questions, comparable with 2019."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from icc.index.scoring import parse_questionnaire, parse_responses, score

SHIPPED = Path(__file__).resolve().parents[2] / "icc" / "index" / "questionnaires"
GENDER_LENS = [
    "commitment.gender_mainstreaming",
    "public_services.migrant_women_reach",
    "business.women_entrepreneurs",
    "public_space.safety_audit",
    "intelligence.gender_data",
    "welcoming.women_newcomers",
    "leadership.advisory_gender_balance",
    "anti_discrimination.multiple_discrimination",
]


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((SHIPPED / f"{name}.yaml").read_text())


def _questions(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for area in doc["areas"] for q in area["questions"]}


def test_every_2019_question_is_kept_with_its_area_options_and_points() -> None:
    old, new = _load("icc-2019"), _load("icc-2026")
    new_questions = _questions(new)
    for area in old["areas"]:
        new_area = next(a for a in new["areas"] if a["id"] == area["id"])
        assert (new_area["weight"], new_area["optional"]) == (area["weight"], area["optional"])
        for question in area["questions"]:
            assert new_questions[question["id"]] == question
            assert question["id"] in {q["id"] for q in new_area["questions"]}
    assert set(new_questions) - set(_questions(old)) == set(GENDER_LENS)


def test_the_gender_lens_questions_are_graded_and_written_in_english_and_french() -> None:
    questions = _questions(_load("icc-2026"))
    for qid in GENDER_LENS:
        question = questions[qid]
        assert [o["points"] for o in question["options"]] == [0, 1, 2, 3]
        for key in ("text", "help", "evidence_prompt", "recommendation"):
            assert question[key]["en"] and question[key]["fr"], (qid, key)
        assert "Index" not in question["text"]["fr"]


def test_the_gender_lens_is_a_group_over_its_questions_and_areas_compare_with_2019() -> None:
    doc = _load("icc-2026")
    groups = {g["id"]: g for g in doc["groups"]}
    assert groups["gender_lens"]["questions"] == GENDER_LENS
    assert groups["intercultural_lens"] == _load("icc-2019")["groups"][0]
    scored_areas = {a["id"] for a in doc["areas"] if a["id"] != "facts"}
    assert set(doc["comparable_with"]["icc-2019"]) == scored_areas
    assert doc["comparable_with"]["icc-2009"] == _load("icc-2019")["comparable_with"]["icc-2009"]


def test_a_city_answering_every_gender_question_fully_scores_100_in_the_gender_lens() -> None:
    questionnaire = parse_questionnaire(_load("icc-2026"))
    answers = {qid: "fully" for qid in GENDER_LENS}
    answers |= {qid: "no" for qid in GENDER_LENS[:2]}
    doc = score(
        questionnaire, parse_responses({"responses": [{"city": "Lyon", "answers": answers}]}, questionnaire)
    )
    assert doc.city("Lyon").groups["gender_lens"] == pytest.approx(100.0 * 18 / 24)


def test_a_2019_score_has_no_gender_lens_at_all() -> None:
    questionnaire = parse_questionnaire(_load("icc-2019"))
    doc = score(
        questionnaire, parse_responses({"responses": [{"city": "Lyon", "answers": {}}]}, questionnaire)
    )
    assert "gender_lens" not in doc.to_dict()["cities"][0]["groups"]
