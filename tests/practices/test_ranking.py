"""The pure ranking of practices (icc/practices/ranking.py), with plain data."""

from icc.practices.ranking import Candidate, CityFacts, city_similarity, recency, recommend, similar

LYON = CityFacts(population=520_000, diversity=14.0)


def candidate(
    id, city_id, *, questions=(), areas=("education",), population=500_000, diversity=15.0, year=2025
):
    return Candidate(
        id=id,
        city_id=city_id,
        city=CityFacts(population, diversity),
        areas=frozenset(areas),
        questions=frozenset(questions),
        year=year,
    )


def test_a_practice_answering_the_weak_question_comes_before_one_of_the_area_only():
    on_question = candidate(1, 10, questions={"education.school_mix"}, population=40_000, year=2018)
    on_area = candidate(2, 11, year=2025)
    chosen = recommend(
        [on_area, on_question],
        city_id=1,
        city=LYON,
        area="education",
        questions=["education.school_mix"],
        this_year=2026,
    )
    assert [s.candidate.id for s in chosen] == [1, 2]
    assert chosen[0].parts["question"] == 1.0 and chosen[1].parts["question"] == 0.5


def test_between_equal_matches_the_closer_city_and_then_the_newer_practice_win():
    far = candidate(1, 10, population=35_000, diversity=40.0)
    close = candidate(2, 11, population=510_000, diversity=14.0)
    older_twin = candidate(3, 12, population=510_000, diversity=14.0, year=2019)
    chosen = recommend([far, older_twin, close], city_id=1, city=LYON, area="education", this_year=2026)
    assert [s.candidate.id for s in chosen] == [2, 3, 1]


def test_the_citys_own_practices_and_other_areas_are_left_out_and_one_per_city():
    own = candidate(1, 1)
    other_area = candidate(2, 10, areas=("media",))
    first = candidate(3, 11)
    same_city = candidate(4, 11, year=2020)
    chosen = recommend(
        [own, other_area, first, same_city], city_id=1, city=LYON, area="education", this_year=2026
    )
    assert [s.candidate.id for s in chosen] == [3]


def test_at_most_the_limit_and_the_same_order_every_time():
    pool = [candidate(i, 100 + i) for i in range(10)]
    first = recommend(pool, city_id=1, city=LYON, area="education", this_year=2026, limit=3)
    again = recommend(list(reversed(pool)), city_id=1, city=LYON, area="education", this_year=2026, limit=3)
    assert [s.candidate.id for s in first] == [s.candidate.id for s in again] == [0, 1, 2]


def test_similarity_and_recency_are_between_0_and_1():
    assert city_similarity(LYON, LYON) == 1.0
    assert city_similarity(LYON, CityFacts(None, None)) == 0.5
    assert city_similarity(LYON, CityFacts(52_000, 60.0)) == 0.0
    assert recency(2026, this_year=2026) == 1.0
    assert recency(2010, this_year=2026) == 0.0


def test_more_like_this_prefers_shared_questions_then_areas():
    target = Candidate(
        1, 1, LYON, frozenset({"education"}), frozenset({"education.school_mix"}), frozenset({"youth"})
    )
    same_question = Candidate(2, 2, LYON, frozenset({"media"}), frozenset({"education.school_mix"}))
    same_area = Candidate(3, 3, LYON, frozenset({"education"}), frozenset())
    unrelated = Candidate(4, 4, LYON, frozenset({"media"}), frozenset())
    assert [c.id for c in similar(target, [unrelated, same_area, same_question, target])] == [2, 3]
