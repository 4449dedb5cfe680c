"""A city's gaps as its people and the secretariat read them: by domain with both rates, the intervals, the
reasons for missing figures, the summary, an indicator's history and the downloads."""

import csv
import io

import pytest
from openpyxl import load_workbook

from icc.gaps.models import CityGaps
from icc.gaps.selectors.city import city_gaps_page
from icc.gaps.selectors.summary import city_gaps_summary
from tests.conftest import client_for
from tests.gaps.reading_data import enter_lyon_gaps


@pytest.fixture
def lyon_gaps(lyon, alice):
    return enter_lyon_gaps(lyon, alice)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_coordinator_reads_each_gap_with_both_groups_rates(lyon_gaps, bob):
    page = client_for(bob).get("/gaps/lyon/").content.decode()
    assert "Gaps between communities: Lyon" in page
    # Employment rate, foreign-born in 2024: 65.0 % of 800 against 70.0 % of 4,000, a gap of -5.0 points.
    assert "65.0 %" in page and "70.0 %" in page
    assert "-5.0" in page or "−5.0" in page
    assert "significant" in page
    assert "<svg" in page and 'role="img"' in page


def test_every_missing_figure_says_why(lyon_gaps, bob):
    page = client_for(bob).get("/gaps/lyon/").content.decode()
    assert "withheld: too few people" in page  # non-EU nationals: 20 people
    assert "not collected" in page  # early school leaving
    assert "40.0" not in page  # the withheld group's rate (8 of 20) is never shown


def test_a_domain_below_two_thirds_coverage_has_no_score(lyon_gaps):
    page = city_gaps_page(lyon_gaps["native_born"].city, "2024")
    education = next(s for s in page.domains if s.key == "education")
    assert all(cell.score is None for cell in education.scores)
    assert "no score: 0 of 3 indicators" in [cell.text for cell in education.scores]


def test_a_significant_gap_points_to_the_index_areas_behind_its_domain(lyon_gaps, bob):
    page = client_for(bob).get("/gaps/lyon/?period=2024").content.decode()
    assert "Where to act" in page
    assert "Business and labour market" in page
    assert "once the platform has a good practice collection and city strategies" in page


def test_the_summary_names_the_largest_gap_and_the_one_that_narrowed(lyon_gaps):
    page = city_gaps_page(lyon_gaps["native_born"].city, "2024")
    text = city_gaps_summary(page).text
    assert "In 2024, 2 gaps of the 2 measured are significant." in text
    largest = "Unemployment rate, Foreign-born: 15.0 % against 8.0 % for Native-born (7.0 points worse off)"
    assert largest in text
    assert "Since 2022, 1 gap narrowed clearly (towards parity):" in text
    assert "Employment rate, Foreign-born: gap score +" in text


def test_the_summary_reads_french(lyon_gaps, client):
    from django.utils import translation

    page = city_gaps_page(lyon_gaps["native_born"].city, "2024")
    with translation.override("fr"):
        text = city_gaps_summary(page).text
    assert "En 2024, 2 écarts sur les 2 mesurés sont significatifs." in text


def test_the_download_holds_exactly_the_table_of_the_page(lyon_gaps, bob):
    client = client_for(bob)
    rows = _csv(client.get("/gaps/lyon/gaps.csv?period=2024"))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["Domain", "Indicator", "Period", "Group", "Rate of the group (%)"]
    employment = next(r for r in body if r[1] == "Employment rate" and r[3] == "Foreign-born")
    assert employment[4] == "65.0" and employment[7] == "70.0" and employment[9] == "-5.0"
    withheld = next(r for r in body if r[3] == "Non-EU nationals" and r[1] == "Employment rate")
    assert set(withheld[4:6] + withheld[7:]) == {"withheld: too few people"}
    book = load_workbook(io.BytesIO(client.get("/gaps/lyon/gaps.xlsx?period=2024").content))
    assert [[("" if v is None else str(v)) for v in row] for row in book.active.iter_rows(values_only=True)][
        1:
    ] == body or len(list(book.active.iter_rows())) == len(rows)


