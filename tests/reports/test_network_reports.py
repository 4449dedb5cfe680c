"""Network reports: the secretariat's table of every validated city (of a round, or each city's latest),
filtered and sorted through the URL, its downloads (CSV, XLSX, PDF), the distribution of each area and the
network's progress over time."""

import csv
import datetime
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from icc.index.services import review
from icc.index.services.responses import answer_save, response_submit
from icc.network.models import CityStatus
from tests.conftest import client_for
from tests.factories import CityFactory, ResponseFactory, RoundFactory

pytestmark = pytest.mark.cache  # the charts are drawn once and kept in the cache

DATA = Path(__file__).parents[1] / "index" / "data"
ANSWERS = {r["city"]: r["answers"] for r in json.loads((DATA / "responses.json").read_text())["responses"]}


def _scored(round_, city, answers, alice, capture):
    response = ResponseFactory(round=round_, city=city)
    for question, value in answers.items():
        answer_save(response=response, question=question, value=value, by=None, check_access=False)
    response_submit(response=response, by=None)
    with capture(execute=True):
        return review.response_validate(response=response, by=alice)


@pytest.fixture
def earlier_round(db):
    return RoundFactory(
        name="Index 2023", opens_on=datetime.date(2023, 9, 1), deadline=datetime.date(2023, 12, 1)
    )


@pytest.fixture
def network(
    alice, index_round, earlier_round, lyon, porto, reggio, bergamo, django_capture_on_commit_callbacks
):
    """Four cities validated in Index 2026 (none published); Lyon and Porto also in Index 2023, where
    Lyon scored lower in commitment and Porto higher."""
    capture = django_capture_on_commit_callbacks
    _scored(earlier_round, lyon, {**ANSWERS["Lyon"], "commitment.strategy": "partly"}, alice, capture)
    _scored(earlier_round, porto, {**ANSWERS["Porto"], "commitment.statement": "yes"}, alice, capture)
    responses = {
        city.name: _scored(index_round, city, ANSWERS[city.name], alice, capture)
        for city in (lyon, porto, reggio, bergamo)
    }
    return responses


class _Tables(HTMLParser):
    """The page's tables as lists of rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split()).removesuffix(" ▲").removesuffix(" ▼")
            self.tables[-1][-1].append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _table(page) -> list[list[str]]:
    """The page's city table: the header row, then one row per city."""
    parser = _Tables()
    parser.feed(page.content.decode())
    return parser.tables[0]


def _cities(page) -> list[str]:
    return [row[0] for row in _table(page)[1:]]


def _round_url(response, suffix=""):
    return reverse(f"reports:network_round{suffix}", args=[response.round_id])


# The table --------------------------------------------------------------------------------------------


def test_the_round_report_lists_every_validated_city_by_rank_published_or_not(network, alice):
    page = client_for(alice).get(_round_url(network["Lyon"]))

    assert page.status_code == 200
    table = _table(page)
    header = table[0]
    assert header[:7] == [
        "City",
        "Country",
        "Membership status",
        "Peers by population",
        "Peers by diversity",
        "Rank",
        "Aggregate",
    ]
    assert "Commitment" in header and header[-1] == "Complete"
    ranks = [int(row[header.index("Rank")]) for row in table[1:]]
    assert ranks == sorted(ranks) and len(ranks) == 4
    lyon = next(row for row in table[1:] if row[0] == "Lyon")
    assert lyon[1] == "France" and lyon[header.index("Aggregate")] == "82.0"


def test_filters_narrow_the_table_and_the_statistics(network, alice):
    client = client_for(alice)
    url = _round_url(network["Lyon"])

    italian = client.get(url, {"country": "it"})
    candidates = client.get(url, {"status": CityStatus.CANDIDATE})

    assert sorted(_cities(italian)) == ["Bergamo", "Reggio Emilia"]
    assert _cities(candidates) == ["Bergamo"]
    assert italian.context["report"].distributions[0].n == 2
    band = network["Lyon"].score.scores["peer_groups"]["population"]
    same_band = client.get(url, {"population": band})
    assert "Lyon" in _cities(same_band)
    assert all(row[3] == band for row in _table(same_band)[1:])


def test_an_unknown_filter_value_is_named_and_ignored(network, alice):
    page = client_for(alice).get(_round_url(network["Lyon"]), {"country": "ZZ"})

    assert "Country: no city of this report matches “ZZ”" in page.content.decode()
    assert len(_cities(page)) == 4


