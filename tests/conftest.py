"""Standard people and places every test may use.

alice: secretariat · bob: coordinator of Lyon · carol: contributor for Lyon · dave: coordinator of Porto
erin: expert · frank: coordinator of the Italian network (RICI) · grace: signed up, no role
Lyon (FR, member), Porto (PT, member), Reggio Emilia (IT, member of RICI), Bergamo (IT, candidate).
"""

import os

import factory.random
import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from icc.accounts.models import RoleKind, User
from icc.index.selectors.publication import forget_public_round_results
from icc.network.models import City, CityStatus, NationalNetwork
from tests.factories import (
    CityFactory,
    NationalNetworkFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
    grant,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # A deliberately weak hasher: the standard people are created in almost every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rate-limit counter, chart or page cached by one test (under
    keys built from ids the next test's database reuses) must not answer in the next. With
    CACHE_URL=redis://... this empties that Redis database: give the tests one of their own (.ci/run does).
    The same for the public round results each process keeps per public content version."""
    cache.clear()
    forget_public_round_results()
    yield


@pytest.fixture(autouse=True)
def _same_fake_data_every_run():
    """Factories draw names and values from one seeded generator: a test sees the same people in every run,
    whatever ran before it, so nothing it asserts can depend on the draw."""
    factory.random.reseed_random("intercultural-cities")


@pytest.fixture(autouse=True)
def _english_unless_asked(request):
    """Each test starts in English: a French request in one test must not leak into the next."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _data_of_the_migrations_in_transactional_tests(request):
    """Rows that data migrations create (the kinds of expert work and themes, the gap indicators) are in
    the test database once; a test that runs in transactions of its own (`transactional_db`: the browser
    tests) empties every table after it, so the next such test would find none. They are created again
    before each such test, by the migrations' own loaders."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    from icc.gaps.services.catalogue import indicators_load

    importlib.import_module("icc.experts.migrations.0002_work_kinds_and_themes").load(apps, None)
    importlib.import_module("icc.activities.migrations.0002_event_kinds").load(apps, None)
    indicators_load()


@pytest.fixture
def rici(db) -> NationalNetwork:
    return NationalNetworkFactory(
        name_en="Italian network of intercultural cities",
        name_fr="Réseau italien des cités interculturelles",
        slug="rici",
        country="IT",
    )


@pytest.fixture
def lyon(db) -> City:
    return CityFactory(name_en="Lyon", slug="lyon", country="FR", population=522_000)


@pytest.fixture
def porto(db) -> City:
    return CityFactory(name_en="Porto", slug="porto", country="PT", population=232_000)


@pytest.fixture
def reggio(rici) -> City:
    city = CityFactory(name_en="Reggio Emilia", slug="reggio-emilia", country="IT", national_network=rici)
    rici.lead_city = city
    rici.save()
    return city


@pytest.fixture
def bergamo(rici) -> City:
    return CityFactory(
        name_en="Bergamo", slug="bergamo", country="IT", status=CityStatus.CANDIDATE, national_network=rici
    )


@pytest.fixture
def alice(db) -> User:
    user = UserFactory(email="alice@example.org", full_name="Alice Martin")
    grant(user, RoleKind.SECRETARIAT)
    return user


@pytest.fixture
def bob(lyon) -> User:
    user = UserFactory(email="bob@example.org", full_name="Bob Durand")
    grant(user, RoleKind.CITY_COORDINATOR, city=lyon)
    return user


@pytest.fixture
def carol(lyon) -> User:
    user = UserFactory(email="carol@example.org", full_name="Carol Petit")
    grant(user, RoleKind.CITY_CONTRIBUTOR, city=lyon)
    return user


@pytest.fixture
def dave(porto) -> User:
    user = UserFactory(email="dave@example.org", full_name="Dave Silva")
    grant(user, RoleKind.CITY_COORDINATOR, city=porto)
    return user


@pytest.fixture
def erin(db) -> User:
    user = UserFactory(email="erin@example.org", full_name="Erin Keller")
    grant(user, RoleKind.EXPERT)
    return user


@pytest.fixture
def frank(rici) -> User:
    user = UserFactory(email="frank@example.org", full_name="Frank Rossi")
    grant(user, RoleKind.NETWORK_COORDINATOR, network=rici)
    return user


@pytest.fixture
def grace(db) -> User:
    return UserFactory(email="grace@example.org", full_name="Grace Novak")


@pytest.fixture
def index_round(db):
    """An open round of the example questionnaire (tests/index/data/questionnaire.json)."""
    return RoundFactory(name="Index 2026")


@pytest.fixture
def lyon_response(index_round, lyon):
    return ResponseFactory(round=index_round, city=lyon)


@pytest.fixture
def porto_response(index_round, porto):
    return ResponseFactory(round=index_round, city=porto)


@pytest.fixture
def scored(alice, lyon_response, porto_response, django_capture_on_commit_callbacks):
    """Lyon's and Porto's responses (the example answers of tests/index/data/responses.json) validated,
    with their scores computed after each commit, as in production. Returns (lyon, porto)."""
    from tests.index.helpers import fill_and_submit, validate

    fill_and_submit(lyon_response, "Lyon")
    fill_and_submit(porto_response, "Porto")
    lyon = validate(lyon_response, alice, django_capture_on_commit_callbacks)
    porto = validate(porto_response, alice, django_capture_on_commit_callbacks)
    return lyon, porto


@pytest.fixture
def published(scored, alice):
    """The round closed and its results published; Lyon agreed to publication, Porto refused.
    Returns (lyon, porto): Lyon's results are public, Porto's are not."""
    from icc.index.services.publication import response_publication_decide, round_results_publish
    from icc.index.services.rounds import round_change_status

    lyon, porto = scored
    round_change_status(round=lyon.round, status="closed", by=alice)
    lyon = response_publication_decide(response=lyon, agreed=True, by=alice)
    porto = response_publication_decide(response=porto, agreed=False, by=alice)
    round_results_publish(round=lyon.round, by=alice)
    lyon.refresh_from_db()
    porto.refresh_from_db()
    return lyon, porto


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_alice(alice) -> Client:
    return client_for(alice)


@pytest.fixture
def as_bob(bob) -> Client:
    return client_for(bob)