def test_the_history_gives_the_change_of_the_gap_score_with_its_interval(lyon_gaps, bob):
    page = client_for(bob).get("/gaps/lyon/indicators/employment_rate/").content.decode()
    assert "Change of the gap score from 2022 to 2024" in page
    assert "a clear move towards parity" in page
    assert "withheld: too few people" in page  # non-EU nationals in 2024
    rows = _csv(client_for(bob).get("/gaps/lyon/indicators/employment_rate.csv"))
    assert [r[2] for r in rows[1:]] == ["2022", "2024", "2022", "2024"]


def test_the_coordinator_publishes_after_a_confirmation_and_withdraws(lyon_gaps, bob):
    client = client_for(bob)
    confirm = client.get("/gaps/lyon/publication/").content.decode()
    assert "What will happen" in confirm and "/data/gaps.csv" in confirm
    assert client.post("/gaps/lyon/publication/", {"action": "publish"}).status_code == 302
    assert CityGaps.objects.get(city__slug="lyon").published
    assert "65.0" in client_for(None).get("/en/cities/lyon/").content.decode()
    client.post("/gaps/lyon/publication/", {"action": "withdraw"})
    assert not CityGaps.objects.get(city__slug="lyon").published
    assert "65.0" not in client_for(None).get("/en/cities/lyon/").content.decode()


def test_a_contributor_reads_but_may_not_publish(lyon_gaps, carol):
    client = client_for(carol)
    assert client.get("/gaps/lyon/").status_code == 200
    assert client.post("/gaps/lyon/publication/", {"action": "publish"}).status_code == 403
    assert not CityGaps.objects.filter(city__slug="lyon", published=True).exists()


def test_a_coordinator_goes_straight_to_their_city_and_the_secretariat_sees_every_city(
    lyon_gaps, bob, alice, porto
):
    response = client_for(bob).get("/gaps/")
    assert response.status_code == 302 and response["Location"] == "/gaps/lyon/"
    listing = client_for(alice).get("/gaps/").content.decode()
    assert listing.index("Lyon") < listing.index("Porto")  # cities with gaps first
    assert 'href="/gaps/"' in client_for(bob).get("/gaps/lyon/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/gaps/",
        "/gaps/lyon/",
        "/gaps/lyon/?period=2022",
        "/gaps/lyon/indicators/employment_rate/",
        "/gaps/lyon/publication/",
        "/en/cities/lyon/",
    ],
)
def test_the_gap_pages_are_valid_html_under_the_policy(lyon_gaps, alice, path):
    from icc.gaps.services.publication import city_gaps_publish
    from tests.test_html_validity import check

    city_gaps_publish(city=lyon_gaps["native_born"].city, by=alice)
    response = client_for(alice).get(path)
    assert response.status_code == 200
    problems, _links = check(path, response)
    assert problems == []


def test_the_city_page_reads_a_bounded_number_of_queries(lyon_gaps, bob, django_assert_max_num_queries):
    client = client_for(bob)
    client.get("/gaps/lyon/")  # the charts are drawn once, then cached
    # Session and roles, the periods, the results, the catalogue, the publication, the Index results, the
    # observations behind the summary's changes: the same whatever the number of indicators and groups.
    with django_assert_max_num_queries(15):
        client.get("/gaps/lyon/")


def test_the_interval_chart_draws_each_gap_and_never_a_withheld_one(lyon_gaps):
    from icc.gaps.selectors.charts import domain_chart

    page = city_gaps_page(lyon_gaps["native_born"].city, "2024")
    employment = next(s for s in page.domains if s.key == "employment")
    chart = domain_chart(employment, city_name="Lyon", period="2024")
    assert chart is not None and chart.title.startswith("Gaps in employment, Lyon, 2024")
    drawn = next(row for row in chart.rows if row.description.startswith("Employment rate: Foreign-born:"))
    assert drawn.x is not None and float(drawn.low) < float(drawn.x) < float(drawn.high) < float(chart.zero_x)
    withheld = next(row for row in chart.rows if row.description.startswith("Employment rate: Non-EU"))
    assert withheld.x is None and withheld.low is None and withheld.text == "withheld: too few people"
    assert len(chart.rows) == len(employment.lines)
