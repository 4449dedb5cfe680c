"""A city's public page places each area score among the published cities: where their middle half lies
(first to third quartile) and which quarter the city's score falls in.

Figures by hand on the `world` fixture (tests/index/data): the published cities are Lyon and Reggio
Emilia; Porto refused publication. With two scores a < b, linear interpolation gives Q1 = a + (b - a) / 4,
median = (a + b) / 2, Q3 = a + 3 (b - a) / 4.

- commitment: Lyon 100, Reggio 80 -> Q1 85, Q3 95 (with Porto's 60 it would be 70-90)
- public services: Lyon 60, Reggio 80 -> Q1 65, Q3 75
- language: Lyon 66.67, Reggio 0 -> Q1 16.67, Q3 50
- education: Lyon 83.33, Reggio 50 -> Q1 58.33, Q3 75
"""

import pytest

from icc.public.selectors.cities import AreaResult
from tests.public.test_city_pages import _page, anonymous_client, world_fixture  # noqa: F401


def _row(page: str, area: str) -> str:
    start = page.index(f'<th scope="row">{area}</th>')
    return page[start : page.index("</tr>", start)]


def test_each_area_shows_the_published_cities_middle_half_and_the_citys_quarter(anonymous, world):
    page = _page(anonymous, "/en/cities/lyon/")

    assert "Middle half of published cities" in page
    commitment = _row(page, "Commitment")
    assert "85.0–95.0" in commitment  # over Lyon and Reggio Emilia only: Porto's 60 would make it 70.0–90.0
    assert "top quarter" in commitment  # 100 > 95
    public_services = _row(page, "Public services")
    assert "65.0–75.0" in public_services and "bottom quarter" in public_services  # 60 < 65
    language = _row(page, "Language")
    assert "16.7–50.0" in language and "top quarter" in language  # 66.7 > 50
    education = _row(page, "Education")
    assert "58.3–75.0" in education and "top quarter" in education  # 83.3 > 75


def test_the_other_published_city_reads_the_same_range_from_below(anonymous, world):
    page = _page(anonymous, "/en/cities/reggio-emilia/")

    commitment = _row(page, "Commitment")
    assert "85.0–95.0" in commitment and "bottom quarter" in commitment  # 80 < 85
    assert "top quarter" in _row(page, "Public services")  # 80 > 75


def test_the_quartiles_are_in_french_on_the_french_page(anonymous, world):
    page = _page(anonymous, "/fr/cities/lyon/")

    assert "Moitié centrale des villes publiées" in page
    assert "85,0–95,0" in page
    assert "quart supérieur" in page and "quart inférieur" in page


def test_a_refused_city_shows_no_quartiles(anonymous, world):
    page = _page(anonymous, "/en/cities/porto/")

    assert "Middle half of published cities" not in page


@pytest.mark.parametrize(
    ("score", "words"),
    [
        (95.1, "top quarter"),
        (95.0, "above the median"),  # at Q3 is not above it
        (90.04, "at the median"),  # compared at the decimal the page shows: 90.0
        (89.9, "below the median"),
        (85.0, "below the median"),  # at Q1 is not below it
        (84.9, "bottom quarter"),
    ],
)
def test_the_quarter_is_read_at_the_decimal_the_page_shows(score, words):
    area = AreaResult(id="a", title="A", score=score, mean=90.0, q1=85.0, median=90.0, q3=95.0)

    assert area.quarter_text == words
    assert area.middle_half_text == "85.0–95.0"


def test_an_area_no_published_city_scored_has_no_range_and_no_words():
    area = AreaResult(id="a", title="A", score=None, mean=None, q1=None, median=None, q3=None)

    assert area.middle_half_text == "–"
    assert area.quarter_text == ""
