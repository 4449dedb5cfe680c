"""Compare: published cities side by side or against their peers; the state in the address; a CSV of
exactly the table shown; a clear message for each parameter at fault; nothing unpublished."""

import csv
import io
import re
import statistics
from html import unescape
from urllib.parse import parse_qs, urlsplit

from icc.index.models import ResponseScore
from icc.index.selectors.scores import score_text
from tests.public.test_city_pages import World, _page, anonymous_client, world_fixture  # noqa: F401


def _table(page: str) -> list[list[str]]:
    """The comparison table as the reader sees it: header and rows of cell texts."""
    table = re.search(r'<table class="compare-table[^"]*">(.*?)</table>', page, re.S)
    assert table, "no comparison table"
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def _url(world: World, query: str) -> str:
    return f"/en/compare/?{query}&round={world.round.pk}"


def test_two_published_cities_side_by_side(anonymous, world):
    page = _page(anonymous, _url(world, "cities=lyon,reggio-emilia"))

    table = _table(page)
    assert table[0][:3] == ["Score", "Lyon", "Reggio Emilia"]
    assert table[0][3] == "Average of the 2 published cities"
    aggregate = next(row for row in table if row[0] == "Aggregate index")
    assert aggregate[1:3] == [world.text(world.lyon), world.text(world.reggio)]
    assert 'role="img"' in page  # charts beside the table


def test_the_address_holds_the_whole_comparison(anonymous, world):
    query = f"cities=lyon,reggio-emilia&round={world.round.pk}"
    page = _page(anonymous, f"/en/compare/?{query}")
    query = query.replace("&", "&amp;")  # as HTML writes it

    # The page links to itself and to its CSV with the same state, and each city can be removed.
    assert f'href="/en/compare/?{query}">Link to this comparison' in page
    assert f'href="/en/compare.csv?{query}"' in page
    assert f'href="/en/compare/?cities=lyon&amp;round={world.round.pk}">remove' in page

    # Adding a city through the form (no JavaScript) answers with the comparison's own address.
    added = anonymous.get("/en/compare/", {"cities": "lyon", "add": "reggio-emilia", "round": world.round.pk})
    assert added.status_code == 302
    target = urlsplit(added["Location"])
    assert target.path == "/en/compare/"
    assert parse_qs(target.query) == {"cities": ["lyon,reggio-emilia"], "round": [str(world.round.pk)]}
    assert _table(_page(anonymous, added["Location"])) == _table(page)


