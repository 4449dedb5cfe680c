"""A group over questions spread across areas (the gender lens): 100 x points earned / points achievable over
its questions, with the rules of an area (n/a left out, unanswered 0, hidden follow-ups 0 of their points)."""

from __future__ import annotations

import pytest

from icc.index.scoring import ScoringInputError, parse_questionnaire
from tests.index.test_scoring import area, multi, problems_of, qdoc, run, single, yes_no


def _questionnaire() -> dict:
    return qdoc(
        area("a", single("a.1"), yes_no("a.gender", yes=2), weight=3),
        area(
            "b",
            single("b.1"),
            yes_no("b.gender_data", allow_na=True),
            multi("b.gender_services", {"x": 1, "y": 1, "z": 1}, max_points=2),
        ),
        area("c", single("c.1")),
        groups=[
            {"id": "lens", "areas": ["a", "b"]},
            {"id": "gender_lens", "questions": ["a.gender", "b.gender_data", "b.gender_services"]},
        ],
    )


def test_a_group_over_questions_scores_the_points_of_its_questions_across_areas():
    doc = run(
        _questionnaire(),
        (
            "Lyon",
            {
                "a.1": "o2",
                "a.gender": "yes",
                "b.1": "o0",
                "b.gender_data": "no",
                "b.gender_services": ["x"],
                "c.1": "o1",
            },
        ),
    )
    lyon = doc.city("Lyon")
    # a.gender 2 of 2, b.gender_data 0 of 1, b.gender_services 1 of 2: 3 of 5
    assert lyon.groups["gender_lens"] == pytest.approx(60.0)
    # the group over areas is still the weighted mean of its areas
    # a: 4 of 4 points; b: 1 of 5 (b.1 0 of 2 and the gender questions 1 of 3)
    assert lyon.groups["lens"] == pytest.approx((3 * 100 + 1 * 20) / 4)


def test_na_leaves_a_question_out_of_the_group_and_unanswered_counts_zero():
    doc = run(
        _questionnaire(),
        ("Lyon", {"a.1": "o2", "a.gender": "yes", "b.1": "o0", "b.gender_data": "n/a", "c.1": "o1"}),
    )
    # a.gender 2 of 2, b.gender_data left out, b.gender_services unanswered 0 of 2: 2 of 4
    assert doc.city("Lyon").groups["gender_lens"] == pytest.approx(50.0)
    assert doc.city("Lyon").complete is False


def test_a_group_whose_questions_are_all_na_has_no_score():
    q = qdoc(
        area("a", single("a.1"), yes_no("a.g", allow_na=True)),
        groups=[{"id": "gender_lens", "questions": ["a.g"]}],
    )
    doc = run(q, ("Lyon", {"a.1": "o1", "a.g": "n/a"}))
    assert doc.city("Lyon").groups["gender_lens"] is None
    assert doc.to_dict()["cities"][0]["groups"] == {"gender_lens": None}


def test_a_hidden_follow_up_earns_nothing_in_the_group():
    q = qdoc(
        area("a", yes_no("a.g"), yes_no("a.g_budget", show_if={"question": "a.g", "in": ["yes"]})),
        groups=[{"id": "gender_lens", "questions": ["a.g", "a.g_budget"]}],
    )
    doc = run(q, ("Lyon", {"a.g": "no", "a.g_budget": "yes"}), ("Oslo", {"a.g": "yes", "a.g_budget": "yes"}))
    assert doc.city("Lyon").groups["gender_lens"] == 0.0
    assert doc.city("Oslo").groups["gender_lens"] == 100.0


@pytest.mark.parametrize(
    ("group", "message"),
    [
        ({"id": "g", "questions": ["a.nope"]}, 'unknown question id "a.nope"'),
        ({"id": "g", "questions": []}, '"questions" must be a non-empty list of question ids'),
        ({"id": "g", "questions": ["a.1", "a.1"]}, "duplicate question ids a.1"),
        ({"id": "g", "questions": ["a.1"], "areas": ["a"]}, 'give either "areas" or "questions", not both'),
        ({"id": "g", "questions": ["size"]}, 'question "size" is not scored'),
    ],
)
def test_a_bad_group_over_questions_is_refused_with_its_reason(group, message):
    doc = qdoc(
        area("a", single("a.1"), {"id": "size", "data_type": "fact", "type": "number"}),
        groups=[group],
    )
    with pytest.raises(ScoringInputError) as exc:
        parse_questionnaire(doc)
    assert any(message in p and 'group "g"' in p for p in problems_of(exc)), problems_of(exc)
