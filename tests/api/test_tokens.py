"""Personal API tokens: created and revoked on /accounts/tokens/, shown once, stored as a hash; they act
as their owner; revoked, expired and unknown tokens are refused; read-only tokens cannot write."""

import datetime
import hashlib

from django.utils import timezone

from icc.accounts.models import ApiToken
from icc.accounts.services import api_token_create
from tests.api.conftest import Api
from tests.conftest import client_for


def test_a_person_creates_a_token_and_sees_it_only_once(bob):
    client = client_for(bob)

    page = client.post("/accounts/tokens/new/", {"name": "Lyon dashboard", "read_only": "on"})

    assert page.status_code == 200
    secret = page.context["created"].secret
    assert secret.startswith("icc_") and secret in page.content.decode()
    token = ApiToken.objects.get(user=bob)
    assert token.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert token.read_only is True
    listing = client.get("/accounts/tokens/").content.decode()
    assert "Lyon dashboard" in listing and token.prefix in listing and secret not in listing
    assert Api(secret).get("/me")[1]["email"] == "bob@example.org"


def test_a_token_needs_a_name_and_a_future_expiry(bob):
    client = client_for(bob)

    nameless = client.post("/accounts/tokens/new/", {"name": " "})
    expired = client.post("/accounts/tokens/new/", {"name": "Report", "expires_on": "2001-01-01"})

    assert nameless.status_code == expired.status_code == 200
    assert nameless.context["form"].errors["name"]
    assert "The expiry date must be in the future" in expired.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused(bob):
    created = api_token_create(user=bob, name="Old script")
    api = Api(created.secret)
    assert api.get("/me")[0] == 200

    client_for(bob).post(f"/accounts/tokens/{created.token.pk}/revoke/")

    status, body, response = api.get("/cities")
    assert status == 401
    assert body["error"] == {
        "code": "unauthorized",
        "message": "This API token was revoked; create a new one.",
        "fields": [],
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_persons_token(bob, dave):
    created = api_token_create(user=bob, name="Bob's")

    assert client_for(dave).post(f"/accounts/tokens/{created.token.pk}/revoke/").status_code == 404
    assert Api(created.secret).get("/me")[0] == 200


def test_an_expired_or_unknown_token_is_refused_rather_than_treated_as_anonymous(bob, lyon):
    created = api_token_create(
        user=bob, name="Short", expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    ApiToken.objects.filter(pk=created.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert (
        Api(created.secret).get("/cities")[1]["error"]["message"]
        == "This API token has expired; create a new one."
    )
    assert Api("icc_not-a-token").get("/cities")[0] == 401
    api = Api()
    api.headers = {"Authorization": "Token abc"}
    assert api.get("/cities")[0] == 401


def test_a_read_only_token_cannot_write(api_as, bob, lyon_response):
    status, body, _ = api_as(bob, read_only=True).put(
        f"/responses/{lyon_response.pk}/answers/commitment.strategy", {"value": "yes"}
    )

    assert status == 403
    assert "read only" in body["error"]["message"]
    assert not lyon_response.answers.exists()


def test_using_a_token_records_when_it_was_last_used(bob):
    created = api_token_create(user=bob, name="Watch")
    assert created.token.last_used_at is None

    Api(created.secret).get("/me")

    created.token.refresh_from_db()
    assert created.token.last_used_at is not None