def test_the_csv_holds_exactly_the_table_shown(anonymous, world):
    query = "cities=reggio-emilia,lyon"
    table = _table(_page(anonymous, _url(world, query)))

    response = anonymous.get(f"/en/compare.csv?{query}&round={world.round.pk}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0] == table[0]
    assert [row[0] for row in rows] == [row[0] for row in table]
    for shown, downloaded in zip(table[1:], rows[1:], strict=True):
        assert [("" if cell == "–" else cell) for cell in shown[1:]] == downloaded[1:]


def test_a_city_against_the_average_of_its_published_peers(anonymous, world):
    lyon = ResponseScore.objects.get(response=world.lyon).scores
    band = lyon["peer_groups"]["diversity"]
    peers = [
        s.scores["aggregate"]
        for s in ResponseScore.objects.filter(response__in=[world.lyon, world.reggio])
        if s.scores["peer_groups"]["diversity"] == band
    ]

    page = _page(anonymous, _url(world, "city=lyon&peer=diversity"))

    table = _table(page)
    assert table[0][1] == "Lyon"
    assert f"peer group Peers by diversity: {band}" in table[0][2]
    aggregate = next(row for row in table if row[0] == "Aggregate index")
    assert aggregate[1:] == [world.text(world.lyon), score_text(statistics.fmean(peers))]


def test_an_unpublished_city_gets_a_message_naming_the_parameter(anonymous, world):
    response = anonymous.get(_url(world, "cities=lyon,porto,bergamo"))

    page = response.content.decode()
    assert response.status_code == 400
    assert "cities: the results of Porto in Index 2026 are not published." in page
    assert "cities: the results of Bergamo in Index 2026 are not published." in page
    assert world.text(world.porto) not in page
    assert _table(page)[0][:2] == ["Score", "Lyon"]  # the rest is still compared

    csv_response = anonymous.get(f"/en/compare.csv?cities=lyon,porto&round={world.round.pk}")
    assert csv_response.status_code == 400
    assert (
        "Porto" in csv_response.content.decode()
        and world.text(world.porto) not in csv_response.content.decode()
    )


def test_a_round_whose_results_are_not_published_is_refused(anonymous, world):
    response = anonymous.get(f"/en/compare/?cities=lyon&round={world.later.pk}")

    page = response.content.decode()
    assert response.status_code == 400
    assert f"round: no published Index round has the number “{world.later.pk}”" in page
    assert world.text(world.later_lyon) not in page


def test_more_than_six_cities_and_unknown_cities_get_clear_messages(anonymous, world):
    many = anonymous.get(_url(world, "cities=lyon,a,b,c,d,e,f")).content.decode()
    unknown = anonymous.get(_url(world, "cities=atlantis")).content.decode()
    bad_peer = anonymous.get(_url(world, "city=lyon&peer=height")).content.decode()

    assert "cities: at most 6 cities can be compared at once, and 7 were given." in many
    assert "cities: no city has the short name “atlantis”." in unknown
    assert "peer: “height” is not a peer group. Use peer=population or peer=diversity." in bad_peer


def test_the_page_is_french_for_a_french_reader(anonymous, world):
    page = _page(anonymous, _url(world, "cities=lyon,reggio-emilia").replace("/en/", "/fr/", 1))

    assert '<html lang="fr">' in page
    assert world.text(world.lyon).replace(".", ",") in page
    assert "Campagne de l'Indice" in unescape(page)


def test_the_page_needs_a_bounded_number_of_queries(anonymous, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        _page(anonymous, _url(world, "cities=lyon,reggio-emilia"))


def _set_band(response, scale: str, band: str) -> None:
    score = ResponseScore.objects.get(response=response)
    score.scores = {**score.scores, "peer_groups": {**score.scores["peer_groups"], scale: band}}
    score.save()


def test_compare_with_peers_names_the_peer_cities(anonymous, world):
    _set_band(world.lyon, "population", "100,000 to 250,000")
    _set_band(world.reggio, "population", "100,000 to 250,000")

    page = _page(anonymous, _url(world, "city=lyon&peer=population"))

    names = re.search(r'<p class="peer-names">(.*?)</p>', page, re.S)
    assert names and "with 1 other published city" in unescape(names.group(1))
    assert '<a href="/en/cities/reggio-emilia/">Reggio Emilia</a>' in names.group(1)
    assert "cities=lyon,reggio-emilia" in names.group(1)  # the peers side by side, one column each
    assert "Porto" not in names.group(1)  # refused to publish


def test_a_peer_group_of_one_says_it_compares_with_nobody(anonymous, world):
    _set_band(world.lyon, "population", "100,000 to 250,000")
    _set_band(world.reggio, "population", "over 1 million")

    for language, expected in (
        ("en", "it compares with\n  nobody"),
        ("fr", "elle n’est comparée à personne"),
    ):
        response = anonymous.get(_url(world, "city=lyon&peer=population").replace("/en/", f"/{language}/", 1))
        page = unescape(response.content.decode())
        assert response.status_code == 200
        assert "compare-table" not in page  # no table comparing Lyon with itself
        assert " ".join(expected.split()) in " ".join(page.split())


def test_a_city_is_added_by_typing_its_name_without_accents_or_capitals(anonymous, world):
    response = anonymous.get(f"/en/compare/?cities=lyon&add=REGGIO emília&round={world.round.pk}")

    assert response.status_code == 302
    assert "cities=lyon,reggio-emilia" in response["Location"]
    page = _page(anonymous, _url(world, "cities=lyon"))
    # A search field with the addable cities as suggestions: typing works without any script.
    assert re.search(r'<input type="search" id="add-city" name="add" list="add-city-names"', page)
    assert '<option value="Reggio Emilia"></option>' in page


def test_each_compared_city_has_its_own_colour_with_a_legend(anonymous, world):
    page = _page(anonymous, _url(world, "cities=lyon,reggio-emilia"))

    legend = re.search(r'<ul class="plain chart-legend".*?</ul>', page, re.S)
    assert legend
    keys = re.findall(r'class="bar (bar-\d)".*?</svg> ([^<]+)</li>', legend.group(0), re.S)
    assert [name.strip() for _key, name in keys][:2] == ["Lyon", "Reggio Emilia"]
    assert len({key for key, _name in keys}) == len(keys)  # one colour each
    # In every chart, Lyon's bar has Lyon's colour, Reggio Emilia's its own.
    assert 'class="bar bar-0"' in page and 'class="bar bar-1"' in page
