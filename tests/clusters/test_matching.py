"""Matching cities for a learning cluster (icc.clusters.matching): plain data, no database."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from icc.clusters.matching import (
    ALREADY_MEMBER,
    BEST_AREA,
    LEARNER,
    MENTOR,
    NEW_LANGUAGE,
    NEW_REGION,
    NO_SCORES,
    PARTIAL,
    SHARES_LANGUAGE,
    STRONG,
    WEAK,
    WEAKEST_AREA,
    CityScores,
    suggest_membership,
    theme_score,
)

AREAS = ("welcoming", "language")


def city(name, welcoming, language=None, *, languages=("en",), region="west"):
    return CityScores(
        key=name.lower(),
        name=name,
        languages=tuple(languages),
        region=region,
        scores={"welcoming": welcoming, "language": language, "media": 99.0},
    )


def codes(suggestion):
    return {reason.code: reason.values for reason in suggestion.reasons}


def test_the_theme_score_is_the_mean_of_the_theme_areas_the_city_has_a_score_in():
    assert theme_score(city("A", 80.0, 60.0), AREAS) == 70.0
    assert theme_score(city("B", 80.0, None), AREAS) == 80.0
    assert theme_score(city("C", None, None), AREAS) is None


def test_strong_cities_are_mentors_and_weak_cities_learners():
    cities = [
        city(name, score, score)
        for name, score in [("A", 90), ("B", 80), ("C", 50), ("D", 20), ("E", 10), ("F", 55)]
    ]
    result = suggest_membership(cities, AREAS, mentors=2, learners=2)
    assert [s.name for s in result.mentors] == ["A", "B"]
    assert {s.name for s in result.learners} == {"D", "E"}
    assert all(s.role == MENTOR for s in result.mentors)
    assert all(s.role == LEARNER for s in result.learners)
    assert min(s.theme_score for s in result.mentors) > max(s.theme_score for s in result.learners)


def test_each_suggestion_says_why_with_its_scores():
    cities = [city("Strong", 90, 70), city("Middle", 50, 50), city("Weak", 30, 10)]
    result = suggest_membership(cities, AREAS, mentors=1, learners=1)
    mentor, learner = result.mentors[0], result.learners[0]
    assert result.mean == 50.0
    assert codes(mentor)[STRONG] == {"score": 80.0, "mean": 50.0}
    assert codes(mentor)[BEST_AREA] == {"area": "welcoming", "score": 90.0}
    assert codes(learner)[WEAK] == {"score": 20.0, "mean": 50.0}
    assert codes(learner)[WEAKEST_AREA] == {"area": "language", "score": 10.0}
    assert mentor.area_scores == {"welcoming": 90.0, "language": 70.0}
    assert "media" not in learner.area_scores


def test_a_city_without_a_score_in_the_theme_is_left_out_and_said_so():
    cities = [city("A", 90), city("B", 10), city("C", 50), city("Nowhere", None)]
    result = suggest_membership(cities, AREAS)
    assert [(left.name, left.reason.code) for left in result.left_out] == [("Nowhere", NO_SCORES)]
    assert PARTIAL in codes(result.mentors[0])
    assert codes(result.mentors[0])[PARTIAL] == {"scored": 1, "areas": 2}


def test_cities_already_in_the_cluster_are_not_suggested_again_but_count_in_the_mean():
    cities = [city("A", 90), city("B", 85), city("C", 50), city("D", 10), city("E", 20), city("F", 40)]
    result = suggest_membership(cities, AREAS, mentors=1, learners=1, exclude=["a"])
    assert [s.name for s in result.mentors] == ["B"]
    assert ("A", ALREADY_MEMBER) in [(left.name, left.reason.code) for left in result.left_out]
    assert result.mean == round((90 + 85 + 50 + 10 + 20 + 40) / 6, 1)


def test_mentors_are_balanced_by_language_then_region_before_score():
    cities = [
        city("Anglo1", 95, languages=("en",), region="west"),
        city("Anglo2", 94, languages=("en",), region="west"),
        city("Franco", 90, languages=("fr",), region="west"),
        city("Anglo3", 89, languages=("en",), region="north"),
        *[city(f"W{i}", 10 + i) for i in range(8)],
    ]
    result = suggest_membership(cities, AREAS, mentors=3, learners=0)
    # The strongest first, then a new language, then a new region, before the second strongest.
    assert [s.name for s in result.mentors] == ["Anglo1", "Franco", "Anglo3"]
    assert NEW_LANGUAGE in codes(result.mentors[1])
    assert NEW_REGION in codes(result.mentors[2])
    assert NEW_LANGUAGE not in codes(result.mentors[2])


def test_a_learner_sharing_a_language_with_a_mentor_comes_first():
    cities = [
        city("Mentor", 95, languages=("fr",)),
        city("M2", 80),
        city("M3", 70),
        city("Mid", 60),
        city("German", 5, languages=("de",)),
        city("Belgian", 12, languages=("nl", "fr")),
    ]
    result = suggest_membership(cities, AREAS, mentors=1, learners=1)
    assert [s.name for s in result.learners] == ["Belgian"]
    assert codes(result.learners[0])[SHARES_LANGUAGE] == {"language": "fr", "mentors": 1}


def test_equal_scores_suggest_nobody():
    result = suggest_membership([city(n, 50, 50) for n in "ABCDEF"], AREAS)
    assert result.mentors == () and result.learners == ()
    assert result.candidates == 6


def test_no_city_no_suggestion():
    result = suggest_membership([], AREAS)
    assert result.mean is None and result.suggestions == ()


def test_ties_are_broken_by_name_whatever_the_order_of_the_input():
    cities = [city(n, 90) for n in ("Zagreb", "Bergen", "Lyon")] + [
        city(n, 10) for n in ("Oslo", "Cork", "Ghent")
    ]
    cities += [city("Mid1", 50), city("Mid2", 50), city("Mid3", 50)]
    shuffled = list(cities)
    random.Random(4).shuffle(shuffled)
    first = suggest_membership(cities, AREAS, mentors=2, learners=2)
    second = suggest_membership(shuffled, AREAS, mentors=2, learners=2)
    assert first == second
    assert [s.name for s in first.mentors] == ["Bergen", "Lyon"]
    assert [s.name for s in first.learners] == ["Cork", "Ghent"]


score = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
cities_strategy = st.lists(
    st.builds(
        lambda i, w, lang, langs, region: CityScores(
            key=f"c{i}",
            name=f"City {i}",
            languages=langs,
            region=region,
            scores={"welcoming": w, "language": lang},
        ),
        st.integers(0, 10_000),
        score,
        score,
        st.lists(st.sampled_from(["en", "fr", "de", "it"]), min_size=1, max_size=2, unique=True).map(tuple),
        st.sampled_from(["west", "north", "south", "east"]),
    ),
    max_size=30,
    unique_by=lambda c: c.key,
)


@settings(max_examples=150, deadline=None)
@given(cities_strategy, st.integers(0, 5), st.integers(0, 8))
def test_any_network_gets_a_sound_and_repeatable_suggestion(cities, mentors, learners):
    result = suggest_membership(cities, AREAS, mentors=mentors, learners=learners)
    assert len(result.mentors) <= mentors and len(result.learners) <= learners
    keys = [s.key for s in result.suggestions]
    assert len(keys) == len(set(keys))
    if result.mentors and result.learners:
        assert min(s.theme_score for s in result.mentors) > max(s.theme_score for s in result.learners)
    for suggestion in result.mentors:
        assert suggestion.theme_score > result.mean
    for suggestion in result.learners:
        assert suggestion.theme_score < result.mean
    assert result == suggest_membership(list(reversed(cities)), AREAS, mentors=mentors, learners=learners)
    assert len(result.left_out) + result.candidates == len(cities)
