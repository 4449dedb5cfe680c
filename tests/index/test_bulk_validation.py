"""Responses are validated in bulk: the same answers accepted, the same codes, the same errors as one by one.

`parse_responses` checks every answer of every city at once with numpy and, only when something is
wrong, walks the answers one by one to name each problem. Encoding a plain list of `Response` (as
`score` does with one) always walks them: the two must agree on every answer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icc.index.scoring import (
    Response,
    ResponseSet,
    ScoringInputError,
    parse_questionnaire,
    parse_responses,
    score,
)

QUESTIONNAIRE = parse_questionnaire(
    {
        "id": "bulk",
        "areas": [
            {
                "id": "a",
                "questions": [
                    {
                        "id": "a.single",
                        "data_type": "input",
                        "type": "single_choice",
                        "options": [{"id": "x", "points": 0}, {"id": "y", "points": 2}],
                    },
                    {
                        "id": "a.single_na",
                        "data_type": "input",
                        "type": "single_choice",
                        "allow_na": True,
                        "options": [{"id": "x", "points": 1}, {"id": "z", "points": 3}],
                    },
                    {
                        "id": "a.yes_no",
                        "data_type": "impact",
                        "type": "yes_no",
                        "options": [{"id": "no", "points": 0}, {"id": "yes", "points": 1}],
                    },
                    {
                        "id": "a.multi",
                        "data_type": "input",
                        "type": "multiple_choice",
                        "allow_na": True,
                        "options": [{"id": k, "points": p} for k, p in (("p", 1), ("q", 2), ("r", 0))],
                    },
                    {
                        "id": "a.multi_no_na",
                        "data_type": "input",
                        "type": "multiple_choice",
                        "options": [{"id": "p", "points": 1}, {"id": "s", "points": 1}],
                    },
                    {
                        "id": "a.follow_up",
                        "data_type": "input",
                        "type": "single_choice",
                        "show_if": {"question": "a.single", "in": ["y"]},
                        "options": [{"id": "x", "points": 0}, {"id": "y", "points": 1}],
                    },
                ],
            },
            {
                "id": "facts",
                "optional": True,
                "questions": [
                    {
                        "id": "facts.choice",
                        "data_type": "fact",
                        "type": "single_choice",
                        "options": [{"id": "big"}, {"id": "small"}],
                    },
                    {
                        "id": "facts.choices",
                        "data_type": "fact",
                        "type": "multiple_choice",
                        "options": [{"id": "big"}, {"id": "small"}],
                    },
                    {"id": "facts.number", "data_type": "fact", "type": "number"},
                    {"id": "facts.number_na", "data_type": "fact", "type": "number", "allow_na": True},
                    {"id": "facts.share", "data_type": "fact", "type": "percentage"},
                    {"id": "facts.year", "data_type": "fact", "type": "year"},
                    {"id": "facts.text", "data_type": "fact", "type": "text"},
                ],
            },
        ],
    }
)

VALID = [
    ("a.single", "y"),
    ("a.single_na", "n/a"),
    ("a.single_na", "z"),
    ("a.yes_no", "yes"),
    ("a.multi", ["r", "p"]),
    ("a.multi", []),
    ("a.multi", "n/a"),
    ("a.multi_no_na", ["s"]),
    ("a.follow_up", "x"),
    ("facts.choice", "small"),
    ("facts.choices", ["big", "small"]),
    ("facts.number", -3),
    ("facts.number", 2.5e299),
    ("facts.number_na", "n/a"),
    ("facts.share", 100.0),
    ("facts.share", 0),
    ("facts.year", 1990),
    ("facts.year", 10**400),  # a whole number, however large
    ("facts.text", "n/a"),  # a text that says n/a
    ("facts.text", ""),
    ("a.single", None),  # unanswered
]

INVALID = [
    ("a.single", "z", 'unknown option id "z" (options: x, y)'),
    ("a.single", "n/a", '"n/a" is not allowed for this question'),
    ("a.single", ["y"], "a list was given for a single_choice question"),
    ("a.single", 1, "expected an option id (a string), got a number 1"),
    ("a.single", True, "expected an option id (a string), got a boolean true"),
    ("a.single", {"id": "y"}, "expected an option id (a string), got an object"),
    ("a.yes_no", "true", 'unknown option id "true"'),
    ("a.multi", "p", 'expected a list of option ids, got a string "p"'),
    ("a.multi", ["p", "p"], 'duplicate option id "p" in the list'),
    ("a.multi", ["s"], 'unknown option id "s" (options: p, q, r)'),
    ("a.multi", ["n/a"], 'unknown option id "n/a"'),
    ("a.multi", [1], "expected option ids (strings) in the list, got a number 1"),
    ("a.multi_no_na", "n/a", '"n/a" is not allowed for this question'),
    ("facts.choice", "medium", 'unknown option id "medium"'),
    ("facts.choices", ["big", "big"], 'duplicate option id "big"'),
    ("facts.number", "12", 'expected a number, got a string "12"'),
    ("facts.number", float("nan"), "expected a number, got a number NaN"),
    ("facts.number", float("inf"), "expected a number, got a number Infinity"),
    ("facts.number", 1e301, "expected a number"),
    ("facts.number", 10**400, "expected a number"),
    ("facts.number", False, "expected a number, got a boolean false"),
    ("facts.number", "n/a", '"n/a" is not allowed for this question'),
    ("facts.share", 100.5, "expected a percentage (a number from 0 to 100), got a number 100.5"),
    ("facts.share", -1, "expected a percentage"),
    ("facts.year", 1990.0, "expected a year (a whole number), got a number 1990.0"),
    ("facts.year", "1990", "expected a year (a whole number)"),
    ("facts.text", 12, "expected a text (a string), got a number 12"),
    ("facts.text", ["a"], "expected a text (a string), got a list"),
    ("a.unknown", "y", "unknown question id"),
]


def responses_doc(*answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "questionnaire": "bulk",
        "responses": [{"city": f"city {i}", "answers": a} for i, a in enumerate(answers)],
    }


def one_by_one(doc: dict[str, Any]) -> ResponseSet:
    """The responses encoded answer by answer, as `score` does with a plain list of Response."""
    responses = [
        Response(r["city"], {k: v for k, v in r["answers"].items() if v is not None})
        for r in doc["responses"]
    ]
    return ResponseSet.encode(QUESTIONNAIRE, responses)


def test_valid_answers_are_encoded_as_one_by_one():
    doc = responses_doc(*({qid: value} for qid, value in VALID), dict(VALID[:10]), {})
    bulk, single = parse_responses(doc, QUESTIONNAIRE), one_by_one(doc)
    assert np.array_equal(bulk.single, single.single)
    assert np.array_equal(bulk.multi, single.multi)
    assert [r.answers for r in bulk] == [r.answers for r in single]
    assert "a.single" not in bulk[len(VALID) - 1].answers  # a null answer is unanswered
    assert score(QUESTIONNAIRE, bulk).to_dict() == score(QUESTIONNAIRE, list(single)).to_dict()


def test_valid_answers_are_not_walked_one_by_one(monkeypatch):
    def walk(*args):
        raise AssertionError("valid answers walked one by one")

    monkeypatch.setattr("icc.index.scoring.responses._encode", walk)  # where parse_responses finds it
    usual = [(question, value) for question, value in VALID if value != 10**400]  # a float cannot hold it
    doc = responses_doc(*({qid: value} for qid, value in usual), dict(usual[:10]))
    assert len(parse_responses(doc, QUESTIONNAIRE)) == len(usual) + 1


@pytest.mark.parametrize(("question", "value", "message"), INVALID)
def test_an_invalid_answer_among_valid_ones_is_named(question, value, message):
    doc = responses_doc(dict(VALID[:10]), dict(VALID[:10]) | {question: value}, dict(VALID[10:]))
    with pytest.raises(ScoringInputError) as raised:
        parse_responses(doc, QUESTIONNAIRE)
    assert len(raised.value.problems) == 1
    assert f'city "city 1", question "{question}": {message}' in str(raised.value)


def test_every_invalid_answer_is_listed_not_only_the_first():
    doc = responses_doc(*({question: value} for question, value, _ in INVALID))
    with pytest.raises(ScoringInputError) as raised:
        parse_responses(doc, QUESTIONNAIRE)
    assert [(p.city, p.question) for p in raised.value.problems] == [
        (f"city {i}", question) for i, (question, _, _) in enumerate(INVALID)
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"facts": {"population": -1}}, 'city "city 1", question "facts.population": expected a number >= 0'),
        ({"facts": {"population": True}}, "expected a number >= 0, got a boolean true"),
        ({"facts": {"population": "522000"}}, 'expected a number >= 0, got a string "522000"'),
        ({"facts": {"population": float("nan")}}, "expected a number >= 0, got a number NaN"),
        ({"facts": {"population": 10**400}}, "expected a number >= 0"),
        ({"facts": {"foreign_born_share": 100.5}}, "expected a number from 0 to 100, got a number 100.5"),
        ({"facts": {"foreign_born_share": float("inf")}}, "expected a number from 0 to 100"),
        ({"facts": ["population"]}, '"facts" must be an object, got a list'),
        ({"answers": ["a.single"]}, '"answers" must be an object, got a list'),
        ({"city": " "}, 'response #2: city must be a non-empty string, got a string " "'),
        ({"city": 7}, "response #2: city must be a non-empty string, got a number 7"),
    ],
)
def test_a_malformed_response_among_good_ones_is_named(change, message):
    doc = responses_doc({"a.single": "y"}, {"a.single": "x"}, {})
    doc["responses"][1] |= change
    doc["responses"][0]["facts"] = {"population": 522000, "foreign_born_share": 12.5}
    with pytest.raises(ScoringInputError) as raised:
        parse_responses(doc, QUESTIONNAIRE)
    assert len(raised.value.problems) == 1
    assert message in str(raised.value)


def test_a_response_that_is_not_an_object_is_named():
    doc = responses_doc({"a.single": "y"}, {})
    doc["responses"][1] = "Lyon"
    with pytest.raises(ScoringInputError, match='response #2 must be an object, got a string "Lyon"'):
        parse_responses(doc, QUESTIONNAIRE)


def test_peer_group_facts_are_read_in_bulk_as_one_by_one():
    doc = responses_doc({}, {}, {})
    doc["responses"][0]["facts"] = {"population": 522000, "foreign_born_share": 12.5}
    doc["responses"][1]["facts"] = {"population": 0, "foreign_born_share": None}
    responses = parse_responses(doc, QUESTIONNAIRE)
    np.testing.assert_array_equal(responses.fact_values("population"), [522000, 0, np.nan])
    np.testing.assert_array_equal(responses.fact_values("foreign_born_share"), [12.5, np.nan, np.nan])
    assert score(QUESTIONNAIRE, responses).to_dict() == score(QUESTIONNAIRE, list(responses)).to_dict()


def test_a_city_given_twice_is_named():
    doc = responses_doc({"a.single": "y"}, {"a.single": "x"})
    doc["responses"][1]["city"] = "city 0"
    with pytest.raises(ScoringInputError, match='city "city 0": duplicate city'):
        parse_responses(doc, QUESTIONNAIRE)


QUESTIONS = [q for area in QUESTIONNAIRE.areas for q in area.questions]
ANY_VALUE = st.one_of(
    st.sampled_from([value for _, value in VALID] + [value for _, value, _ in INVALID]),
    st.lists(st.sampled_from(["p", "q", "r", "s", "big", "small", "n/a"]), max_size=4),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from([q.id for q in QUESTIONS] + ["a.unknown"]), ANY_VALUE),
        max_size=6,
    )
)
def test_bulk_and_one_by_one_agree_on_any_answers(answers):
    doc = responses_doc(*answers)
    try:
        expected = one_by_one(doc)
    except ScoringInputError as exc:
        with pytest.raises(ScoringInputError) as raised:
            parse_responses(doc, QUESTIONNAIRE)
        assert raised.value.problems == exc.problems
    else:
        bulk = parse_responses(doc, QUESTIONNAIRE)
        assert np.array_equal(bulk.single, expected.single)
        assert np.array_equal(bulk.multi, expected.multi)