def test_any_column_sorts_both_ways_through_the_url(network, alice):
    client = client_for(alice)
    url = _round_url(network["Lyon"])

    by_name = _cities(client.get(url, {"sort": "city"}))
    by_name_reversed = _cities(client.get(url, {"sort": "-city"}))
    page = client.get(url, {"sort": "-area:commitment"})

    assert by_name == sorted(by_name) and by_name_reversed == by_name[::-1]
    table = _table(page)
    column = table[0].index("Commitment")
    scores = [float(row[column]) for row in table[1:] if row[column] != "–"]
    assert scores == sorted(scores, reverse=True)
    # The heading of the sorted column now sorts the other way.
    assert 'href="?sort=area%3Acommitment"' in page.content.decode()


# Downloads --------------------------------------------------------------------------------------------


def test_the_csv_holds_exactly_the_filtered_sorted_table(network, alice):
    client = client_for(alice)
    query = {"country": "IT", "sort": "-aggregate"}
    page = client.get(_round_url(network["Lyon"]), query)

    download = client.get(_round_url(network["Lyon"], "_csv"), query)

    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    table = _table(page)
    assert rows[0] == table[0]
    assert [row[0] for row in rows[1:]] == [row[0] for row in table[1:]]
    aggregate = table[0].index("Aggregate")
    for shown, downloaded in zip(table[1:], rows[1:], strict=True):
        assert f"{float(downloaded[aggregate]):.1f}" == shown[aggregate]


def test_the_xlsx_opens_with_the_same_rows(network, alice):
    download = client_for(alice).get(_round_url(network["Lyon"], "_xlsx"), {"sort": "city"})

    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "City" and [r[0] for r in rows[1:]] == ["Bergamo", "Lyon", "Porto", "Reggio Emilia"]


def test_the_pdf_names_the_top_city(network, alice):
    download = client_for(alice).get(_round_url(network["Lyon"], "_pdf"))

    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(download.content)).pages)
    assert "Highest aggregate in the table: Lyon" in text
    assert "Index 2026" in text and "Reggio Emilia" in text


# Distribution and progress ---------------------------------------------------------------------------


def test_each_area_has_its_distribution_with_a_chart(network, alice):
    page = client_for(alice).get(_round_url(network["Lyon"]))
    report = page.context["report"]

    aggregate = report.distributions[0]
    assert aggregate.title == "Aggregate" and aggregate.n == 4 and aggregate.max == 82.0
    assert aggregate.min <= aggregate.q1 <= aggregate.median <= aggregate.q3 <= aggregate.max
    text = page.content.decode()
    assert 'id="network-distribution-title"' in text and "First quartile" in text


def test_progress_counts_the_cities_that_improved_since_their_previous_response(network, alice):
    page = client_for(alice).get(_round_url(network["Lyon"]))
    report = page.context["report"]

    assert [t.round.name for t in report.trend] == ["Index 2023", "Index 2026"]
    assert [t.n for t in report.trend] == [2, 4]
    assert report.cities_with_previous == 2
    commitment = next(i for i in report.improvements if i.key == "commitment")
    assert (commitment.improved, commitment.declined) == (1, 1)  # Lyon up, Porto down


def test_the_all_time_report_shows_each_citys_latest_response(
    network, alice, django_capture_on_commit_callbacks
):
    neuchatel = CityFactory(name_en="Neuchâtel", country="CH")
    earlier = network["Lyon"].round.__class__.objects.get(name="Index 2023")
    _scored(earlier, neuchatel, ANSWERS["Neuchâtel"], alice, django_capture_on_commit_callbacks)
    client = client_for(alice)

    page = client.get(reverse("reports:network_all"))
    only_2023 = client.get(reverse("reports:network_all"), {"round": earlier.pk})

    table = _table(page)
    assert sorted(_cities(page)) == ["Bergamo", "Lyon", "Neuchâtel", "Porto", "Reggio Emilia"]
    rounds = {row[0]: row[table[0].index("Round")] for row in table[1:]}
    assert rounds["Lyon"] == "Index 2026" and rounds["Neuchâtel"] == "Index 2023"
    assert _cities(only_2023) == ["Neuchâtel"]


# Access and cost -------------------------------------------------------------------------------------


def test_only_the_secretariat_reads_network_reports(network, bob, erin):
    for person in (bob, erin):
        assert client_for(person).get(reverse("reports:network_all")).status_code == 403
        assert client_for(person).get(_round_url(network["Lyon"], "_csv")).status_code == 403


def test_the_page_costs_a_bounded_number_of_queries(
    network, alice, index_round, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    for i in range(6):
        city = CityFactory(name_en=f"Extra {i}")
        _scored(index_round, city, ANSWERS["Bergamo"], alice, django_capture_on_commit_callbacks)
    client = client_for(alice)
    client.get(_round_url(network["Lyon"]))  # warm the questionnaire structure cache

    # +1 for the header's unread notices.
    with django_assert_max_num_queries(11):
        page = client.get(_round_url(network["Lyon"]))
    with django_assert_max_num_queries(11):
        client.get(reverse("reports:network_all"))

    assert len(_cities(page)) == 10
