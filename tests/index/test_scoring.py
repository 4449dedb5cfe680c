"""Hand-computed cases for the Index scoring engine (docs/index-format.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from icc.index.scoring import (
    DEFAULT_BANDS,
    BandScale,
    CityScores,
    PeerBands,
    Response,
    ScoresDocument,
    ScoringInputError,
    best_in_area,
    competition_ranks,
    data_checks,
    explain,
    parse_questionnaire,
    parse_responses,
    progress,
    robustness,
    score,
)

DATA = Path(__file__).parent / "data"


# Small builders: a question is a dict in the interchange format.


def single(qid: str, points: tuple[float, ...] = (0, 1, 2), **extra: Any) -> dict[str, Any]:
    options = [{"id": f"o{p}" if isinstance(p, int) else f"o{i}", "points": p} for i, p in enumerate(points)]
    return {"id": qid, "data_type": "input", "type": "single_choice", "options": options, **extra}


def yes_no(qid: str, yes: float = 1, **extra: Any) -> dict[str, Any]:
    options = [{"id": "no", "points": 0}, {"id": "yes", "points": yes}]
    return {"id": qid, "data_type": "input", "type": "yes_no", "options": options, **extra}


def multi(qid: str, points: Mapping[str, float], **extra: Any) -> dict[str, Any]:
    options = [{"id": oid, "points": p} for oid, p in points.items()]
    return {"id": qid, "data_type": "input", "type": "multiple_choice", "options": options, **extra}


def area(aid: str, *questions: dict[str, Any], weight: float = 1.0, optional: bool = False) -> dict[str, Any]:
    return {"id": aid, "weight": weight, "optional": optional, "questions": list(questions)}


def qdoc(*areas: dict[str, Any], groups: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": "test", "areas": list(areas), "groups": groups or []}


def rdoc(*cities: tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    responses = [{"city": c[0], "answers": c[1], "facts": c[2] if len(c) > 2 else {}} for c in cities]
    return {"questionnaire": "test", "responses": responses}


def run(questionnaire: dict[str, Any], *cities: Any, bands: PeerBands = DEFAULT_BANDS) -> ScoresDocument:
    q = parse_questionnaire(questionnaire)
    return score(q, parse_responses(rdoc(*cities), q), bands=bands)


def problems_of(exc: pytest.ExceptionInfo[ScoringInputError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


@pytest.fixture
def example() -> tuple[Any, Any]:
    q = parse_questionnaire(json.loads((DATA / "questionnaire.json").read_text()))
    return q, parse_responses(json.loads((DATA / "responses.json").read_text()), q)


# The example files (tests/index/data), computed by hand.


def test_example_scores_match_the_hand_computation(example):
    q, responses = example
    doc = score(q, responses).to_dict()
    by_city = {c["city"]: c for c in doc["cities"]}
    lyon = by_city["Lyon"]
    # commitment 5/5; education (2 + min(1+2+1, 3)) / (3 + 3); public services 3/5; language 2/3
    assert lyon["areas"] == pytest.approx(
        {
            "commitment": 100.0,
            "education": 500 / 6,
            "public_services": 60.0,
            "language": 200 / 3,
            "participation": 75.0,
        }
    )
    # (2 x 100 + 83.33 + 60 + 66.67) / 5; participation is optional
    assert lyon["aggregate"] == pytest.approx(82.0)
    assert lyon["groups"]["intercultural_lens"] == pytest.approx((500 / 6 + 60) / 2)
    assert lyon["complete"] is True
    assert lyon["peer_groups"] == {"population": ">=500k", "diversity": "10-15%"}

    porto = by_city["Porto"]
    assert porto["areas"]["language"] is None  # both questions n/a
    assert porto["areas"]["education"] == pytest.approx(100 / 3)  # mixed_schools n/a
    assert porto["areas"]["participation"] == 0.0  # unanswered
    assert porto["complete"] is False
    assert porto["aggregate"] == pytest.approx((2 * 60 + 100 / 3 + 100) / 4)

    assert {c: by_city[c]["rank"]["sample"] for c in by_city} == {
        "Lyon": 1, "Limassol": 2, "Porto": 3, "Bergamo": 4, "Reggio Emilia": 4, "Neuchâtel": 6,
    }  # fmt: skip
    assert by_city["Reggio Emilia"]["peer_groups"]["population"] == "100k-200k"  # exactly 100,000
    assert by_city["Bergamo"]["peer_groups"]["diversity"] == "15-20%"  # exactly 15.0
    assert by_city["Limassol"]["peer_groups"] == {"population": "<100k", "diversity": None}
    assert by_city["Limassol"]["rank"] == {"sample": 2, "population": 1, "diversity": None}
    assert by_city["Neuchâtel"]["rank"] == {"sample": 6, "population": 2, "diversity": 2}

    aggregate = doc["sample"]["aggregate"]
    assert doc["sample"]["n"] == 6
    assert aggregate["mean"] == pytest.approx(350 / 6)
    assert aggregate["median"] == pytest.approx((58 + 190 / 3) / 2)
    assert aggregate["q1"] == pytest.approx(58.0)
    assert aggregate["q3"] == pytest.approx(190 / 3 + 0.75 * (64 - 190 / 3))
    assert (aggregate["min"], aggregate["max"]) == (pytest.approx(74 / 3), 82.0)
    assert doc["sample"]["areas"]["language"]["n"] == 5


def test_the_scores_document_has_the_interchange_keys_and_is_strict_json(example):
    doc = score(*example).to_dict()
    assert set(doc) == {"questionnaire", "cities", "sample"}
    assert set(doc["cities"][0]) == {
        "city",
        "complete",
        "aggregate",
        "areas",
        "groups",
        "peer_groups",
        "rank",
    }
    assert set(doc["sample"]["areas"]["commitment"]) >= {"mean", "median", "min", "max", "n"}
    json.dumps(doc, allow_nan=False)


# Scoring rules


def test_na_leaves_the_question_out_of_both_sums():
    doc = run(
        qdoc(area("a", single("a.1"), single("a.2", allow_na=True))), ("Lyon", {"a.1": "o2", "a.2": "n/a"})
    )
    assert doc.city("Lyon").areas["a"] == 100.0
    assert doc.city("Lyon").complete is True


def test_an_unanswered_question_earns_0_of_its_full_points_and_makes_the_response_incomplete():
    doc = run(qdoc(area("a", single("a.1"), single("a.2", (0, 1, 3)))), ("Lyon", {"a.1": "o2"}))
    assert doc.city("Lyon").areas["a"] == pytest.approx(100 * 2 / 5)
    assert doc.city("Lyon").complete is False


def test_a_null_answer_counts_as_unanswered():
    doc = run(qdoc(area("a", single("a.1"), single("a.2"))), ("Lyon", {"a.1": "o2", "a.2": None}))
    assert doc.city("Lyon").areas["a"] == 50.0
    assert doc.city("Lyon").complete is False


def test_multiple_choice_scores_the_sum_of_chosen_points_capped_at_max_points():
    q = qdoc(area("a", multi("a.m", {"x": 1, "y": 2, "z": 2}, max_points=3)))
    doc = run(q, ("Lyon", {"a.m": ["x", "y", "z"]}), ("Porto", {"a.m": ["x"]}), ("Bergamo", {"a.m": []}))
    assert doc.city("Lyon").areas["a"] == 100.0  # 5 capped at 3
    assert doc.city("Porto").areas["a"] == pytest.approx(100 / 3)
    assert doc.city("Bergamo").areas["a"] == 0.0
    assert doc.city("Bergamo").complete is True  # an empty list is an answer


def test_max_points_defaults_to_the_sum_of_positive_points():
    q = qdoc(area("a", multi("a.m", {"x": 2, "penalty": -1, "y": 1})))
    doc = run(q, ("Lyon", {"a.m": ["x", "penalty"]}), ("Porto", {"a.m": ["penalty"]}))
    assert doc.city("Lyon").areas["a"] == pytest.approx(100 * 1 / 3)
    assert doc.city("Porto").areas["a"] == 0.0  # a negative total is floored at 0


def test_multiple_choice_with_many_options_scores_the_same_way():
    points = {f"x{i}": i % 3 for i in range(12)}  # past the subset lookup table
    q = qdoc(area("a", multi("a.m", points, max_points=10)))
    doc = run(q, ("Lyon", {"a.m": ["x1", "x2", "x4"]}), ("Porto", {"a.m": list(points)}))
    assert doc.city("Lyon").areas["a"] == pytest.approx(100 * (1 + 2 + 1) / 10)
    assert doc.city("Porto").areas["a"] == 100.0


def test_optional_areas_are_reported_but_left_out_of_the_aggregate():
    q = qdoc(area("a", single("a.1")), area("opt", single("opt.1"), optional=True))
    doc = run(q, ("Lyon", {"a.1": "o1", "opt.1": "o2"}))
    assert doc.city("Lyon").areas == {"a": 50.0, "opt": 100.0}
    assert doc.city("Lyon").aggregate == 50.0


def test_the_aggregate_is_the_weighted_mean_of_the_areas_with_a_score():
    q = qdoc(
        area("a", single("a.1"), weight=3),
        area("b", single("b.1"), weight=1),
        area("c", single("c.1", allow_na=True), weight=4),
    )
    doc = run(q, ("Lyon", {"a.1": "o2", "b.1": "o0", "c.1": "n/a"}))
    assert doc.city("Lyon").areas["c"] is None
    # c is left out and the weights are renormalised over a and b
    assert doc.city("Lyon").aggregate == pytest.approx((3 * 100 + 1 * 0) / 4)


def test_group_scores_are_weighted_means_of_their_member_areas():
    q = qdoc(
        area("a", single("a.1"), weight=3),
        area("b", single("b.1"), weight=1),
        area("c", single("c.1", allow_na=True), weight=2),
        groups=[
            {"id": "g", "areas": ["a", "b"]},
            {"id": "h", "areas": ["b", "c"]},
            {"id": "k", "areas": ["c"]},
        ],
    )
    doc = run(q, ("Lyon", {"a.1": "o2", "b.1": "o1", "c.1": "n/a"}))
    assert doc.city("Lyon").groups == {"g": pytest.approx((3 * 100 + 50) / 4), "h": 50.0, "k": None}


def test_an_area_whose_questions_are_all_na_has_no_score():
    q = qdoc(area("a", single("a.1", allow_na=True), yes_no("a.2", allow_na=True)), area("b", single("b.1")))
    doc = run(q, ("Lyon", {"a.1": "n/a", "a.2": "n/a", "b.1": "o1"}))
    assert doc.city("Lyon").areas == {"a": None, "b": 50.0}
    assert doc.city("Lyon").aggregate == 50.0
    assert doc.to_dict()["sample"]["areas"]["a"] == {
        "mean": None, "median": None, "min": None, "max": None, "q1": None, "q3": None, "n": 0,
    }  # fmt: skip


def test_a_city_without_any_area_score_has_no_aggregate_and_no_rank():
    q = qdoc(area("a", single("a.1", allow_na=True)))
    doc = run(q, ("Lyon", {"a.1": "n/a"}), ("Porto", {"a.1": "o1"}))
    assert doc.city("Lyon").aggregate is None
    assert doc.city("Lyon").rank == {"sample": None, "population": None, "diversity": None}
    assert doc.city("Porto").rank["sample"] == 1
    assert doc.to_dict()["sample"]["aggregate"]["n"] == 1


def test_facts_are_never_scored():
    fact = {**single("a.fact", (0, 5)), "data_type": "fact"}
    number = {"id": "a.count", "data_type": "fact", "type": "number"}
    q = qdoc(area("a", single("a.1"), fact, number))
    doc = run(q, ("Lyon", {"a.1": "o1", "a.fact": "o5", "a.count": 12}), ("Porto", {"a.1": "o1"}))
    assert doc.city("Lyon").areas["a"] == 50.0
    assert doc.city("Porto").areas["a"] == 50.0
    assert doc.city("Porto").complete is True  # unanswered facts do not make it incomplete


def test_value_questions_are_never_scored():
    q = qdoc(area("a", single("a.1"), {"id": "a.t", "data_type": "input", "type": "text"}))
    doc = run(q, ("Lyon", {"a.1": "o2", "a.t": "We do."}))
    assert doc.city("Lyon").areas["a"] == 100.0


# Display conditions (show_if): a follow-up whose condition is not met does not apply. It earns 0 of
# its full points, does not make the response incomplete, and any answer given to it is ignored.


def budget(**extra: Any) -> dict[str, Any]:
    """a.budget (yes 2 points), then a.trend (0, 1, 2) asked only after "yes", then a.other (0, 1, 2)."""
    trend = single("a.trend", show_if={"question": "a.budget", "in": ["yes"]})
    return qdoc(area("a", yes_no("a.budget", yes=2, allow_na=True), trend, single("a.other")), **extra)


def test_a_follow_up_whose_condition_is_met_is_scored_like_any_question():
    doc = run(budget(), ("Lyon", {"a.budget": "yes", "a.trend": "o1", "a.other": "o2"}))
    assert doc.city("Lyon").areas["a"] == pytest.approx(100 * (2 + 1 + 2) / (2 + 2 + 2))
    assert doc.city("Lyon").complete is True


def test_a_follow_up_whose_condition_is_met_and_that_is_unanswered_makes_the_response_incomplete():
    doc = run(budget(), ("Lyon", {"a.budget": "yes", "a.other": "o2"}))
    assert doc.city("Lyon").areas["a"] == pytest.approx(100 * (2 + 0 + 2) / 6)
    assert doc.city("Lyon").complete is False


def test_a_follow_up_whose_condition_is_not_met_earns_0_of_its_full_points_and_is_not_missing():
    doc = run(
        budget(),
        ("No", {"a.budget": "no", "a.other": "o2"}),
        ("N/a", {"a.budget": "n/a", "a.other": "o2"}),
        ("Unanswered", {"a.other": "o2"}),
    )
    assert doc.city("No").areas["a"] == pytest.approx(100 * (0 + 0 + 2) / (2 + 2 + 2))
    assert doc.city("No").complete is True
    # a.budget n/a leaves both sums; a.trend still counts 0 of 2
    assert doc.city("N/a").areas["a"] == pytest.approx(100 * (0 + 2) / (2 + 2))
    assert doc.city("N/a").complete is True
    # incomplete because a.budget is unanswered, not because of a.trend
    assert doc.city("Unanswered").areas["a"] == pytest.approx(100 * 2 / 6)
    assert doc.city("Unanswered").complete is False
    checks = data_checks(doc).to_dict()["cities"]
    assert checks["Unanswered"]["a"] == {
        "scored": 3, "answered": 1, "n/a": 0, "unanswered": 1, "not shown": 1, "share": 0.5, "flagged": False,
    }  # fmt: skip


def test_an_answer_to_a_follow_up_whose_condition_is_not_met_is_ignored():
    doc = run(
        budget(),
        ("Lyon", {"a.budget": "no", "a.trend": "o2", "a.other": "o2"}),
        ("Porto", {"a.budget": "no", "a.trend": "o0", "a.other": "o2"}),
        ("Bergamo", {"a.budget": "no", "a.other": "o2"}),
    )
    assert doc.city("Lyon").areas["a"] == pytest.approx(100 * 2 / 6)  # not (0 + 2 + 2) / 6
    assert doc.areas[:, 0].tolist() == [pytest.approx(100 / 3)] * 3
    assert doc.ranks["sample"].tolist() == [1, 1, 1]
    lyon = data_checks(doc).to_dict()["cities"]["Lyon"]["a"]
    assert (lyon["answered"], lyon["unanswered"], lyon["not shown"]) == (2, 0, 1)
    assert robustness(parse_questionnaire(budget()), doc.responses, runs=20).cities[0].nominal == 1
    q = parse_questionnaire(budget())
    with pytest.raises(ScoringInputError) as exc:  # ignored for scoring, but still validated
        parse_responses(rdoc(("Lyon", {"a.budget": "no", "a.trend": "n/a"})), q)
    assert problems_of(exc) == ['city "Lyon", question "a.trend": "n/a" is not allowed for this question']


def test_a_multiple_choice_condition_is_met_when_any_chosen_option_is_listed():
    follow_up = multi("a.how", {"x": 1, "y": 2}, show_if={"question": "a.kinds", "in": ["p", "q"]})
    kinds = multi("a.kinds", {"p": 1, "q": 1, "r": 1}, max_points=1, allow_na=True)
    doc = run(
        qdoc(area("a", kinds, follow_up)),
        ("Some", {"a.kinds": ["r", "q"], "a.how": ["y"]}),
        ("Other", {"a.kinds": ["r"], "a.how": ["x", "y"]}),
        ("None", {"a.kinds": []}),
        ("N/a", {"a.kinds": "n/a", "a.how": ["y"]}),
        ("Unanswered", {"a.how": ["y"]}),
        ("Shown, unanswered", {"a.kinds": ["p"]}),
    )
    assert doc.city("Some").areas["a"] == pytest.approx(100 * (1 + 2) / (1 + 3))
    assert doc.city("Other").areas["a"] == pytest.approx(100 * (1 + 0) / 4)  # a.how ignored
    assert doc.city("None").areas["a"] == 0.0
    assert doc.city("None").complete is True
    assert doc.city("N/a").areas["a"] == 0.0  # 0 of a.how's 3 points; a.kinds left out
    assert doc.city("N/a").complete is True
    assert doc.city("Unanswered").areas["a"] == 0.0
    assert doc.city("Shown, unanswered").complete is False
    checks = data_checks(doc).to_dict()["cities"]
    assert [checks[c]["a"]["not shown"] for c in ("Some", "Other", "None", "N/a", "Unanswered")] == [
        0,
        1,
        1,
        1,
        1,
    ]


def test_a_follow_up_of_a_follow_up_that_is_not_shown_is_not_shown_either():
    q = qdoc(
        area(
            "a",
            yes_no("a.1"),
            yes_no("a.2", show_if={"question": "a.1", "in": ["yes"]}),
            yes_no("a.3", show_if={"question": "a.2", "in": ["yes"]}),
        )
    )
    doc = run(q, ("Lyon", {"a.1": "no", "a.2": "yes"}), ("Porto", {"a.1": "yes", "a.2": "yes"}))
    assert doc.city("Lyon").areas["a"] == 0.0  # a.2's answer is ignored, so it does not show a.3
    assert doc.city("Lyon").complete is True
    assert doc.city("Porto").areas["a"] == pytest.approx(200 / 3)
    assert doc.city("Porto").complete is False  # a.3 is shown and unanswered


def test_conditions_are_applied_to_responses_parsed_without_them():
    plain = parse_questionnaire(
        qdoc(area("a", yes_no("a.budget", yes=2, allow_na=True), single("a.trend"), single("a.other")))
    )
    responses = parse_responses(rdoc(("Lyon", {"a.budget": "no", "a.trend": "o2", "a.other": "o2"})), plain)
    assert score(plain, responses).city("Lyon").areas["a"] == pytest.approx(100 * 4 / 6)
    assert score(parse_questionnaire(budget()), responses).city("Lyon").areas["a"] == pytest.approx(
        100 * 2 / 6
    )


def test_explain_says_a_follow_up_does_not_apply():
    q = parse_questionnaire(budget())
    response = Response("Lyon", {"a.budget": "no", "a.trend": "o2", "a.other": "o1"})
    trace = explain(q, response)
    trend = trace.areas[0].questions[1]
    assert (trend.status, trend.earned, trend.achievable) == ("not shown", 0.0, 2.0)
    assert trend.answer == "o2" and trend.note == "the answer given is ignored"
    text = trace.render()
    assert (
        'a.trend  not applicable: shown only when a.budget is one of "yes": 0 of 2 points '
        "(the answer given is ignored)" in text
    )
    assert "area score = 100 x 1 / 6 = 16.6667" in text
    assert trace.aggregate == pytest.approx(score(q, [response]).city("Lyon").aggregate)
    shown = explain(q, Response("Lyon", {"a.budget": "yes", "a.trend": "o2"})).areas[0].questions[1]
    assert (shown.status, shown.earned, shown.condition) == ("answered", 2.0, "")


def test_the_shipped_2019_questionnaire_does_not_ask_for_budget_growth_without_a_budget_line():
    document = yaml.safe_load(
        (Path(__file__).parents[2] / "icc/index/questionnaires/icc-2019.yaml").read_text()
    )
    q = parse_questionnaire(document)
    first = {
        question.id: (
            [question.options[0].id] if question.type == "multiple_choice" else question.options[0].id
        )
        for a in q.areas
        for question in a.questions
        if question.scored and question.show_if is None
    }
    # the first options ("no", or none ticked) meet none of the seven conditions
    answers = {**first, "commitment.budget_line": "no"}
    doc = score(
        q, [Response("Lyon", answers), Response("Porto", {**answers, "commitment.budget_trend": "increased"})]
    )
    assert doc.city("Lyon").complete is True  # the follow-ups are not asked, so none is unanswered
    assert doc.city("Porto").areas == doc.city("Lyon").areas  # the budget growth given is ignored
    lyon = data_checks(doc).to_dict()["cities"]["Lyon"]
    assert sum(a["not shown"] for a in lyon.values()) == 7
    assert sum(a["unanswered"] for a in lyon.values()) == 0


@pytest.mark.parametrize(
    ("show_if", "expected"),
    [
        ({"question": "a.zzz", "in": ["yes"]}, 'show_if refers to unknown question "a.zzz"'),
        (
            {"question": "a.later", "in": ["yes"]},
            'show_if refers to question "a.later", which is not asked before this one: '
            "a condition can only depend on an earlier question",
        ),
        (
            {"question": "a.q", "in": ["yes"]},
            'show_if refers to question "a.q", which is not asked before this one: '
            "a condition can only depend on an earlier question",
        ),
        (
            {"question": "a.1", "in": ["yes", "maybe", "o1"]},
            'show_if: "maybe" is not an option of question "a.1" (its options: no, yes)',
        ),
        (
            {"question": "a.count", "in": ["3"]},
            'show_if refers to question "a.count", which has no options (a number question): '
            "a condition can only depend on a choice question",
        ),
        (
            {"question": "a.fact", "in": ["o1"]},
            'show_if refers to question "a.fact", a fact, which is never scored: '
            "the condition of a scored question must be a scored choice question",
        ),
        ({"question": "a.1", "in": []}, "show_if: in must be a non-empty list of option ids, got a list []"),
        (
            {"question": "a.1", "in": "yes"},
            'show_if: in must be a non-empty list of option ids, got a string "yes"',
        ),
        ({"in": ["yes"]}, "show_if: question must be a question id, got null"),
        ({"question": "a.1", "not_in": ["yes"]}, "show_if has unknown keys not_in: use only question and in"),
        ("a.1", 'show_if must be {question: ..., in: [...]}, got a string "a.1"'),
    ],
)
def test_a_display_condition_must_name_an_earlier_scored_choice_question_and_its_options(show_if, expected):
    doc = qdoc(
        area(
            "a",
            yes_no("a.1"),
            {"id": "a.count", "data_type": "input", "type": "number"},
            {**single("a.fact"), "data_type": "fact"},
            single("a.q", show_if=show_if),
            yes_no("a.later"),
        )
    )
    with pytest.raises(ScoringInputError) as exc:
        parse_questionnaire(doc)
    assert problems_of(exc)[0] == f'question "a.q": {expected}'
    assert all(p.startswith('question "a.q": show_if') for p in problems_of(exc))


def test_every_option_a_display_condition_gets_wrong_is_reported():
    doc = qdoc(
        area("a", yes_no("a.1"), single("a.q", show_if={"question": "a.1", "in": ["oui", "yes", "non"]}))
    )
    with pytest.raises(ScoringInputError) as exc:
        parse_questionnaire(doc)
    assert problems_of(exc) == [
        'question "a.q": show_if: "oui" is not an option of question "a.1" (its options: no, yes)',
        'question "a.q": show_if: "non" is not an option of question "a.1" (its options: no, yes)',
    ]


def test_an_unscored_question_may_depend_on_a_fact_or_on_a_question_of_an_earlier_area():
    fact = {**single("a.fact"), "data_type": "fact"}
    note = {
        "id": "a.note",
        "data_type": "input",
        "type": "text",
        "show_if": {"question": "a.fact", "in": ["o1"]},
    }
    follow_up = single("b.1", show_if={"question": "a.1", "in": ["yes"]})
    q = parse_questionnaire(qdoc(area("a", yes_no("a.1"), fact, note), area("b", follow_up)))
    assert q.layout.conditions and q.area("b").questions[0].show_if is not None
    doc = score(q, [Response("Lyon", {"a.1": "no"}), Response("Porto", {"a.1": "yes"})])
    assert (doc.city("Lyon").areas["b"], doc.city("Lyon").complete) == (0.0, True)
    assert (doc.city("Porto").areas["b"], doc.city("Porto").complete) == (0.0, False)


# Ranks and peer groups


def test_equal_aggregates_share_a_rank_and_the_next_rank_is_skipped():
    q = qdoc(area("a", single("a.1", (0, 1, 2, 3))))
    doc = run(q, ("A", {"a.1": "o3"}), ("B", {"a.1": "o2"}), ("C", {"a.1": "o2"}), ("D", {"a.1": "o0"}))
    assert doc.ranks["sample"].tolist() == [1, 2, 2, 4]


def test_aggregates_within_1e_9_are_equal_for_ranking():
    assert competition_ranks(np.array([3.0, 2.0 + 4e-10, 2.0, 1.0])).tolist() == [1, 2, 2, 4]
    assert competition_ranks(np.array([2.0, 2.0 - 2e-9])).tolist() == [1, 2]
    assert competition_ranks(np.array([np.nan, 1.0])).tolist() == [0, 1]


@pytest.mark.parametrize(
    ("population", "label"),
    [(99_999, "<100k"), (100_000, "100k-200k"), (199_999.5, "100k-200k"), (200_000, "200k-500k"),
     (499_999, "200k-500k"), (500_000, ">=500k"), (0, "<100k")],
)  # fmt: skip
def test_population_bands_include_their_lower_bound(population, label):
    doc = run(qdoc(area("a", single("a.1"))), ("Lyon", {"a.1": "o1"}, {"population": population}))
    assert doc.city("Lyon").peer_groups["population"] == label


@pytest.mark.parametrize(
    ("share", "label"),
    [(9.99, "<10%"), (10, "10-15%"), (14.999, "10-15%"), (15.0, "15-20%"), (20, ">=20%"), (100, ">=20%")],
)
def test_diversity_bands_include_their_lower_bound(share, label):
    doc = run(qdoc(area("a", single("a.1"))), ("Lyon", {"a.1": "o1"}, {"foreign_born_share": share}))
    assert doc.city("Lyon").peer_groups["diversity"] == label


def test_ranks_in_a_peer_group_count_only_its_members():
    q = qdoc(area("a", single("a.1", (0, 1, 2, 3))))
    doc = run(
        q,
        ("Big", {"a.1": "o3"}, {"population": 600_000}),
        ("Small 1", {"a.1": "o2"}, {"population": 50_000}),
        ("Small 2", {"a.1": "o2"}, {"population": 60_000}),
        ("Small 3", {"a.1": "o1"}, {"population": 70_000}),
        ("Unknown", {"a.1": "o0"}),
    )
    assert doc.ranks["population"].tolist() == [1, 1, 1, 3, 0]
    assert doc.city("Unknown").peer_groups["population"] is None


def test_peer_group_bands_are_configuration():
    old = PeerBands(
        (
            BandScale("population", "population", (200_000,), ("<200k", ">=200k")),
            BandScale("diversity", "foreign_born_share", (15,), ("<15%", ">=15%")),
        )
    )
    doc = run(qdoc(area("a", single("a.1"))), ("Lyon", {"a.1": "o1"}, {"population": 522_000}), bands=old)
    assert doc.city("Lyon").peer_groups == {"population": ">=200k", "diversity": None}
    with pytest.raises(ValueError, match="edges must increase"):
        BandScale("x", "x", (2, 1), ("a", "b", "c"))


# Errors: every kind names the city and the question, and all are reported at once.


def test_an_unknown_question_id_is_refused():
    q = parse_questionnaire(qdoc(area("a", single("a.1"))))
    with pytest.raises(ScoringInputError) as exc:
        parse_responses(rdoc(("Lyon", {"a.2": "o1"})), q)
    assert problems_of(exc) == ['city "Lyon", question "a.2": unknown question id']


def test_an_unknown_option_id_is_refused():
    q = parse_questionnaire(qdoc(area("a", single("a.1"), multi("a.m", {"x": 1}))))
    with pytest.raises(ScoringInputError) as exc:
        parse_responses(rdoc(("Lyon", {"a.1": "maybe", "a.m": ["x", "w"]})), q)
    assert problems_of(exc) == [
        'city "Lyon", question "a.1": unknown option id "maybe" (options: o0, o1, o2)',
        'city "Lyon", question "a.m": unknown option id "w" (options: x)',
    ]


def test_na_is_refused_where_the_question_does_not_allow_it():
    q = parse_questionnaire(qdoc(area("a", single("a.1"))))
    with pytest.raises(ScoringInputError) as exc:
        parse_responses(rdoc(("Lyon", {"a.1": "n/a"})), q)
    assert problems_of(exc) == ['city "Lyon", question "a.1": "n/a" is not allowed for this question']


def test_a_list_for_a_single_choice_question_is_refused():
    q = parse_questionnaire(qdoc(area("a", single("a.1"), yes_no("a.2"))))
    with pytest.raises(ScoringInputError) as exc:
        parse_responses(rdoc(("Lyon", {"a.1": ["o1"], "a.2": ["yes", "no"]})), q)
    assert 'city "Lyon", question "a.1": a list was given for a single_choice question' in str(exc.value)
    assert 'city "Lyon", question "a.2": a list was given for a yes_no question' in str(exc.value)


@pytest.mark.parametrize(
    ("question", "value", "expected"),
    [
        ({"type": "number"}, "12", "expected a number"),
        ({"type": "number"}, True, "expected a number"),
        ({"type": "percentage"}, 120, "expected a percentage"),
        ({"type": "year"}, 2019.5, "expected a year"),
        ({"type": "text"}, 3, "expected a text"),
        ({"type": "single_choice", "options": [{"id": "x", "points": 1}]}, 1, "expected an option id"),
        (
            {"type": "multiple_choice", "options": [{"id": "x", "points": 1}]},
            "x",
            "expected a list of option ids",
        ),
        (
            {"type": "multiple_choice", "options": [{"id": "x", "points": 1}]},
            ["x", "x"],
            "duplicate option id",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(question, value, expected):
    q = parse_questionnaire(qdoc(area("a", {"id": "a.q", "data_type": "input", **question})))
    with pytest.raises(ScoringInputError) as exc:
        parse_responses(rdoc(("Lyon", {"a.q": value})), q)
    assert str(exc.value).startswith(f'city "Lyon", question "a.q": {expected}')


def test_a_fact_of_the_wrong_type_is_refused():
    q = parse_questionnaire(qdoc(area("a", single("a.1"))))
    with pytest.raises(ScoringInputError) as exc:
        parse_responses(rdoc(("Lyon", {}, {"population": "522000", "foreign_born_share": 120})), q)
    assert problems_of(exc) == [
        'city "Lyon", question "facts.population": expected a number >= 0, got a string "522000"',
        'city "Lyon", question "facts.foreign_born_share": expected a number from 0 to 100, got a number 120',
    ]


def test_duplicate_cities_are_refused():
    q = parse_questionnaire(qdoc(area("a", single("a.1"))))
    with pytest.raises(ScoringInputError, match='city "Lyon": duplicate city'):
        parse_responses(rdoc(("Lyon", {}), ("Lyon", {})), q)


def test_responses_to_another_questionnaire_are_refused():
    q = parse_questionnaire(qdoc(area("a", single("a.1"))))
    with pytest.raises(ScoringInputError, match='for questionnaire "other", not "test"'):
        parse_responses({"questionnaire": "other", "responses": []}, q)


def test_every_problem_is_reported_not_only_the_first():
    q = parse_questionnaire(qdoc(area("a", single("a.1"), single("a.2"))))
    with pytest.raises(ScoringInputError) as exc:
        parse_responses(rdoc(("Lyon", {"a.1": "x", "a.2": "n/a"}), ("Porto", {"a.3": "o1", "a.1": 2})), q)
    assert [(p.city, p.question) for p in exc.value.problems] == [
        ("Lyon", "a.1"), ("Lyon", "a.2"), ("Porto", "a.3"), ("Porto", "a.1"),
    ]  # fmt: skip


def test_negative_weights_are_refused():
    with pytest.raises(ScoringInputError, match=r'area "b": weight is negative \(-1\)'):
        parse_questionnaire(qdoc(area("a", single("a.1")), area("b", single("b.1"), weight=-1)))


def test_all_zero_weights_are_refused():
    with pytest.raises(ScoringInputError, match="weights of the non-optional areas are all zero"):
        parse_questionnaire(qdoc(area("a", single("a.1"), weight=0), area("b", single("b.1"), weight=0)))
    with pytest.raises(ScoringInputError, match='group "g": the weights of its areas are all zero'):
        parse_questionnaire(
            qdoc(
                area("a", single("a.1")),
                area("b", single("b.1"), weight=0),
                groups=[{"id": "g", "areas": ["b"]}],
            )
        )


def test_duplicate_ids_in_the_questionnaire_are_refused():
    doc = qdoc(
        area("a", single("a.1"), single("a.1")),
        area("a", multi("b.m", {"x": 1}), {**single("b.2"), "options": [{"id": "x", "points": 1}] * 2}),
        groups=[{"id": "a", "areas": ["a"]}],
    )
    with pytest.raises(ScoringInputError) as exc:
        parse_questionnaire(doc)
    assert problems_of(exc) == [
        'question "a.1": duplicate question id (also in area "a")',
        'area "a": duplicate area id',
        'question "b.2": duplicate option id "x"',
        'group "a": duplicate id: an area or another group has it',
    ]


def test_a_malformed_questionnaire_reports_every_problem():
    doc = {
        "id": "bad",
        "areas": [
            {"id": "a", "weight": "heavy", "questions": [
                {"id": "a.1", "data_type": "opinion", "type": "single_choice", "options": []},
                {"id": "a.2", "data_type": "input", "type": "yes_no",
                 "options": [{"id": "oui", "points": 1}, {"id": "non", "points": 0}]},
                {"id": "a.3", "data_type": "input", "type": "single_choice", "options": [{"id": "x"}]},
            ]},
        ],
        "groups": [{"id": "g", "areas": ["zzz"]}],
    }  # fmt: skip
    with pytest.raises(ScoringInputError) as exc:
        parse_questionnaire(doc)
    assert problems_of(exc) == [
        'area "a": weight must be a number, got a string "heavy"',
        'question "a.1": data_type must be one of fact, input, impact, got a string "opinion"',
        'question "a.1": a choice question needs a non-empty list of options, got a list []',
        'question "a.2": a yes_no question needs exactly the options "yes" and "no", got non, oui',
        'question "a.3": option "x": points must be a number, got null',
        'group "g": unknown area id "zzz"',
    ]


# Good practice, progress, robustness, explain, data checks


def test_best_in_area_lists_the_top_cities_and_keeps_ties(example):
    best = best_in_area(score(*example), n=2)
    assert [(c.city, c.rank) for c in best["language"]] == [("Bergamo", 1), ("Limassol", 1)]
    assert [(c.city, c.rank) for c in best["education"]] == [
        ("Lyon", 1),
        ("Bergamo", 2),
        ("Reggio Emilia", 2),
    ]
    assert best_in_area(score(*example), n=1)["commitment"][0].score == 100.0


def test_progress_within_one_version_compares_every_area():
    before = CityScores("Lyon", "v1", True, 50.0, {"a": 40.0, "b": None}, {}, {}, {})
    after = CityScores("Lyon", "v1", True, 62.5, {"a": 55.0, "b": 70.0}, {}, {}, {})
    change = progress(before, after)
    assert change.aggregate.delta == pytest.approx(12.5)
    assert change.areas["a"].delta == pytest.approx(15.0)
    assert change.areas["b"].comparable is True and change.areas["b"].delta is None  # no previous score


def test_progress_across_versions_compares_only_the_mapped_areas():
    before = CityScores("Lyon", "v1", True, 50.0, {"a": 40.0, "old": 60.0}, {}, {}, {})
    after = CityScores("Lyon", "v2", True, 62.5, {"a": 55.0, "new": 70.0}, {}, {}, {})
    change = progress(before, after, comparable_areas={"a"})
    assert change.areas["a"].delta == pytest.approx(15.0)
    assert change.areas["new"].comparable is False and change.areas["new"].delta is None
    assert change.areas["old"].comparable is False
    assert change.aggregate.comparable is False and change.aggregate.delta is None
    assert all(not c.comparable for c in progress(before, after).areas.values())
    assert progress(before, after).to_dict()["areas"]["a"]["comparable"] is False


def test_progress_reads_stored_scores_documents(example):
    doc = score(*example).to_dict()
    lyon = CityScores.from_dict(doc["cities"][0], doc["questionnaire"])
    assert progress(lyon, lyon).aggregate.delta == 0.0


def test_robustness_gives_nominal_ranks_and_intervals(example):
    q, responses = example
    result = robustness(q, responses, runs=200, seed=1)
    again = robustness(q, responses, runs=200, seed=1)
    assert result == again  # seeded
    assert [c.nominal for c in result.cities] == score(q, responses).ranks["sample"].tolist()
    lyon = result.cities[0]
    assert (lyon.p05, lyon.median, lyon.p95) == (1.0, 1.0, 1.0)
    for city in result.cities:
        assert city.p05 is not None and city.median is not None and city.p95 is not None
        assert 1 <= city.p05 <= city.median <= city.p95 <= len(result.cities)
    json.dumps(result.to_dict(), allow_nan=False)


def test_robustness_geometric_mean_floors_zero_scores():
    q = qdoc(area("a", single("a.1")), area("b", single("b.1")))
    responses = rdoc(("Zero", {"a.1": "o0", "b.1": "o2"}), ("Half", {"a.1": "o1", "b.1": "o1"}))
    qn = parse_questionnaire(q)
    result = robustness(qn, parse_responses(responses, qn), runs=50)
    zero, half = result.cities
    assert (zero.nominal, half.nominal) == (1, 1)  # 50 = 50
    assert (zero.geometric, half.geometric) == (2, 1)  # sqrt(1 x 100) = 10 < 50


def test_robustness_leaves_cities_without_aggregate_unranked():
    qn = parse_questionnaire(qdoc(area("a", single("a.1", allow_na=True))))
    result = robustness(
        qn, parse_responses(rdoc(("Lyon", {"a.1": "n/a"}), ("Porto", {"a.1": "o1"})), qn), runs=10
    )
    assert result.cities[0].median is None and result.cities[0].nominal is None
    assert result.cities[1].median == 1.0


def test_explain_traces_every_score_the_engine_gives(example):
    q, responses = example
    doc = score(q, responses)
    for response in responses:
        trace = explain(q, response)
        city = doc.city(response.city)
        assert trace.aggregate == pytest.approx(city.aggregate)
        assert {a.area: a.score for a in trace.areas} == pytest.approx(city.areas)


def test_explain_renders_the_path_from_answers_to_the_aggregate(example):
    q, responses = example
    porto = explain(q, responses[1])
    text = porto.render()
    assert 'commitment.strategy  "partly": 1 of 2 points' in text
    assert "education.mixed_schools  n/a: left out of both sums" in text
    assert "area score = 100 x 3 / 5 = 60" in text
    assert "no score" in text  # language, all n/a
    assert "counts 50% of the aggregate: adds 30 points" in text
    assert "participation.council  unanswered: 0 of 2 points" in text
    assert "= 63.3333" in text
    lyon = explain(q, responses[0], area_id="education")
    assert [a.area for a in lyon.areas] == ["education"]
    assert lyon.areas[0].questions[1].note == "sum 4 capped at 3"
    json.dumps(lyon.to_dict())
    with pytest.raises(KeyError):
        explain(q, responses[0], area_id="nope")


def test_data_checks_flag_areas_that_rest_on_too_few_answers(example):
    checks = data_checks(score(*example))
    assert {(c.city, c.area) for c in checks.flagged()} == {
        ("Porto", "language"), ("Porto", "participation"), ("Limassol", "education"),
    }  # fmt: skip
    porto_education = checks.to_dict()["cities"]["Porto"]["education"]
    assert porto_education == {
        "scored": 2, "answered": 1, "n/a": 1, "unanswered": 0, "not shown": 0, "share": 0.5, "flagged": False,
    }  # fmt: skip
    assert len(data_checks(score(*example), threshold=0.9).flagged()) > 3


# Inputs the engine accepts


def test_scoring_no_cities_gives_an_empty_sample():
    q = parse_questionnaire(qdoc(area("a", single("a.1"), multi("a.m", {"x": 1}))))
    doc = score(q, parse_responses({"questionnaire": "test", "responses": []}, q)).to_dict()
    assert doc["cities"] == []
    assert doc["sample"]["n"] == 0 and doc["sample"]["aggregate"]["mean"] is None


def test_score_accepts_a_plain_list_of_responses_and_a_reordered_questionnaire():
    doc = qdoc(area("a", single("a.1"), multi("a.m", {"x": 1, "y": 1})), area("b", yes_no("b.1")))
    q = parse_questionnaire(doc)
    a, b = doc["areas"]
    reordered = parse_questionnaire(qdoc(b, {**a, "questions": a["questions"][::-1]}))
    responses = [
        Response("Lyon", {"a.1": "o1", "a.m": ["x"], "b.1": "yes"}),
        Response("Porto", {"a.m": ["x"]}),
    ]
    assert score(q, responses).city("Lyon").areas == {"a": 50.0, "b": 100.0}
    assert score(reordered, responses).city("Lyon").areas == {"b": 100.0, "a": 50.0}
    parsed = parse_responses(rdoc(("Lyon", {"a.1": "o2"})), q)
    assert score(reordered, list(parsed)).city("Lyon").areas == {"b": 0.0, "a": 50.0}
    with pytest.raises(ScoringInputError) as exc:
        score(q, [Response("Lyon", {"a.1": "zzz"})])
    assert [(p.city, p.question) for p in exc.value.problems] == [("Lyon", "a.1")]
