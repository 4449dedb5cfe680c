import datetime

import pytest

from icc.network.models import CityStatus, GrowthTarget, NetworkSettings
from icc.network.selectors.access import network_settings
from icc.network.selectors.expansion import admissions_in_quarter, expansion_overview
from tests.conftest import client_for
from tests.factories import CityFactory

TODAY = datetime.date(2026, 11, 25)


def member(country: str, since: datetime.date = datetime.date(2015, 6, 1), **kwargs):
    return CityFactory(country=country, status=CityStatus.MEMBER, member_since=since, **kwargs)


def candidate(country: str, **kwargs):
    return CityFactory(country=country, status=CityStatus.CANDIDATE, member_since=None, **kwargs)


@pytest.fixture
def small_network(db):
    """Italy 3 members and 1 candidate, Spain 1 member, Japan 1 member, Canada 1 candidate."""
    for _ in range(3):
        member("IT")
    candidate("IT", name_en="Bergamo")
    member("ES")
    member("JP")
    candidate("CA", name_en="Montréal")
    CityFactory(country="FR", status=CityStatus.ENQUIRY, member_since=None)  # not in the composition


def row(rows, key):
    return next(r for r in rows if r.key == key)


def test_it_counts_members_and_candidates_by_country(small_network):
    overview = expansion_overview(today=TODAY)
    assert overview.total_members == 5
    assert overview.total_candidates == 2
    italy = row(overview.by_country, "IT")
    assert (italy.members, italy.candidates, italy.share) == (3, 1, 60.0)
    assert row(overview.by_country, "CA").members == 0
    assert [r.key for r in overview.by_country][:1] == ["IT"]
    assert "FR" not in {r.key for r in overview.by_country}


def test_it_counts_members_by_world_region(small_network):
    overview = expansion_overview(today=TODAY)
    europe = row(overview.by_region, "europe")
    assert (europe.members, europe.candidates, europe.countries, europe.share) == (4, 1, 2, 80.0)
    asia = row(overview.by_region, "asia")
    assert (asia.members, asia.share) == (1, 20.0)
    north_america = row(overview.by_region, "north_america")
    assert (north_america.members, north_america.candidates) == (0, 1)


def test_a_suspended_member_still_counts_as_a_member(db):
    member("IT")
    CityFactory(country="IT", status=CityStatus.SUSPENDED, member_since=datetime.date(2018, 1, 1))
    assert row(expansion_overview(today=TODAY).by_country, "IT").members == 2


def test_a_council_of_europe_state_without_members_is_under_represented(small_network):
    flagged = {r.country: r for r in expansion_overview(today=TODAY).under_represented}
    assert flagged["AL"].members == 0
    assert flagged["ES"].members == 1  # fewer than the default limit of 2
    assert "IT" not in flagged  # three members
    assert "JP" not in flagged and "CA" not in flagged  # not Council of Europe member states


def test_the_under_representation_limit_is_a_setting(small_network):
    NetworkSettings.objects.filter(pk=network_settings().pk).update(underrepresented_max_members=4)
    flagged = {r.country for r in expansion_overview(today=TODAY).under_represented}
    assert "IT" in flagged


def test_under_represented_countries_list_their_candidate_cities(db):
    tirana = candidate("AL", name_en="Tirana", is_capital=True)
    durres = CityFactory(country="AL", name_en="Durrës", status=CityStatus.ENQUIRY, member_since=None)
    albania = next(r for r in expansion_overview(today=TODAY).under_represented if r.country == "AL")
    assert set(albania.prospects) == {tirana, durres}


def test_capital_candidates_and_candidates_in_under_represented_countries_are_priorities(small_network):
    tirana = candidate("AL", name_en="Tirana", is_capital=True)
    rome = candidate("IT", name_en="Roma", is_capital=True)
    skopje_suburb = candidate("MK", name_en="Kumanovo")
    capital_member = member("PT", is_capital=True)
    priorities = expansion_overview(today=TODAY).priorities
    by_city = {p.city: p for p in priorities}
    assert (by_city[tirana].capital, by_city[tirana].under_represented) == (True, True)
    assert (by_city[rome].capital, by_city[rome].under_represented) == (True, False)
    assert (by_city[skopje_suburb].capital, by_city[skopje_suburb].under_represented) == (False, True)
    assert capital_member not in by_city  # already a member
    assert not any(p.city.name == "Bergamo" for p in priorities)  # Italy is well represented
    assert priorities[0].city == tirana  # both reasons first


