"""Practices where they help: the report's pointers and the cities scoring full points."""

from icc.practices.selectors.pointers import full_points_cities, report_pointers
from icc.reports.selectors.city_report import good_practice_for
from tests.practices.helpers import published_practice


def test_the_report_points_a_weak_question_to_the_practice_that_answers_it(
    bob, alice, dave, lyon, porto, reggio
):
    from tests.factories import UserFactory, grant

    published_practice(
        bob,
        alice,
        lyon,
        title_en="Lyon mixes its schools",
        areas=["education"],
        questions=["education.school_mix"],
    )
    reggio_coordinator = UserFactory()
    grant(reggio_coordinator, "city_coordinator", city=reggio)
    published_practice(
        reggio_coordinator,
        alice,
        reggio,
        title_en="Reggio teaches teachers",
        areas=["education"],
        questions=["education.teacher_training"],
    )
    pointers = good_practice_for("education", city=porto, weak_questions=["education.school_mix"])
    assert [p.title for p in pointers] == ["Lyon mixes its schools", "Reggio teaches teachers"]
    assert pointers[0].why.startswith("answers")
    assert pointers[1].why == "serves the same area"
    assert pointers[0].url.endswith(f"/en/practices/{lyon.practices.get().pk}/")


def test_no_pointer_for_an_area_without_weak_questions_nor_to_the_citys_own_practice(bob, alice, lyon):
    published_practice(bob, alice, lyon, areas=["education"], questions=["education.school_mix"])
    assert report_pointers(area_id="education", weak_questions=[], city=lyon) == []
    assert report_pointers(area_id="education", weak_questions=["education.school_mix"], city=lyon) == []


def test_only_cities_with_published_results_are_named_as_scoring_full_points(published):
    lyon_response, porto_response = published
    cities = set().union(*full_points_cities().values())
    assert lyon_response.city_id in cities
    assert porto_response.city_id not in cities
