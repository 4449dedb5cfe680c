"""The suggestions on an assignment read the city's latest validated area scores and its country's
languages."""

from icc.experts.selectors.work import country_languages, latest_area_scores, suggestion_page
from tests.experts.work_helpers import make_assignment, make_expert


def test_the_city_languages_come_from_its_country():
    assert country_languages("FR")[0] == "fr"
    assert set(country_languages("BE")) >= {"nl", "fr", "de"}
    assert country_languages("") == ()


def test_expertise_in_the_city_weakest_scored_areas_ranks_first(scored, lyon):
    scores = latest_area_scores(lyon)
    assert scores, "Lyon's validated response is scored"
    weakest = min((score, key) for key, score in scores.items() if score is not None)[1]
    strongest = max((score, key) for key, score in scores.items() if score is not None)[1]
    make_expert("Aaron Abel", areas=(strongest,))
    make_expert("Zelda Zorn", areas=(weakest,))
    page = suggestion_page(make_assignment("policy_workshop", city=lyon))
    assert [row.expert.full_name for row in page.rows] == ["Zelda Zorn", "Aaron Abel"]
    assert any(reason.startswith("expertise in the city's weak areas") for reason in page.rows[0].reasons)
    assert page.weak_areas and page.languages == ["French"]
