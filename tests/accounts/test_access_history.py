"""Changes of access (roles, invitations, API tokens) are in the history, on the person's page, in the
reader's language, with who made them and when."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, timezone

from icc.accounts.models import ApiToken, Invitation, Role, RoleKind
from icc.accounts.services import (
    api_token_create,
    api_token_revoke,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    role_grant,
    role_revoke,
)
from tests.conftest import client_for
from tests.core.test_translations import french_client


def _history_rows(page_text: str) -> list[str]:
    """The rows of the page's history table, as plain text."""
    table = page_text.split('id="history-h"', 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def test_a_role_grant_appears_on_the_persons_page_with_actor_and_date(alice, grace, lyon):
    role_grant(user=grace, kind=RoleKind.CITY_CONTRIBUTOR, city=lyon, by=alice)

    page = client_for(alice).get(f"/accounts/people/{grace.pk}/")

    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    [row] = [row for row in _history_rows(page.text) if "Role granted" in row]
    assert today in row
    assert "Alice Martin" in row
    assert "City contributor · Lyon" in row


def test_the_people_list_links_to_each_persons_page(as_alice, bob):
    assert f'href="/accounts/people/{bob.pk}/"' in as_alice.get("/accounts/people/").text


def test_revoking_a_role_is_recorded_with_who_did_it(alice, bob, lyon):
    role = Role.objects.get(user=bob)
    response = client_for(alice).post(f"/accounts/people/roles/{role.pk}/revoke/")
    assert response.status_code == 302

    rows = _history_rows(client_for(alice).get(f"/accounts/people/{bob.pk}/").text)
    assert any(
        "Role revoked" in row and "Alice Martin" in row and "City coordinator · Lyon" in row for row in rows
    )


def test_an_invitation_is_recorded_when_sent_accepted_and_revoked(alice, bob, rici, lyon):
    accepted = invitation_create(
        email="bob@example.org",
        full_name="Bob Durand",
        kind="network_coordinator",
        national_network=rici,
        by=alice,
    )
    invitation_accept(invitation=accepted, user=bob)
    revoked = invitation_create(
        email="bob@example.org", full_name="Bob Durand", kind="city_contributor", city=lyon, by=alice
    )
    invitation_revoke(invitation=revoked, by=alice)

    rows = _history_rows(client_for(alice).get(f"/accounts/people/{bob.pk}/").text)
    network = "National network coordinator · Italian network of intercultural cities"
    assert [row for row in rows if "Invitation sent" in row and "Alice Martin" in row and network in row]
    assert [row for row in rows if "Invitation accepted" in row and "Bob Durand" in row and network in row]
    assert [row for row in rows if "Role granted" in row and "Alice Martin" in row and network in row]
    assert [row for row in rows if "Invitation revoked" in row and "Alice Martin" in row and "Lyon" in row]


def test_api_tokens_are_recorded_without_their_secret(bob):
    created = api_token_create(user=bob, name="Lyon BI")
    api_token_revoke(token=created.token, by=bob)

    rows = _history_rows(client_for(bob).get(f"/accounts/people/{bob.pk}/").text)
    assert [row for row in rows if "API token created" in row and "Bob Durand" in row and "Lyon BI" in row]
    assert [row for row in rows if "API token revoked" in row and "Bob Durand" in row]
    historical_fields = {f.name for f in ApiToken.history.model._meta.fields}  # type: ignore[attr-defined]
    assert "secret_sha256" not in historical_fields
    assert "token" not in {f.name for f in Invitation.history.model._meta.fields}  # type: ignore[attr-defined]


def test_a_french_reader_sees_french_history_lines(alice, bob, rici):
    role_grant(user=bob, kind=RoleKind.NETWORK_COORDINATOR, national_network=rici, by=alice)
    api_token_create(user=bob, name="Tableau de bord")

    page = french_client(bob).get(f"/accounts/people/{bob.pk}/")

    rows = _history_rows(page.text)
    assert [row for row in rows if "Rôle accordé" in row and "Alice Martin" in row]
    assert [row for row in rows if "Jeton d’API créé" in row and "lecture seule" in row]
    assert "Modifications des accès" in page.text
    assert "granted" not in page.text


def test_nobody_else_sees_a_persons_page(bob, carol):
    assert client_for(carol).get(f"/accounts/people/{bob.pk}/").status_code == 404
    assert client_for(bob).get(f"/accounts/people/{bob.pk}/").status_code == 200


def test_granting_a_role_twice_records_it_once(alice, grace, lyon):
    role_grant(user=grace, kind=RoleKind.CITY_CONTRIBUTOR, city=lyon, by=alice)
    role_grant(user=grace, kind=RoleKind.CITY_CONTRIBUTOR, city=lyon, by=alice)
    assert Role.history.filter(user=grace).count() == 1  # type: ignore[attr-defined]


def test_the_last_secretariat_role_stays_and_nothing_is_recorded(alice):
    before = Role.history.count()  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="last secretariat role"):
        role_revoke(role=Role.objects.get(user=alice), by=alice)
    assert Role.history.count() == before  # type: ignore[attr-defined]
