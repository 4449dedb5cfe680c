"""Rankings: overall and by area, filtered by country and peer group, of published cities only."""

import re
from html import unescape

from icc.index.models import ResponseScore
from tests.public.test_city_pages import _page, anonymous_client, world_fixture  # noqa: F401


def _rows(page: str) -> list[list[str]]:
    table = re.search(r'<table class="ranking">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert table, "no ranking table"
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_the_overall_ranking_lists_published_cities_with_their_rank_in_the_round(anonymous, world):
    stored = {r.response_id: r.scores for r in ResponseScore.objects.filter(response__round=world.round)}

    page = _page(anonymous, "/en/rankings/")

    rows = _rows(page)
    assert [row[1] for row in rows] == ["Lyon", "Reggio Emilia"]
    assert rows[0][:4] == ["1", "Lyon", "France", world.text(world.lyon)]
    assert rows[1][0] == str(stored[world.reggio.pk]["rank"]["sample"])
    assert "Ranks by the aggregate index are among all 3 cities of the round" in page


def test_unpublished_results_never_reach_the_rankings(anonymous, world):
    page = _page(anonymous, "/en/rankings/")

    assert "Porto" not in page and "Bergamo" not in page
    assert world.text(world.porto) not in page
    assert world.later.name not in page  # the round whose results are not published is not offered
    refused = anonymous.get(f"/en/rankings/?round={world.later.pk}")
    assert refused.status_code == 400
    assert world.text(world.later_lyon) not in refused.content.decode()


def test_a_ranking_by_area_orders_the_published_cities_by_that_area(anonymous, world):
    scores = {
        name: ResponseScore.objects.get(response=response).scores["areas"]["language"]
        for name, response in (("Lyon", world.lyon), ("Reggio Emilia", world.reggio))
    }

    rows = _rows(_page(anonymous, "/en/rankings/?area=language"))

    expected = sorted(scores, key=lambda name: -scores[name])
    assert [row[1] for row in rows] == expected
    assert rows[0][0] == "1"


def test_filters_narrow_the_list_not_the_ranks(anonymous, world):
    stored = ResponseScore.objects.get(response=world.reggio).scores

    italy = _rows(_page(anonymous, "/en/rankings/?country=IT"))
    band = stored["peer_groups"]["population"]
    peers = _rows(_page(anonymous, f"/en/rankings/?peer=population:{band}"))

    assert [row[1] for row in italy] == ["Reggio Emilia"]
    assert italy[0][0] == str(stored["rank"]["sample"])
    assert "Reggio Emilia" in [row[1] for row in peers]


def test_a_parameter_at_fault_gets_a_message_naming_it(anonymous, world):
    response = anonymous.get("/en/rankings/?area=cooking&country=ZZ&peer=height:tall")

    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "area: this round has no area “cooking”." in page
    assert "country: no published city of this round is in the country “ZZ”." in page
    assert "peer: “height:tall” is not a peer group of this round." in page
    assert [row[1] for row in _rows(page)] == ["Lyon", "Reggio Emilia"]


def test_the_ranking_is_french_for_a_french_reader(anonymous, world):
    page = _page(anonymous, "/fr/rankings/?country=IT")

    assert '<html lang="fr">' in page
    assert "Italie" in page and "Rang" in page
    assert world.text(world.reggio).replace(".", ",") in page


def test_the_ranking_needs_a_bounded_number_of_queries(anonymous, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):  # 10, and the round's stored rank intervals
        _page(anonymous, "/en/rankings/")


def test_tied_ranks_are_marked_and_rank_jumps_explained(anonymous, world):
    lyon = ResponseScore.objects.get(response=world.lyon).scores["areas"]["language"]
    reggio = ResponseScore.objects.get(response=world.reggio)
    reggio.scores = {**reggio.scores, "areas": {**reggio.scores["areas"], "language": lyon}}
    reggio.save()

    page = _page(anonymous, "/en/rankings/?area=language")

    assert [row[0] for row in _rows(page)] == ["1= (tied)", "1= (tied)"]
    assert "tied cities share a rank and the next rank is skipped (1, 2, 2, 4)" in unescape(page)
    # The aggregate ranks are among the whole round (Porto did not publish): the page says why they jump.
    overall = _page(anonymous, "/en/rankings/")
    assert "Ranks also skip the cities of the round that did not publish their results." in overall
    assert "(tied)" not in overall
    french = _page(anonymous, "/fr/rankings/?area=language")
    assert "ex æquo" in french


def test_a_city_page_names_the_questionnaire_version_apart_from_the_round(anonymous, world):
    page = _page(anonymous, "/en/cities/lyon/")

    heading = re.search(r'<h3 id="round-\d+-h">(.*?)</h3>\s*<p class="muted">(.*?)</p>', page, re.S)
    assert heading and heading.group(1) == world.round.name
    assert heading.group(2) == f"Questionnaire version: {world.round.questionnaire}"


def test_a_long_ranking_comes_a_page_at_a_time_with_the_ranks_of_the_whole_list(
    anonymous, world, monkeypatch
):
    monkeypatch.setattr("icc.public.views.rankings.ROWS_PER_PAGE", 1)
    reggio_rank = str(ResponseScore.objects.get(response=world.reggio).scores["rank"]["sample"])

    first = _page(anonymous, "/en/rankings/")
    second = _page(anonymous, "/en/rankings/?page=2")

    assert [row[:2] for row in _rows(first)] == [["1", "Lyon"]]
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    assert [row[:2] for row in _rows(second)] == [[reggio_rank, "Reggio Emilia"]]
