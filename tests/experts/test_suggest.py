"""The pure ranking of experts for a piece of work (icc.experts.suggest): no database."""

from icc.experts.suggest import (
    BALANCES_GENDER,
    DATE_CLASH,
    INTERESTED_AVAILABLE,
    NO_SHARED_LANGUAGE,
    SAME_COUNTRY,
    SPEAKS,
    WEAK_AREAS,
    WORKLOAD,
    Candidate,
    Reason,
    Work,
    suggest,
    weakest_areas,
)

SCORES = {"education": 80.0, "media": 20.0, "language": 35.0, "business": 50.0, "welcoming": None}


def _ids(result) -> list[int]:
    return [s.candidate.expert_id for s in result.ranked]


def _reasons(result, expert_id: int) -> dict[str, Reason]:
    suggestion = next(s for s in result.ranked if s.candidate.expert_id == expert_id)
    return {reason.code: reason for reason in suggestion.reasons}


def test_the_weakest_areas_are_the_lowest_scored_and_unscored_areas_are_left_out():
    assert weakest_areas(SCORES) == ("media", "language", "business")
    assert weakest_areas({"b": 10.0, "a": 10.0}, count=1) == ("a",)
    assert weakest_areas({}) == ()


def test_an_expert_speaking_the_city_language_comes_before_one_who_does_not():
    work = Work(kind="policy_workshop", country="FR", languages=("fr",))
    result = suggest(
        work,
        [
            Candidate(1, "Anna", languages=frozenset({"en"})),
            Candidate(2, "Bruno", languages=frozenset({"fr-BE", "en"})),
        ],
    )
    assert _ids(result) == [2, 1]
    assert _reasons(result, 2)[SPEAKS].items == ("fr",)
    assert NO_SHARED_LANGUAGE in _reasons(result, 1)


def test_expertise_in_the_city_weakest_areas_counts_and_is_named():
    work = Work(kind="policy_workshop", area_scores=SCORES)
    result = suggest(
        work,
        [
            Candidate(1, "Anna", areas=frozenset({"education"})),
            Candidate(2, "Bruno", areas=frozenset({"media", "language"})),
            Candidate(3, "Chloe", areas=frozenset({"business"})),
        ],
    )
    assert _ids(result) == [2, 3, 1]
    assert _reasons(result, 2)[WEAK_AREAS].items == ("media", "language")
    assert WEAK_AREAS not in _reasons(result, 1)
    assert result.weak_areas == ("media", "language", "business")


def test_a_lighter_workload_this_year_ranks_higher_and_says_so():
    work = Work(kind="vision_workshop")
    result = suggest(
        work, [Candidate(1, "Anna", assignments_this_year=4), Candidate(2, "Bruno", assignments_this_year=1)]
    )
    assert _ids(result) == [2, 1]
    assert _reasons(result, 1)[WORKLOAD].count == 4


def test_no_expert_from_the_city_country_on_a_first_visit_and_the_reason_is_given():
    candidates = [Candidate(1, "Anna", country="FR"), Candidate(2, "Bruno", country="DE")]
    first = suggest(Work(kind="first_visit", country="FR"), candidates)
    assert _ids(first) == [2]
    assert [(e.candidate.expert_id, e.reason) for e in first.excluded] == [
        (1, Reason(SAME_COUNTRY, items=("FR",)))
    ]
    # Other work may go to an expert of the same country.
    other = suggest(Work(kind="policy_workshop", country="FR"), candidates)
    assert sorted(_ids(other)) == [1, 2]
    assert other.excluded == ()


def test_a_team_of_men_is_balanced_by_suggesting_a_woman():
    candidates = [Candidate(1, "Anna", gender="woman"), Candidate(2, "Aaron", gender="man")]
    result = suggest(Work(kind="first_visit", team_genders=("man",)), candidates)
    assert _ids(result) == [1, 2]
    assert _reasons(result, 1)[BALANCES_GENDER].items == ("woman",)
    # A balanced or empty team gives nobody that reason; "prefer not to say" is never counted.
    balanced = suggest(Work(kind="first_visit", team_genders=("man", "woman", "not_given")), candidates)
    assert all(BALANCES_GENDER not in _reasons(balanced, i) for i in (1, 2))


def test_experts_interested_and_available_in_the_open_call_come_first_whatever_their_score():
    work = Work(kind="policy_workshop", languages=("fr",), area_scores=SCORES)
    strong = Candidate(1, "Anna", languages=frozenset({"fr"}), areas=frozenset({"media", "language"}))
    keen = Candidate(2, "Bruno", interested=True, available=True, assignments_this_year=5)
    keen_but_busy = Candidate(3, "Chloe", interested=True, available=False)
    result = suggest(work, [strong, keen_but_busy, keen])
    assert _ids(result)[0] == 2
    assert INTERESTED_AVAILABLE in _reasons(result, 2)
    assert [s.rank for s in result.ranked] == [1, 2, 3]


def test_an_expert_with_a_date_clash_goes_below_those_without_and_is_flagged():
    work = Work(kind="policy_workshop", languages=("fr",))
    result = suggest(
        work, [Candidate(1, "Anna", languages=frozenset({"fr"}), clashes=True), Candidate(2, "Bruno")]
    )
    assert _ids(result) == [2, 1]
    assert DATE_CLASH in _reasons(result, 1)


def test_experts_already_on_the_team_are_not_suggested_again():
    result = suggest(
        Work(kind="policy_workshop", team_ids=frozenset({1})), [Candidate(1, "A"), Candidate(2, "B")]
    )
    assert _ids(result) == [2]


def test_the_same_pool_always_gives_the_same_order():
    pool = [Candidate(i, name) for i, name in enumerate(["Zoe", "adam", "Marie", "Élodie", "bea"], start=1)]
    first = _ids(suggest(Work(kind="report_commentary"), pool))
    again = _ids(suggest(Work(kind="report_commentary"), list(reversed(pool))))
    assert first == again
