"""GET /api/v1/gaps: published gaps for everyone; a token of the city's people or of the secretariat also
reads the city's unpublished gaps; nobody else does."""

import pytest

from icc.gaps.models import Indicator, MissingReason
from icc.gaps.services.observations import GroupFigures, group_create, observations_enter
from icc.gaps.services.publication import city_gaps_publish, city_gaps_withdraw
from tests.api.conftest import Api

PEOPLE = ["anonymous", "alice", "bob", "carol", "dave", "erin", "frank", "grace"]


@pytest.fixture
def as_person(request, api_as):
    def make(name: str) -> Api:
        return api_as(None if name == "anonymous" else request.getfixturevalue(name))

    return make


def _enter(city, by, indicator, period, reference, focal, focal_key="foreign_born"):
    groups = {group.key: group for group in city.gap_groups.all()}
    native = groups.get("native_born") or group_create(
        city=city, by=by, key="native_born", name="Native-born"
    )
    other = groups.get(focal_key) or group_create(city=city, by=by, key=focal_key, name=focal_key.title())
    observations_enter(
        city=city,
        by=by,
        indicator=Indicator.objects.get(key=indicator),
        period=period,
        reference=GroupFigures(native, numerator=reference[0], denominator=reference[1]),
        focal=(
            GroupFigures(other, missing_reason=focal)
            if isinstance(focal, str)
            else GroupFigures(other, numerator=focal[0], denominator=focal[1])
        ),
    )


@pytest.fixture
def gaps(lyon, porto, bob, dave):
    """Lyon: employment 2022 and 2024, unemployment 2024, a withheld small group, one not collected.
    Porto: employment 2024, unpublished."""
    _enter(lyon, bob, "employment_rate", "2022", (2850, 4100), (450, 800))
    _enter(lyon, bob, "employment_rate", "2024", (2892, 4120), (472, 812))
    _enter(lyon, bob, "employment_rate", "2024", (2892, 4120), (8, 20), focal_key="non_eu_nationals")
    _enter(lyon, bob, "unemployment_rate", "2024", (240, 3000), (90, 600))
    _enter(lyon, bob, "perceived_discrimination", "2024", (120, 1500), MissingReason.NOT_COLLECTED)
    _enter(porto, dave, "employment_rate", "2024", (1500, 2200), (300, 517))
    return lyon, porto


def test_published_gaps_are_public_with_both_rates_and_their_interval(anonymous, gaps, bob):
    lyon, _porto = gaps
    assert anonymous.get("/gaps", city="lyon")[1] == {"items": [], "count": 0}
    city_gaps_publish(city=lyon, by=bob)

    status, body, _ = anonymous.get("/gaps", city="lyon")

    assert status == 200
    assert body["count"] == 5
    employment = next(
        item
        for item in body["items"]
        if (item["indicator"], item["period"], item["focal"]) == ("employment_rate", "2024", "foreign_born")
    )
    assert employment["focal_rate"] == pytest.approx(472 / 812)
    assert employment["reference_rate"] == pytest.approx(2892 / 4120)
    assert employment["gap_ci"][0] < employment["gap_pp"] < employment["gap_ci"][1]
    assert employment["domain"] == "employment" and employment["published"] is True
    assert employment["missing_reason"] is None


def test_withheld_and_missing_figures_say_why_and_show_no_number(anonymous, gaps, bob):
    lyon, _porto = gaps
    city_gaps_publish(city=lyon, by=bob)
    items = anonymous.get("/gaps", city="lyon")[1]["items"]
    withheld = next(item for item in items if item["focal"] == "non_eu_nationals")
    assert withheld["missing_reason"] == "withheld" and withheld["suppressed"] is True
    assert withheld["focal_rate"] is None and withheld["focal_n"] is None and withheld["gap_pp"] is None
    missing = next(item for item in items if item["indicator"] == "perceived_discrimination")
    assert missing["missing_reason"] == "not_collected" and missing["gap_score"] is None


def test_filters_by_indicator_period_and_domain(anonymous, gaps, bob):
    lyon, _porto = gaps
    city_gaps_publish(city=lyon, by=bob)
    assert anonymous.get("/gaps", city="lyon", indicator="employment_rate")[1]["count"] == 3
    assert anonymous.get("/gaps", city="lyon", period="2022")[1]["count"] == 1
    assert anonymous.get("/gaps", domain="discrimination")[1]["count"] == 1
    assert anonymous.get("/gaps", period="spring")[0] == 422


def test_unpublished_gaps_reach_only_the_citys_people_and_the_secretariat(as_person, gaps):
    counts = {person: as_person(person).get("/gaps", city="porto")[1]["count"] for person in PEOPLE}
    assert counts == {
        "anonymous": 0,
        "alice": 1,
        "bob": 0,
        "carol": 0,
        "dave": 1,
        "erin": 0,
        "frank": 0,
        "grace": 0,
    }
    item = as_person("dave").get("/gaps", city="porto")[1]["items"][0]
    assert item["published"] is False


def test_a_withdrawal_shows_at_once(anonymous, gaps, bob):
    lyon, _porto = gaps
    city_gaps_publish(city=lyon, by=bob)
    assert anonymous.get("/gaps")[1]["count"] == 5
    city_gaps_withdraw(city=lyon, by=bob)
    assert anonymous.get("/gaps")[1] == {"items": [], "count": 0}


def test_pagination_counts_every_gap(anonymous, gaps, bob):
    lyon, _porto = gaps
    city_gaps_publish(city=lyon, by=bob)
    body = anonymous.get("/gaps", limit=2, offset=2)[1]
    assert body["count"] == 5 and len(body["items"]) == 2
