"""The activities' pages with data in them, through the same checks as tests/test_html_validity.py (ids,
labels, the Content-Security-Policy), in English and French; list pages in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from icc.activities.models import Audience, EventKind, FundingRequest, ReimbursementClaim
from icc.activities.services.participation import attendance_mark
from icc.activities.services.programme import programme_item_create
from icc.activities.services.registrations import registration_create
from tests.activities.helpers import make_contact, make_event, make_soon_event
from tests.conftest import client_for
from tests.test_html_validity import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(alice, bob, lyon):
    now = timezone.now()
    held = make_event(
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(hours=2),
        audience=Audience.PUBLIC,
    )
    soon = make_soon_event(capacity=2, places_per_city=1)
    mine = registration_create(
        actor=alice, event=held, contact=make_contact("Bob Durand", user=bob, city=lyon)
    )
    attendance_mark(actor=alice, registration=mine, attended=True)
    FundingRequest.objects.create(registration=mine, status="approved", travel_approved=Decimal(100))
    claim = ReimbursementClaim.objects.create(registration=mine, travel=Decimal(90))
    for n in range(3):
        registration_create(
            actor=alice, event=soon, contact=make_contact(f"Person {n}", city=lyon), needs="Vegan"
        )
    programme_item_create(
        actor=alice,
        year=now.year,
        title_en="Study visit",
        kind=EventKind.objects.get(key="study_visit"),
        objective="know_how",
    )
    return {"held": held, "soon": soon, "mine": mine, "claim": claim}


def _pages(o):
    return {
        "alice": [
            "/activities/",
            f"/activities/?year={timezone.now().year}",
            "/activities/events/new/",
            f"/activities/events/{o['held'].pk}/",
            f"/activities/events/{o['soon'].pk}/",
            f"/activities/events/{o['soon'].pk}/registrations/",
            f"/activities/events/{o['soon'].pk}/invite/",
            f"/activities/registrations/{o['mine'].pk}/",
            "/activities/funding/",
            "/activities/claims/",
            f"/activities/claims/{o['claim'].pk}/",
            "/activities/programme/",
            "/activities/figures/",
        ],
        "bob": [
            f"/activities/events/{o['soon'].pk}/",
            f"/activities/registrations/{o['mine'].pk}/",
            "/activities/mine/",
        ],
        None: ["/en/events/", "/en/events/?past=1", f"/en/events/{o['held'].pk}/", "/fr/events/"],
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pages_pass_the_markup_and_policy_checks(filled, alice, bob, language):
    problems = []
    for who, paths in _pages(filled).items():
        client = client_for({"alice": alice, "bob": bob}.get(who) if who else None)
        client.cookies["django_language"] = language
        for path in paths:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, path
            problems += check(path, response)[0]
    assert problems == []


def test_the_registrations_page_takes_the_same_queries_for_3_or_30_people(filled, alice, lyon):
    client = client_for(alice)
    url = f"/activities/events/{filled['soon'].pk}/registrations/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(27):
        registration_create(actor=alice, event=filled["soon"], contact=make_contact(f"Other {n}", city=lyon))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_event_list_takes_the_same_queries_for_few_or_many_events(filled, alice):
    client = client_for(alice)
    client.get("/activities/")
    with CaptureQueriesContext(connection) as few:
        client.get("/activities/")
    for n in range(10):
        make_soon_event(title_en=f"Workshop {n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/activities/")
    assert len(many) == len(few)


def test_the_secretariat_sets_a_gender_target_for_a_kind(alice):
    from icc.activities.models import GenderTarget

    kind = EventKind.objects.get(key="study_visit")
    answer = client_for(alice).post(
        "/activities/figures/", {"from_year": 2026, "kind": kind.pk, "women_share": 45}
    )
    assert answer.status_code == 302
    assert GenderTarget.objects.get(kind=kind).women_share == 45
    refused = client_for(alice).post("/activities/figures/", {"from_year": 2026, "women_share": 140})
    assert refused.status_code == 400
    assert "Share of women aimed at" in refused.content.decode()


def test_gender_balance_per_year_is_against_the_target_of_its_kind_or_the_general_one(alice):
    from icc.activities.selectors.figures import balance_by_year_and_kind, target_for
    from icc.activities.services.programme import gender_target_set

    visit = EventKind.objects.get(key="study_visit")
    gender_target_set(actor=alice, from_year=2026, women_share=40, kind=visit)
    assert target_for(2026, visit) == 40
    assert target_for(2026, EventKind.objects.get(key="webinar")) == 50  # the migration's, from 2016
    assert target_for(2015) is None
    event = make_event(kind_key="study_visit")
    for n in range(12):
        gender = "woman" if n < 6 else "man"
        registration = registration_create(
            actor=alice, event=event, contact=make_contact(f"P {n}", gender=gender)
        )
        type(registration).objects.filter(pk=registration.pk).update(attended=True)
    year_rows, kind_rows = balance_by_year_and_kind(2026)
    assert [(r.label, r.balance.women_share, r.target, r.meets) for r in year_rows] == [
        ("2026", 50.0, 50, True)
    ]
    assert [(r.label, r.target) for r in kind_rows] == [("Study visit", 40)]
