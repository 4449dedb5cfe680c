"""Sign-in throttling (django-axes): per account and per address, a lockout that expires, said on the page."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone

from icc.accounts.services import api_token_create
from icc.core.addresses import client_address
from tests.api.conftest import Api

RIGHT = "correct horse battery"  # the standard people's password (tests/factories.py)
LIMIT = settings.AXES_FAILURE_LIMIT


def _sign_in(client: Client, email: str, password: str, address: str = "192.0.2.10", **headers: str):
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


def _fail(times: int, email: str = "bob@example.org", address: str = "192.0.2.10") -> None:
    for attempt in range(times):
        response = _sign_in(Client(), email, f"wrong guess {attempt}", address)
        assert response.status_code in (200, 429)


def _signed_in(client: Client) -> bool:
    return client.get("/manage/dashboard/").status_code == 200


def test_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(bob):
    _fail(LIMIT)
    client = Client()
    response = _sign_in(client, "bob@example.org", RIGHT)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.text
    assert re.search(r"Try again after \S+.* \(in 15 minutes\)", response.text)
    assert 'name="password"' in response.text  # the sign-in page, not a bare error
    assert not _signed_in(client)


def test_a_few_mistakes_do_not_lock_anyone_out(bob):
    _fail(LIMIT - 1)
    client = Client()
    assert _sign_in(client, "bob@example.org", RIGHT).status_code == 302
    assert _signed_in(client)


def test_the_lockout_expires_after_the_cool_off(bob):
    _fail(LIMIT)
    assert _sign_in(Client(), "bob@example.org", RIGHT).status_code == 429
    # Failures while locked out do not extend the lockout; move the recorded ones past the cool-off.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )
    client = Client()
    assert _sign_in(client, "bob@example.org", RIGHT).status_code == 302
    assert _signed_in(client)


def test_an_account_is_locked_whichever_addresses_the_guesses_come_from(bob):
    for n in range(LIMIT):
        _fail(1, address=f"198.51.100.{n + 1}")
    assert _sign_in(Client(), "bob@example.org", RIGHT, address="203.0.113.99").status_code == 429


def test_an_address_guessing_many_accounts_is_locked_out_and_others_are_not(bob, carol):
    for n in range(LIMIT):
        _fail(1, email=f"someone{n}@example.org", address="192.0.2.66")
    assert _sign_in(Client(), "carol@example.org", RIGHT, address="192.0.2.66").status_code == 429
    client = Client()
    assert _sign_in(client, "bob@example.org", RIGHT, address="192.0.2.67").status_code == 302


def test_the_address_typed_in_another_case_counts_for_the_same_account(bob):
    for n in range(LIMIT):
        _fail(1, email="Bob@Example.org " if n % 2 else "bob@example.org", address=f"198.51.100.{n + 1}")
    assert _sign_in(Client(), "bob@example.org", RIGHT, address="203.0.113.99").status_code == 429


def test_a_french_reader_is_told_in_french_when_to_try_again(bob):
    _fail(LIMIT)
    response = _sign_in(Client(), "bob@example.org", RIGHT, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 429
    assert "Trop de connexions échouées" in response.text
    assert "dans 15 minutes" in response.text


def test_password_reset_still_works_and_unlocks_the_account(bob):
    _fail(LIMIT)
    client = Client()
    client.post("/accounts/password-reset/", {"email": "bob@example.org"}, REMOTE_ADDR="192.0.2.10")
    link = re.search(r"https?://[^/]+(/accounts/reset/[^/\s]+/[^/\s]+/)", mail.outbox[-1].body)
    assert link
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "A-new-passw0rd!", "new_password2": "A-new-passw0rd!"})
    assert response.status_code == 302
    client = Client()
    # From another address: the account's lockout is over (the guessing address's own stays).
    assert _sign_in(client, "bob@example.org", "A-new-passw0rd!", address="203.0.113.5").status_code == 302


def test_api_tokens_keep_working_while_the_account_is_locked(bob):
    created = api_token_create(user=bob, name="BI tool")
    _fail(LIMIT)
    assert Api(created.secret).get("/me")[0] == 200


def test_the_icc_command_unlocks_an_account(bob, capsys):
    _fail(LIMIT)
    call_command("axes_reset_username", "bob@example.org")
    assert "attempts removed" in capsys.readouterr().out
    assert _sign_in(Client(), "bob@example.org", RIGHT).status_code == 302


def test_the_test_clients_sign_in_helpers_still_work(bob):
    client = Client()
    assert client.login(request=HttpRequest(), username="bob@example.org", password=RIGHT)
    assert _signed_in(client)
    client = Client()
    client.force_login(bob)
    assert _signed_in(client)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxy configured: the header is the client's word, ignored
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged left part does not change the address
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1"),  # fewer hops than proxies: not through the proxies
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = HttpRequest()
    request.META = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(request) == expected


def test_behind_a_proxy_one_client_is_locked_out_not_everyone(settings, bob, carol):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(LIMIT):
        response = _sign_in(
            Client(), f"someone{n}@example.org", "wrong", "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
        assert response.status_code in (200, 429)
    locked = _sign_in(Client(), "carol@example.org", RIGHT, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert locked.status_code == 429
    other = _sign_in(Client(), "bob@example.org", RIGHT, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 302
