"""Rank uncertainty on the public site: a published city's rank with its 90 % interval over the plausible
weightings (the round's stored robustness), on its page, in the rankings, in compare, in open data and in
the API; never for a city whose results are not public.

The world (tests/public/test_city_pages.py) stores Lyon 1st, Porto 2nd and Reggio Emilia 3rd in every
scenario; the tests that need a wider interval store one, as a recompute with other answers would.
"""

import csv
import io
import json

import pytest

from icc.core.public_version import public_content_changed
from icc.index.models import RoundScores
from tests.public.test_city_pages import _page, anonymous_client, world_fixture  # noqa: F401
from tests.public.test_open_data import _csv
from tests.public.test_rankings import _rows


def _store_interval(world, city: str, p05: float, p95: float) -> None:
    stored = RoundScores.objects.get(round=world.round)
    for entry in stored.robustness["cities"]:
        if entry["city"] == city:
            entry.update(p05=p05, p95=p95, median=(p05 + p95) / 2)
    stored.save()
    public_content_changed()


@pytest.fixture
def uncertain(world):
    """Reggio Emilia between 2nd and 3rd (2.4 rounded down, 2.6 rounded up); Porto (refused) 1st to 3rd."""
    _store_interval(world, "Reggio Emilia", 2.4, 2.6)
    _store_interval(world, "Porto", 1.0, 3.0)
    return world


def test_a_city_page_reads_the_rank_interval_in_one_sentence_with_a_chart(anonymous, uncertain):
    page = _page(anonymous, "/en/cities/reggio-emilia/")

    assert "How firm is this rank?" in page
    assert "Between 2nd and 3rd in 90% of plausible weightings." in page
    assert 'class="rank-interval-chart"' in page and 'role="img"' in page
    chart_id = f"rank-interval-areas-{uncertain.round.pk}-reading"
    assert f'aria-labelledby="{chart_id}"' in page and f'id="{chart_id}"' in page
    # On the scale of the round's 3 ranks (x from 8 to 232): the bar from rank 2 (120) to rank 3 (232).
    assert '<rect class="interval" x="120.0" y="6" width="112.0"' in page
    assert '<circle class="rank" cx="232.0"' in page  # its official rank, 3rd


def test_a_firm_rank_says_so(anonymous, world):
    page = _page(anonymous, "/en/cities/lyon/")

    assert "1st in 90% of plausible weightings." in page


def test_the_interval_is_in_french_for_a_french_reader(anonymous, uncertain):
    page = _page(anonymous, "/fr/cities/reggio-emilia/")

    reading = "Entre le 2<sup>e</sup> et le 3<sup>e</sup> rang dans 90\u00a0% des pondérations plausibles."
    assert reading in page


def test_the_rankings_show_each_ranks_interval_in_a_column(anonymous, uncertain):
    page = _page(anonymous, "/en/rankings/")

    rows = _rows(page)
    assert [(row[1], row[4]) for row in rows] == [("Lyon", "1"), ("Reggio Emilia", "2–3")]
    assert "Rank range" in page and "in 90% of plausible weightings" in page
    # Not for a ranking by area, nor under the reader's own weights: the intervals are of the official rank.
    assert "Rank range" not in _page(anonymous, "/en/rankings/?area=language")
    assert "Rank range" not in _page(anonymous, "/en/rankings/?w-participation=1")


def test_compare_shows_the_compared_cities_intervals(anonymous, uncertain):
    url = f"/en/compare/?cities=lyon,reggio-emilia&round={uncertain.round.pk}"
    page = _page(anonymous, url)

    assert "Rank in 90% of plausible weightings" in page
    table = anonymous.get(url.replace("/compare/", "/compare.csv"))
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(table.content.decode()))}
    assert rows["Rank in 90% of plausible weightings"][:2] == ["1", "2-3"]


def test_open_data_has_the_interval_as_columns(anonymous, uncertain):
    rows = {r["city"]: r for r in _csv(anonymous.get(f"/en/data/{uncertain.round.pk}/scores.csv"))}

    assert (rows["Reggio Emilia"]["rank_low"], rows["Reggio Emilia"]["rank_high"]) == ("2", "3")
    assert (rows["Lyon"]["rank_low"], rows["Lyon"]["rank_high"]) == ("1", "1")
    package = json.loads(anonymous.get(f"/en/data/{uncertain.round.pk}/datapackage.json").content)
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["rank_low"]["type"] == "integer" and "90%" in fields["rank_low"]["description"]


def test_the_api_results_carry_the_interval(anonymous, uncertain):
    body = anonymous.get(f"/api/v1/rounds/{uncertain.round.pk}/results").json()

    cities = {c["city_name"]: c for c in body["cities"]}
    assert (cities["Reggio Emilia"]["rank_low"], cities["Reggio Emilia"]["rank_high"]) == (2, 3)
    assert cities["Reggio Emilia"]["rank_median"] == 2.5
    assert (cities["Lyon"]["rank_low"], cities["Lyon"]["rank_high"]) == (1, 1)


def test_the_interval_of_a_city_that_refused_publication_never_shows(anonymous, uncertain):
    # Porto's stored interval (1st to 3rd) is nowhere: not on the pages, the files or the API.
    for url in (
        "/en/cities/porto/",
        "/en/rankings/",
        f"/en/compare/?cities=lyon,reggio-emilia&round={uncertain.round.pk}",
        f"/en/compare/?cities=lyon,porto&round={uncertain.round.pk}",
        f"/en/data/{uncertain.round.pk}/scores.csv",
        f"/api/v1/rounds/{uncertain.round.pk}/results",
    ):
        response = anonymous.get(url)
        body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        assert "1–3" not in body and "1-3" not in body and "1st and 3rd" not in body, url
    assert "plausible weightings" not in anonymous.get("/en/cities/porto/").content.decode()


def test_no_interval_before_the_rounds_results_are_published(anonymous, world):
    page = _page(anonymous, "/en/cities/lyon/")

    # Lyon's later round (validated, agreed, results not published) shows nothing, its interval included.
    assert world.later.name not in page
    assert page.count("in 90% of plausible weightings.") == 1
