"""The pure scoring of a self-assessment: plain data in, plain data out."""

from icc.policytools import scoring

DOCUMENT = {
    "grades": [{"points": p, "label": {"en": str(p), "fr": str(p)}} for p in range(4)],
    "sections": [
        {
            "id": "a",
            "questions": [
                {"id": "a.1", "weight": 2},
                {"id": "a.2", "weight": 1, "gender": True},
            ],
        },
        {"id": "b", "questions": [{"id": "b.1", "weight": 3}]},
    ],
}


def test_scores_are_weighted_percentages_of_the_maximum_per_section_and_overall():
    profile = scoring.score(DOCUMENT, {"a.1": 3, "a.2": 0, "b.1": 1})
    assert profile.section_percents == {"a": 66.7, "b": 33.3}
    assert profile.overall == 50.0  # (6 + 0 + 3) / (6 + 3 + 9)
    assert profile.gender == 0.0
    assert profile.complete


def test_gaps_are_the_questions_below_the_top_grade_heaviest_first():
    profile = scoring.score(DOCUMENT, {"a.1": 3, "a.2": 2, "b.1": 1})
    assert [g.question for g in profile.gaps] == ["b.1", "a.2"]
    assert profile.gaps[0].shortfall == 2


def test_an_unanswered_question_counts_zero_and_leaves_the_profile_incomplete():
    profile = scoring.score(DOCUMENT, {"a.1": 3, "a.2": 7})  # 7 is not a grade
    assert profile.answered == 1 and not profile.complete
    assert profile.section_percents["b"] == 0.0
    assert {g.question for g in profile.gaps} == {"a.2", "b.1"}


def test_progress_is_the_change_per_section():
    before = scoring.score(DOCUMENT, {"a.1": 1, "a.2": 1, "b.1": 1})
    after = scoring.score(DOCUMENT, {"a.1": 3, "a.2": 1, "b.1": 1})
    changes = {c.id: c.change for c in scoring.progress(before, after)}
    assert changes == {"a": 44.5, "b": 0.0}


def test_a_checklist_without_gender_questions_has_no_gender_score():
    document = {**DOCUMENT, "sections": [DOCUMENT["sections"][1]]}
    assert scoring.score(document, {"b.1": 3}).gender is None