def test_a_quarter_above_the_cap_is_flagged(db):
    NetworkSettings.objects.update_or_create(pk=1, defaults={"admissions_per_quarter_cap": 2})
    for day in (datetime.date(2025, 4, 2), datetime.date(2025, 5, 10), datetime.date(2025, 6, 30)):
        member("IT", since=day)
    member("ES", since=datetime.date(2025, 7, 1))
    member("ES", since=datetime.date(2019, 4, 1))  # older than three years: not shown
    quarters = {q.label: q for q in expansion_overview(today=TODAY).quarters}
    assert len(quarters) == 12
    labels = list(quarters)
    assert (labels[0], labels[-1]) == ("2024 Q1", "2026 Q4")
    assert (quarters["2025 Q2"].admissions, quarters["2025 Q2"].over_cap) == (3, True)
    assert (quarters["2025 Q3"].admissions, quarters["2025 Q3"].over_cap) == (1, False)
    assert admissions_in_quarter(datetime.date(2025, 5, 1)) == (3, 2)


def test_growth_is_compared_with_the_targets(db):
    for year in (2016, 2016, 2017):
        member("IT", since=datetime.date(year, 3, 1))
    member("ES", since=datetime.date(2019, 3, 1))
    # Withdrew in 2018: counted at the end of 2017, not at the end of 2019.
    CityFactory(
        country="PT",
        status=CityStatus.WITHDRAWN,
        member_since=datetime.date(2016, 5, 1),
        status_since=datetime.date(2018, 2, 1),
    )
    GrowthTarget.objects.create(deadline=datetime.date(2017, 12, 31), members=4, label_en="End 2017")
    GrowthTarget.objects.create(deadline=datetime.date(2019, 12, 31), members=5, label_en="End 2019")
    GrowthTarget.objects.create(deadline=datetime.date(2030, 12, 31), members=10)
    overview = expansion_overview(today=TODAY)
    years = {y.year: y.members for y in overview.growth}
    assert years[2016] == 3 and years[2017] == 4 and years[2018] == 3 and years[2019] == 4
    assert years[2026] == 4 and overview.growth[-1].to_date
    results = [(r.target.members, r.members, r.state, r.gap) for r in overview.targets]
    assert results == [(4, 4, "met", 0), (5, 4, "missed", 1), (10, 4, "open", 6)]


def test_the_page_shows_composition_charts_and_warnings(as_alice, db):
    NetworkSettings.objects.update_or_create(pk=1, defaults={"admissions_per_quarter_cap": 1})
    today = datetime.date.today()
    member("IT", since=today)
    member("IT", since=today)
    candidate("AL", name_en="Tirana", is_capital=True)
    GrowthTarget.objects.create(deadline=datetime.date(2019, 12, 31), members=120, label_en="Strategy 2019")
    response = as_alice.get("/manage/expansion/")
    assert response.status_code == 200
    text = response.text
    assert "Composition by world region" in text and "Composition by country" in text
    assert 'role="img"' in text and '<title id="chart-countries-title">' in text
    assert "Italy" in text and "Albania" in text and "Tirana" in text
    assert "above the cap" in text and "Warning:" in text
    assert "Strategy 2019" in text and "Not met" in text


def test_the_page_speaks_french(as_alice, small_network):
    response = as_alice.get("/manage/expansion/", headers={"accept-language": "fr"})
    assert response.status_code == 200
    assert "Italie" in response.text  # country names in the reader's language


@pytest.mark.parametrize("who", ["bob", "erin", "frank", "grace"])
def test_only_the_secretariat_sees_the_expansion_page(db, request, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get("/manage/expansion/").status_code == 403


def test_a_visitor_is_sent_to_sign_in(db):
    response = client_for(None).get("/manage/expansion/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_page_does_not_query_per_city(alice, django_assert_max_num_queries):
    countries = ["IT", "ES", "PT", "FR", "DE", "NO", "JP", "MX", "CA", "MA"]
    for index in range(30):
        if index % 3:
            member(countries[index % 10], since=datetime.date(2016 + index % 10, 2, 1))
        else:
            candidate(countries[index % 10], is_capital=index % 2 == 0)
    GrowthTarget.objects.create(deadline=datetime.date(2017, 12, 31), members=100)
    client = client_for(alice)
    client.get("/manage/expansion/")  # warm the settings row
    # Session, user, roles, settings (frame and page), unread notices, cities, targets, session save:
    # none per city.
    with django_assert_max_num_queries(11):
        response = client.get("/manage/expansion/")
    assert response.status_code == 200
