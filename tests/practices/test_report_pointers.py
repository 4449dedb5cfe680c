"""The city report points the recommendations of each area to practices of other cities, and says how."""

from icc.reports.selectors.city_report import city_report_content, city_report_html
from tests.practices.helpers import published_practice
from tests.reports.test_city_report import report_round, scored  # noqa: F401  (the reports' fixtures)

AREAS = ["commitment", "education", "public_services", "language", "participation"]


def test_each_area_with_recommendations_points_to_another_citys_practice(scored, bob, alice, lyon):  # noqa: F811
    for area in AREAS:
        published_practice(bob, alice, lyon, title_en=f"Lyon's way in {area}", areas=[area], questions=[])
    report = city_report_content(scored["Porto"], language="en")
    with_recommendations = [a for a in report.areas if a.recommendations]
    assert with_recommendations, "the example answers give Porto recommendations"
    for area in report.areas:
        if area.recommendations:
            assert [gp.city for gp in area.good_practice] == ["Lyon"]
            assert area.good_practice[0].why == "serves the same area"
        else:
            assert area.good_practice == []
    html = city_report_html(report, commentary={}, standalone=False)
    assert "Practices of other cities for the recommendations of this area" in html
    assert "a practice that answers one of those questions comes before one that only serves the area" in html
    # Lyon's own report does not point Lyon to its own practices.
    assert all(not a.good_practice for a in city_report_content(scored["Lyon"], language="en").areas)
