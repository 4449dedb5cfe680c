"""The demo network that `make run` loads: believable, complete, loaded once, usable by every demo account."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import HttpRequest
from django.test import Client, override_settings

from icc.accounts.models import User
from icc.demo.loader import load_demo_data
from icc.index.models import Response, ResponseScore, ResponseStatus, RoundScores
from icc.network.demo import ACCOUNTS, DEMO_PASSWORD
from icc.network.models import (
    ACCESSION_ORDER,
    AccessionStep,
    City,
    CityContact,
    CityStatus,
    MembershipPeriod,
    NationalNetwork,
    NetworkPlan,
    PlanStatus,
)
from icc.network.selectors.access import city_accession_state, network_settings
from icc.network.services.cities import city_eligibility

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Load once for the whole module (the network and the Index, as `icc load_demo` does; some seconds),
    inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_demo_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db, settings) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER


def _counts() -> dict[str, int]:
    models = (City, NationalNetwork, AccessionStep, CityContact, MembershipPeriod, NetworkPlan, User)
    return {model.__name__: model.objects.count() for model in models}


def test_it_loads_about_150_cities_most_of_them_members(loaded):
    assert 130 <= City.objects.count() <= 170
    assert City.objects.filter(status=CityStatus.MEMBER).count() >= 100
    for status in CityStatus.values:
        assert City.objects.filter(status=status).exists(), status


def test_it_spreads_members_like_the_real_network(loaded):
    members = City.objects.filter(status=CityStatus.MEMBER)
    assert members.filter(country="IT").count() >= 20
    assert members.filter(country="ES").count() >= 15
    assert members.filter(country="PT").count() >= 12
    for country in ("JP", "MX", "CA", "MA", "AU"):
        assert members.filter(country=country).exists(), country
    assert members.filter(is_capital=True, name_en="Lisbon").exists()


def test_it_marks_figures_as_synthetic_and_shows_the_notice(loaded):
    city = City.objects.get(name_en="Reggio Emilia")
    assert city.population_source == "GeoNames (demo)"
    assert city.foreign_born_source == "Synthetic demo figure"
    assert network_settings().shows_demo_notice


def test_it_has_candidates_at_every_accession_step(loaded):
    candidates = City.objects.filter(status=CityStatus.CANDIDATE).prefetch_related("accession_steps")
    states = {city_accession_state(city) for city in candidates}
    assert set(ACCESSION_ORDER[:-1]) <= states


def test_it_has_candidates_that_fall_short_of_the_eligibility_rules(loaded):
    shortfalls = {
        city.name_en: {s.rule for s in city_eligibility(city)}
        for city in City.objects.filter(status=CityStatus.CANDIDATE)
    }
    assert shortfalls["Pontedera"] == {"population"}
    assert shortfalls["Gyumri"] == {"diversity"}
    assert sum(1 for rules in shortfalls.values() if rules) == 2


def test_it_has_eight_networks_each_led_by_one_of_its_members(loaded):
    networks = NationalNetwork.objects.select_related("lead_city")
    assert networks.count() == 8
    for network in networks:
        assert network.lead_city is not None
        assert network.lead_city.national_network_id == network.pk
        assert network.lead_city.status == CityStatus.MEMBER
        assert network.name_fr and network.name_fr != network.name_en


def test_it_gives_networks_plans_in_every_status(loaded):
    assert set(NetworkPlan.objects.values_list("status", flat=True)) == set(PlanStatus.values)
    returned = NetworkPlan.objects.filter(status=PlanStatus.RETURNED)
    assert all(plan.secretariat_comments for plan in returned)


def test_it_never_records_two_fee_periods_for_one_city_and_year(loaded):
    pairs = list(MembershipPeriod.objects.values_list("city_id", "year"))
    assert len(pairs) == len(set(pairs))
    statuses = {period.display_status for period in MembershipPeriod.objects.all()}
    assert {"Paid", "Waived", "Due", "Overdue"} <= statuses


def test_it_records_the_creation_of_every_city_and_network_in_history(loaded):
    assert City.history.filter(history_type="+").count() == City.objects.count()  # type: ignore[attr-defined]
    assert NationalNetwork.history.filter(history_type="+").count() == 8  # type: ignore[attr-defined]
    lead = NationalNetwork.history.filter(slug="rici").get()  # type: ignore[attr-defined]
    assert lead.lead_city_id is not None


@pytest.mark.parametrize("email", [spec.email for spec in ACCOUNTS])
def test_every_demo_account_signs_in_and_sees_its_dashboard(loaded, email):
    client = Client()
    assert client.login(request=HttpRequest(), username=email, password=DEMO_PASSWORD)
    assert client.get("/manage/dashboard/").status_code == 200
    assert client.get("/manage/cities/").status_code == 200


def test_it_gives_one_person_two_roles(loaded):
    kinds = set(User.objects.get(email="multi@demo.icc").roles.values_list("kind", flat=True))
    assert kinds == {"city_coordinator", "network_coordinator"}


def test_running_it_twice_changes_nothing(loaded):
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == before
    assert "Demo data already loaded; keeping it." in out.getvalue()
    assert "secretariat@demo.icc" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


def test_the_demo_rounds_come_with_their_scores(loaded):
    validated = Response.objects.filter(status=ResponseStatus.VALIDATED).count()
    assert validated > 100
    assert ResponseScore.objects.count() == validated
    assert RoundScores.objects.count() == 3
