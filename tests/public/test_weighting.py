"""“Build your own Index”: the rankings page under a reader's weights, from the published scores only.

The world's published cities (tests/public/test_city_pages.py): Lyon (commitment 100, education 83.3,
public services 60, language 66.7, participation 75; aggregate 82) and Reggio Emilia (80, 50, 80, 0, 100;
aggregate 58). Official weights: commitment 2, the others 1, participation (optional) 0.
"""

from urllib.parse import parse_qsl, urlsplit

from icc.public.selectors.weighting import PREFIX
from tests.public.test_city_pages import _page, anonymous_client, world_fixture  # noqa: F401
from tests.public.test_rankings import _rows
from tests.test_html_validity import check

ONLY_SERVICES_AND_PARTICIPATION = (
    "w-commitment=0&w-education=0&w-public_services=1&w-language=0&w-participation=1"
)


def test_the_rankings_page_offers_every_area_with_its_official_weight(anonymous, world):
    page = _page(anonymous, "/en/rankings/")

    assert "Build your own Index" in page
    for name, weight in (("commitment", "2"), ("education", "1"), ("participation", "0")):
        assert f'name="{PREFIX}{name}" value="{weight}"' in page
    assert "Official weights" in page
    assert "Change from the official rank" not in page  # the official ranking, as before


def test_weights_change_the_order_as_computed_by_hand(anonymous, world):
    # Lyon: (60 + 75) / 2 = 67.5; Reggio Emilia: (80 + 100) / 2 = 90.
    page = _page(anonymous, f"/en/rankings/?round={world.round.pk}&{ONLY_SERVICES_AND_PARTICIPATION}")

    rows = _rows(page)
    assert [row[:4] for row in rows] == [
        ["1", "Reggio Emilia", "Italy", "90.0"],
        ["2", "Lyon", "France", "67.5"],
    ]
    assert rows[0][4] == "▲ 1up 1 place"
    assert rows[1][4] == "▼ 1down 1 place"
    assert "Aggregate index under your weights" in page


def test_a_weight_of_one_area_alone_ranks_by_that_area(anonymous, world):
    # Participation alone (the optional area the official index leaves out): Reggio Emilia 100, Lyon 75.
    query = "w-commitment=0&w-education=0&w-public_services=0&w-language=0&w-participation=3"
    page = _page(anonymous, f"/en/rankings/?{query}")

    assert [row[1:4] for row in _rows(page)] == [
        ["Reggio Emilia", "Italy", "100.0"],
        ["Lyon", "France", "75.0"],
    ]


def test_official_weights_give_the_official_ranking(anonymous, world):
    official = _rows(_page(anonymous, "/en/rankings/"))

    page = _page(anonymous, "/en/rankings/?w-commitment=2&w-education=1")

    assert _rows(page) == official
    assert "Change from the official rank" not in page


def test_bad_weights_are_named_and_ignored(anonymous, world):
    for query, message in (
        ("w-education=-1", "w-education: “-1” is not a weight. Give a number from 0 to 10"),
        ("w-education=lots", "w-education: “lots” is not a weight."),
        ("w-education=nan", "w-education: “nan” is not a weight."),
        ("w-housing=2", "w-housing: this round has no area “housing”. Remove the parameter"),
    ):
        response = anonymous.get(f"/en/rankings/?{query}")
        page = response.content.decode()
        assert response.status_code == 400, query
        assert message in page, query
        assert [row[1] for row in _rows(page)] == ["Lyon", "Reggio Emilia"], query

    areas = ("commitment", "education", "public_services", "language", "participation")
    zero = "&".join(f"w-{a}=0" for a in areas)
    page = anonymous.get(f"/en/rankings/?{zero}").content.decode()
    assert "the weights are all zero. Give at least one area a weight above 0." in page
    assert "w-commitment, w-education" in page
    assert _rows(page)[0][:2] == ["1", "Lyon"]


def test_weights_with_a_ranking_by_area_are_named_and_ignored(anonymous, world):
    response = anonymous.get("/en/rankings/?area=language&w-participation=1")

    assert response.status_code == 400
    assert "w-participation: weights apply to the aggregate index only" in response.content.decode()


def test_the_address_round_trips_the_weights(anonymous, world):
    page = _page(anonymous, f"/en/rankings/?{ONLY_SERVICES_AND_PARTICIPATION}&country=IT")

    # The chosen weights are the form's values, and the filters keep those that are not the official ones.
    for name, value in (("commitment", "0"), ("public_services", "1"), ("participation", "1")):
        assert f'name="{PREFIX}{name}" value="{value}"' in page
    for name, value in (("commitment", "0"), ("participation", "1")):
        assert f'type="hidden" name="{PREFIX}{name}" value="{value}"' in page
    assert f'type="hidden" name="{PREFIX}public_services"' not in page
    assert [row[1] for row in _rows(page)] == ["Reggio Emilia"]
    # "Official weights" keeps the round and the filters, not the weights.
    link = page.split("data-official-weights")[0].rsplit('href="', 1)[1].split('"')[0]
    query = dict(parse_qsl(urlsplit(link.replace("&amp;", "&")).query))
    assert query == {"round": str(world.round.pk), "country": "IT"}


def test_the_weights_are_in_french_for_a_french_reader(anonymous, world):
    page = _page(anonymous, f"/fr/rankings/?{ONLY_SERVICES_AND_PARTICIPATION}")

    assert "Construire votre propre Indice" in page
    assert "90,0" in page
    assert "monte de 1 place" in page


def test_unpublished_scores_never_weigh_in(anonymous, world):
    page = _page(anonymous, f"/en/rankings/?{ONLY_SERVICES_AND_PARTICIPATION}")

    assert "Porto" not in page
    assert f"round={world.later.pk}" not in page


def test_the_page_under_chosen_weights_is_valid_html_under_the_policy(anonymous, world):
    path = f"/en/rankings/?{ONLY_SERVICES_AND_PARTICIPATION}"

    problems, _links = check(path, anonymous.get(path))

    assert problems == []


def test_the_methodology_explains_the_explorer_in_both_languages(anonymous, db):
    english = _page(anonymous, "/en/methodology/")
    french = _page(anonymous, "/fr/methodology/")

    assert 'use “Build your own Index” on the <a href="/en/rankings/">rankings' in english
    assert '<a href="/fr/rankings/">page des classements</a>' in french
