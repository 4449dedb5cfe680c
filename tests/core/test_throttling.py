"""Public forms without an account: a limit per address and form, and the hidden field robots fill in."""

import pytest
from django.test import RequestFactory

from icc.core.throttling import HONEYPOT_FIELD, form_allowed, honeypot_filled, too_many

pytestmark = pytest.mark.cache


def _post(address: str, **data: str):
    request = RequestFactory().post("/", data, REMOTE_ADDR=address)
    return request


def test_an_address_is_stopped_past_the_rate_and_others_are_not(db, settings):
    settings.PUBLIC_FORM_RATE = "3/hour"
    answers = [form_allowed(_post("203.0.113.5"), scope="survey") for _ in range(4)]
    assert answers == [True, True, True, False]
    assert form_allowed(_post("203.0.113.6"), scope="survey")
    assert form_allowed(_post("203.0.113.5"), scope="newsletter"), "each form counts on its own"


def test_reading_a_form_is_never_limited(db, settings):
    settings.PUBLIC_FORM_RATE = "1/hour"
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    assert all(form_allowed(request, scope="survey") for _ in range(3))


def test_the_hidden_field_tells_a_robot(db):
    assert honeypot_filled(_post("203.0.113.8", **{HONEYPOT_FIELD: "http://spam.example"}))
    assert not honeypot_filled(_post("203.0.113.8", name="Ana"))


def test_the_refusal_says_so_in_the_readers_language(db):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request = RequestFactory().get("/fr/")
    request.user = AnonymousUser()
    with translation.override("fr"):
        response = too_many(request)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
