"""Properties of the Index scoring engine that must hold for any questionnaire and responses."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from icc.index.scoring import (
    Response,
    ScoresDocument,
    data_checks,
    explain,
    parse_questionnaire,
    parse_responses,
    score,
)

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None)
POINTS = st.integers(min_value=0, max_value=5)


@st.composite
def questionnaires(draw: st.DrawFn) -> dict[str, Any]:
    areas = []
    for a in range(draw(st.integers(1, 4))):
        questions = []
        for j in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["single_choice", "yes_no", "multiple_choice", "fact"]))
            question: dict[str, Any] = {"id": f"a{a}.q{j}", "data_type": "input", "type": kind}
            question["allow_na"] = draw(st.booleans())
            if kind == "fact":
                question.update(data_type="fact", type="number")
            elif kind == "yes_no":
                question["options"] = [
                    {"id": "no", "points": draw(POINTS)},
                    {"id": "yes", "points": draw(POINTS)},
                ]
            else:
                count = draw(st.integers(1, 5))
                question["options"] = [{"id": f"o{k}", "points": draw(POINTS)} for k in range(count)]
                if kind == "multiple_choice" and draw(st.booleans()):
                    question["max_points"] = draw(st.integers(0, 8))
            questions.append(question)
        weight = draw(st.sampled_from([0.5, 1.0, 2.0, 3.0]))
        areas.append(
            {
                "id": f"a{a}",
                "weight": weight,
                "optional": a > 0 and draw(st.booleans()),
                "questions": questions,
            }
        )
    ids = [area["id"] for area in areas]
    members = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    return {"id": "prop", "areas": areas, "groups": [{"id": "g", "areas": members}]}


def answer(draw: st.DrawFn, question: dict[str, Any]) -> Any:
    """An answer to the question, or None for unanswered."""
    choices = ["answer", "missing", *(["n/a"] if question["allow_na"] else [])]
    kind = draw(st.sampled_from(choices))
    if kind == "missing":
        return None
    if kind == "n/a":
        return "n/a"
    if question["type"] == "number":
        return draw(st.integers(0, 1000))
    ids = [o["id"] for o in question["options"]]
    if question["type"] == "multiple_choice":
        return draw(st.lists(st.sampled_from(ids), unique=True))
    return draw(st.sampled_from(ids))


@st.composite
def with_conditions(draw: st.DrawFn) -> dict[str, Any]:
    """A questionnaire where some questions carry a show_if on an earlier choice question."""
    questionnaire = draw(questionnaires())
    earlier: list[dict[str, Any]] = []
    for area in questionnaire["areas"]:
        for question in area["questions"]:
            if earlier and draw(st.booleans()):
                target = draw(st.sampled_from(earlier))
                ids = [o["id"] for o in target["options"]]
                listed = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
                question["show_if"] = {"question": target["id"], "in": listed}
            if "options" in question:
                earlier.append(question)
    return questionnaire


@st.composite
def samples(draw: st.DrawFn, conditional: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """Answers to every question, follow-ups included whether their condition is met or not."""
    questionnaire = draw(with_conditions() if conditional else questionnaires())
    responses = []
    for i in range(draw(st.integers(1, 7))):
        answers = {}
        for area in questionnaire["areas"]:
            for question in area["questions"]:
                value = answer(draw, question)
                if value is not None:
                    answers[question["id"]] = value
        facts = {
            "population": draw(st.sampled_from([50_000, 100_000, 150_000, 600_000])),
            "foreign_born_share": draw(st.sampled_from([5.0, 15.0, 25.0])),
        }
        responses.append({"city": f"city {i}", "facts": facts, "answers": answers})
    return questionnaire, {"questionnaire": "prop", "responses": responses}


def scores_of(questionnaire: dict[str, Any], responses: dict[str, Any]) -> ScoresDocument:
    q = parse_questionnaire(questionnaire)
    return score(q, parse_responses(responses, q))


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def same_city(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        same(a["aggregate"], b["aggregate"])
        and a["areas"].keys() == b["areas"].keys()
        and all(same(a["areas"][k], b["areas"][k]) for k in a["areas"])
        and all(same(a["groups"][k], b["groups"][k]) for k in a["groups"])
        and a["complete"] == b["complete"]
        and a["rank"] == b["rank"]
        and a["peer_groups"] == b["peer_groups"]
    )


@PROPERTY_SETTINGS
@given(samples())
def test_every_score_is_within_0_and_100(sample):
    doc = scores_of(*sample).to_dict()
    for city in doc["cities"]:
        values = [city["aggregate"], *city["areas"].values(), *city["groups"].values()]
        assert all(0.0 <= v <= 100.0 for v in values if v is not None)


@PROPERTY_SETTINGS
@given(samples(), st.data())
def test_giving_an_answer_more_points_never_lowers_its_area_score(sample, data):
    questionnaire, responses = sample
    city = data.draw(st.sampled_from(responses["responses"]))
    questions = {q["id"]: (area["id"], q) for area in questionnaire["areas"] for q in area["questions"]}
    answered = [
        qid
        for qid, value in city["answers"].items()
        if value != "n/a" and questions[qid][1]["type"] in ("single_choice", "yes_no", "multiple_choice")
    ]
    assume(answered)
    qid = data.draw(st.sampled_from(answered))
    area_id, question = questions[qid]
    points = {o["id"]: o["points"] for o in question["options"]}
    better = copy.deepcopy(responses)
    target = next(r for r in better["responses"] if r["city"] == city["city"])
    if question["type"] == "multiple_choice":
        extra = [o for o in points if o not in city["answers"][qid]]
        assume(extra)
        target["answers"][qid] = [*city["answers"][qid], data.draw(st.sampled_from(extra))]
    else:
        higher = [o for o, p in points.items() if p >= points[city["answers"][qid]]]
        target["answers"][qid] = data.draw(st.sampled_from(higher))
    before = scores_of(questionnaire, responses).city(city["city"]).areas[area_id]
    after = scores_of(questionnaire, better).city(city["city"]).areas[area_id]
    if before is None:  # every other question n/a and this one worth 0 at most: still nothing achievable
        assert after is None
    else:
        assert after is not None and after >= before - 1e-9


@PROPERTY_SETTINGS
@given(samples(), st.randoms(use_true_random=False))
def test_reordering_cities_changes_nothing(sample, rng):
    questionnaire, responses = sample
    shuffled = copy.deepcopy(responses)
    rng.shuffle(shuffled["responses"])
    original = {c["city"]: c for c in scores_of(questionnaire, responses).to_dict()["cities"]}
    reordered = scores_of(questionnaire, shuffled).to_dict()
    assert all(same_city(c, original[c["city"]]) for c in reordered["cities"])


@PROPERTY_SETTINGS
@given(samples(), st.randoms(use_true_random=False))
def test_reordering_questions_areas_and_options_changes_nothing(sample, rng):
    questionnaire, responses = sample
    shuffled = copy.deepcopy(questionnaire)
    rng.shuffle(shuffled["areas"])
    for area in shuffled["areas"]:
        rng.shuffle(area["questions"])
        for question in area["questions"]:
            rng.shuffle(question.get("options", []))
    original = scores_of(questionnaire, responses).to_dict()
    reordered = scores_of(shuffled, responses).to_dict()
    assert all(same_city(a, b) for a, b in zip(original["cities"], reordered["cities"], strict=True))
    for key in ("mean", "median", "min", "max", "q1", "q3"):
        assert same(original["sample"]["aggregate"][key], reordered["sample"]["aggregate"][key])


@PROPERTY_SETTINGS
@given(samples(), st.sampled_from([0.001, 0.37, 3.0, 1000.0]))
def test_scaling_all_weights_changes_nothing(sample, factor):
    questionnaire, responses = sample
    scaled = copy.deepcopy(questionnaire)
    for area in scaled["areas"]:
        area["weight"] *= factor
    original = scores_of(questionnaire, responses).to_dict()
    rescaled = scores_of(scaled, responses).to_dict()
    assert all(same_city(a, b) for a, b in zip(original["cities"], rescaled["cities"], strict=True))


@PROPERTY_SETTINGS
@given(samples(), st.data())
def test_identical_cities_share_a_rank(sample, data):
    questionnaire, responses = sample
    twin = copy.deepcopy(data.draw(st.sampled_from(responses["responses"])))
    original = twin["city"]
    twin["city"] = "twin"
    with_twin = copy.deepcopy(responses)
    with_twin["responses"].insert(data.draw(st.integers(0, len(responses["responses"]))), twin)
    doc = scores_of(questionnaire, with_twin)
    assert doc.city("twin").rank == doc.city(original).rank
    assert doc.city("twin").aggregate == doc.city(original).aggregate


# Display conditions, against a city-by-city reading of the rules


def reference(questionnaire: dict[str, Any], answers: dict[str, Any]) -> tuple[dict[str, float | None], bool]:
    """Area scores and completeness of one city, computed question by question."""
    shown: dict[str, bool] = {}
    areas: dict[str, float | None] = {}
    complete = True
    for area in questionnaire["areas"]:
        earned = achievable = 0.0
        for q in area["questions"]:
            condition = q.get("show_if")
            visible = True
            if condition is not None:
                given = answers.get(condition["question"])
                chosen = given if isinstance(given, list) else [given]
                visible = shown[condition["question"]] and any(c in condition["in"] for c in chosen)
            shown[q["id"]] = visible
            if q["data_type"] == "fact":
                continue
            points = {o["id"]: o["points"] for o in q["options"]}
            if q["type"] == "multiple_choice":
                cap = q.get("max_points", sum(p for p in points.values() if p > 0))
            else:
                cap = max(0, *points.values())
            value = answers.get(q["id"])
            if not visible:
                achievable += cap
            elif value is None:
                achievable += cap
                complete = False
            elif value != "n/a":
                total = sum(points[o] for o in value) if isinstance(value, list) else points[value]
                earned += min(max(total, 0), cap)
                achievable += cap
        areas[area["id"]] = 100 * earned / achievable if achievable > 0 else None
    return areas, complete


@PROPERTY_SETTINGS
@given(samples(conditional=True))
def test_follow_ups_are_scored_as_the_rules_say(sample):
    questionnaire, responses = sample
    q = parse_questionnaire(questionnaire)
    doc = score(q, parse_responses(responses, q))
    for city in responses["responses"]:
        areas, complete = reference(questionnaire, city["answers"])
        engine = doc.city(city["city"])
        assert engine.complete == complete
        assert all(same(engine.areas[a], areas[a]) for a in areas)
        trace = explain(q, Response(city["city"], city["answers"]))
        assert all(same(t.score, areas[t.area]) for t in trace.areas)
    for check in data_checks(doc).checks:
        assert check.answered + check.not_applicable + check.unanswered + check.not_shown == check.scored


@PROPERTY_SETTINGS
@given(samples(conditional=True), st.data())
def test_answers_to_follow_ups_that_are_not_shown_change_nothing(sample, data):
    questionnaire, responses = sample
    q = parse_questionnaire(questionnaire)
    before = score(q, parse_responses(responses, q))
    changed = copy.deepcopy(responses)
    by_id = {question["id"]: question for area in questionnaire["areas"] for question in area["questions"]}
    for city in changed["responses"]:
        traces = explain(q, Response(city["city"], city["answers"])).areas
        for t in (t for a in traces for t in a.questions if t.status == "not shown"):
            value = answer(data.draw, by_id[t.question])
            if value is None:
                city["answers"].pop(t.question, None)
            else:
                city["answers"][t.question] = value
    after = score(q, parse_responses(changed, q))
    assert all(
        same_city(a, b) for a, b in zip(before.to_dict()["cities"], after.to_dict()["cities"], strict=True)
    )
