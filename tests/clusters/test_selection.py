"""The policy lab's scoring, ranking and attendance continuity (icc.clusters.selection): plain data."""

import datetime
import itertools

from hypothesis import given
from hypothesis import strategies as st

from icc.clusters.selection import (
    Criterion,
    MemberAttendance,
    Session,
    Total,
    application_total,
    continuity,
    rank_applications,
    score_error,
)

CRITERIA = (
    Criterion("motivation", weight=2, max_score=5),
    Criterion("experience", weight=1, max_score=10),
    Criterion("balance", weight=1, max_score=5),
)


def test_the_total_is_the_weighted_mean_of_the_scores_as_shares_of_their_maximum():
    total = application_total(CRITERIA, {"motivation": 5, "experience": 5, "balance": 0})
    # (2 x 1 + 1 x 0.5 + 1 x 0) / 4 = 62.5 %
    assert total == Total(62.5, 3, 3)
    assert total.complete


def test_an_application_not_scored_on_every_criterion_has_no_total():
    total = application_total(CRITERIA, {"motivation": 5, "experience": None})
    assert total.value is None and total.scored == 1 and total.criteria == 3
    assert not total.complete


def test_a_score_must_be_whole_and_within_the_criterion_maximum():
    criterion = CRITERIA[0]
    assert score_error(criterion, 5) is None
    assert score_error(criterion, 0) is None
    assert score_error(criterion, 6) == "out_of_range"
    assert score_error(criterion, -1) == "out_of_range"
    assert score_error(criterion, 2.5) == "not_whole"
    assert score_error(criterion, True) == "not_whole"


def test_equal_totals_share_a_rank_and_incomplete_applications_are_not_ranked():
    full = {"motivation": 5, "experience": 10, "balance": 5}
    half = {"motivation": 5, "experience": 0, "balance": 0}
    ranked = rank_applications(
        [
            (1, "Zoe", application_total(CRITERIA, half)),
            (2, "Adam", application_total(CRITERIA, full)),
            (3, "Anna", application_total(CRITERIA, half)),
            (4, "Unscored", application_total(CRITERIA, {})),
            (5, "Last", application_total(CRITERIA, {"motivation": 0, "experience": 0, "balance": 1})),
        ]
    )
    assert [(r.name, r.rank, r.total) for r in ranked] == [
        ("Adam", 1, 100.0),
        ("Anna", 2, 50.0),
        ("Zoe", 2, 50.0),
        ("Last", 4, 5.0),
    ]


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10), st.integers(0, 5)), max_size=20))
def test_totals_stay_between_0_and_100_and_ranks_never_go_down(rows):
    totals = [
        (
            i,
            f"n{i}",
            application_total(CRITERIA, dict(zip(("motivation", "experience", "balance"), row, strict=True))),
        )
        for i, row in enumerate(rows)
    ]
    assert all(0 <= t.value <= 100 for _k, _n, t in totals)
    ranked = rank_applications(totals)
    assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)
    assert all(a.total >= b.total for a, b in itertools.pairwise(ranked))


D = datetime.date
SESSIONS = [Session("s1", D(2025, 3, 1)), Session("s2", D(2025, 6, 1)), Session("s3", D(2025, 10, 1))]


def test_continuity_counts_the_sessions_held_since_each_member_joined():
    members = [
        MemberAttendance("ana", None, frozenset({"s1", "s2", "s3"})),
        MemberAttendance("ben", None, frozenset({"s1"})),
        MemberAttendance("cem", D(2025, 5, 1), frozenset({"s2", "s3"})),
    ]
    result = continuity(SESSIONS, members, today=D(2025, 12, 1))
    by_member = {m.member: m for m in result.members}
    assert (by_member["ana"].expected, by_member["ana"].attended, by_member["ana"].share) == (3, 3, 100.0)
    assert (by_member["ben"].expected, by_member["ben"].attended, by_member["ben"].share) == (3, 1, 33.3)
    assert (by_member["cem"].expected, by_member["cem"].attended) == (2, 2)
    assert result.sessions == 3
    assert result.every_session == 2
    assert result.share == round(100 * 6 / 8, 1)


def test_sessions_still_to_come_do_not_count():
    members = [MemberAttendance("ana", None, frozenset({"s1"}))]
    result = continuity(SESSIONS, members, today=D(2025, 4, 1))
    assert result.sessions == 1 and result.share == 100.0


def test_before_any_session_there_is_no_share():
    result = continuity(SESSIONS, [MemberAttendance("ana", None, frozenset())], today=D(2024, 1, 1))
    assert result.share is None and result.members[0].share is None and result.every_session == 0
