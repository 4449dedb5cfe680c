import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from icc.activities.models import Audience
from icc.activities.services.funding import funding_request
from icc.activities.services.participation import event_invite_city
from icc.activities.services.registrations import registration_create
from icc.core.attention import attention_for
from tests.activities.helpers import make_contact, make_event

pytestmark = pytest.mark.django_db


def _soon(**fields):
    now = timezone.now()
    return make_event(
        starts_at=now + datetime.timedelta(days=10), ends_at=now + datetime.timedelta(days=11), **fields
    )


def _keys(user):
    return {item.key for item in attention_for(user)}


def test_funding_to_decide_needs_the_secretariat(alice, bob):
    registration = registration_create(actor=alice, event=_soon(), contact=make_contact())
    funding_request(actor=None, registration=registration, travel=Decimal("100"), subsistence=None)
    assert "activities.funding" in _keys(alice)
    assert "activities.funding" not in _keys(bob)


def test_an_invited_city_needs_its_coordinator_until_a_delegate_registers(alice, bob, lyon):
    event = _soon(audience=Audience.INVITED)
    event_invite_city(actor=alice, event=event, city=lyon)
    assert "activities.city_invited" in _keys(bob)
    registration_create(actor=bob, event=event, contact=make_contact(city=lyon))
    assert "activities.city_invited" not in _keys(bob)


def test_an_invitation_needs_the_person_invited(alice, bob):
    registration_create(actor=alice, event=_soon(), contact=make_contact("Bob Durand", user=bob), invite=True)
    assert "activities.invited" in _keys(bob)


def test_the_api_lists_public_events_without_a_token():
    public = _soon(
        audience=Audience.PUBLIC, title_en="Open conference", title_fr="Conférence ouverte", capacity=50
    )
    _soon(title_en="Members only")
    _soon(audience=Audience.PUBLIC, status="draft", title_en="Draft")
    answer = Client().get("/api/v1/events")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == public.pk
    assert item["title_fr"] == "Conférence ouverte"
    assert item["places_left"] == 50
    assert item["registration_open"] is True
    assert Client().get(f"/api/v1/events/{public.pk}").json()["title"] == "Open conference"


def test_open_data_lists_public_events():
    _soon(audience=Audience.PUBLIC, title_en="Open conference")
    _soon(title_en="Members only")
    body = Client().get("/en/data/events.csv").content.decode("utf-8-sig")
    assert "Open conference" in body
    assert "Members only" not in body
