import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from icc.accounts.models import Invitation, Role, RoleKind, User
from icc.accounts.services import invitation_accept, invitation_create, role_revoke
from tests.conftest import client_for


def _link_from_mail() -> str:
    match = re.search(r"https?://[^/]+(/accounts/invitation/[^/\s]+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_the_secretariat_invites_a_coordinator_who_sets_a_password(
    as_alice, lyon, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post(
            "/accounts/people/invite/",
            {
                "email": "Nadia@Lyon.example.org",
                "full_name": "Nadia Benali",
                "kind": "city_coordinator",
                "city": lyon.pk,
                "language": "fr",
            },
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["nadia@lyon.example.org"]
    assert "Lyon" in mail.outbox[-1].body
    assert "Bonjour" in mail.outbox[-1].body or "Hello" in mail.outbox[-1].body

    link = _link_from_mail()
    anonymous = client_for(None)
    page = anonymous.get(link)
    assert "Nadia Benali" in page.text
    response = anonymous.post(
        link,
        {"full_name": "Nadia Benali", "password1": "Intercultural-2026", "password2": "Intercultural-2026"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nadia@lyon.example.org")
    assert Role.objects.filter(user=user, kind=RoleKind.CITY_COORDINATOR, city=lyon).exists()
    assert anonymous.get(f"/manage/cities/{lyon.slug}/").status_code == 200
    # The link works once.
    assert client_for(None).get(link).status_code == 410


def test_a_weak_password_is_refused_and_no_account_is_made(alice, lyon):
    invitation = invitation_create(
        email="x@example.org", full_name="X Y", kind="city_contributor", city=lyon, by=alice
    )
    response = client_for(None).post(
        f"/accounts/invitation/{invitation.token}/",
        {"full_name": "X Y", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert "too short" in response.text or "entirely numeric" in response.text
    assert not User.objects.filter(email="x@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_city_role_needs_its_city(alice):
    with pytest.raises(ValidationError) as exc:
        invitation_create(email="y@example.org", full_name="Y", kind="city_coordinator", by=alice)
    assert "city" in exc.value.message_dict
    assert not Invitation.objects.exists()


def test_an_existing_person_gets_a_second_role(bob, rici, alice):
    invitation = invitation_create(
        email="bob@example.org",
        full_name="Bob Durand",
        kind="network_coordinator",
        national_network=rici,
        by=alice,
    )
    invitation_accept(invitation=invitation, user=bob)
    assert set(Role.objects.filter(user=bob).values_list("kind", flat=True)) == {
        "city_coordinator",
        "network_coordinator",
    }


def test_the_last_secretariat_role_cannot_be_removed(alice):
    with pytest.raises(ValidationError):
        role_revoke(role=Role.objects.get(user=alice), by=alice)


def test_only_the_secretariat_manages_people(bob, erin):
    assert client_for(bob).get("/accounts/people/").status_code == 403
    assert client_for(erin).get("/accounts/people/invite/").status_code == 403


def test_password_reset_sends_a_working_link(bob):
    client = client_for(None)
    client.post("/accounts/password-reset/", {"email": "bob@example.org"})
    match = re.search(r"https?://[^/]+(/accounts/reset/[^/\s]+/[^/\s]+/)", mail.outbox[-1].body)
    assert match
    response = client.get(match.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "A-new-passw0rd!", "new_password2": "A-new-passw0rd!"})
    assert response.status_code == 302
    assert client_for(None).login(request=HttpRequest(), email="bob@example.org", password="A-new-passw0rd!")


def test_signing_in_with_the_email_address(bob):
    response = client_for(None).post(
        "/accounts/login/", {"username": "bob@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/manage/dashboard/"


def _invite_bob_to_rici(alice, rici) -> Invitation:
    return invitation_create(
        email="bob@example.org",
        full_name="Bob Durand",
        kind="network_coordinator",
        national_network=rici,
        by=alice,
    )


def _bob_is_network_coordinator(bob) -> bool:
    return Role.objects.filter(user=bob, kind=RoleKind.NETWORK_COORDINATOR).exists()


def test_a_link_for_an_existing_account_signs_nobody_in(alice, bob, rici):
    # The reported attack: open the link signed out, type anything, be signed in as bob with the new role.
    link = f"/accounts/invitation/{_invite_bob_to_rici(alice, rici).token}/"
    client = client_for(None)
    page = client.get(link)
    assert page.status_code == 200
    assert "already exists" in page.text
    assert 'type="password"' not in page.text
    assert "/accounts/login/?next=%2Faccounts%2Finvitation%2F" in page.text
    response = client.post(
        link, {"full_name": "Mallory", "password1": "anything-at-all", "password2": "anything-at-all"}
    )
    assert response.status_code == 200
    assert client.get("/manage/dashboard/").status_code == 302  # still signed out
    assert not _bob_is_network_coordinator(bob)
    assert Invitation.objects.get().accepted_at is None


def test_the_invited_person_signs_in_with_their_password_then_accepts(alice, bob, rici):
    link = f"/accounts/invitation/{_invite_bob_to_rici(alice, rici).token}/"
    client = client_for(None)
    response = client.post(
        "/accounts/login/", {"username": "bob@example.org", "password": "correct horse battery", "next": link}
    )
    assert response.status_code == 302
    assert response["Location"] == link
    page = client.get(link)
    assert "Accept" in page.text
    assert not _bob_is_network_coordinator(bob)  # seeing the page grants nothing
    response = client.post(link)
    assert response.status_code == 302
    assert _bob_is_network_coordinator(bob)
    assert Invitation.objects.get().accepted_at is not None


def test_a_wrong_password_is_refused_and_nothing_is_granted(alice, bob, rici):
    link = f"/accounts/invitation/{_invite_bob_to_rici(alice, rici).token}/"
    client = client_for(None)
    response = client.post(
        "/accounts/login/", {"username": "bob@example.org", "password": "not bob's password", "next": link}
    )
    assert response.status_code == 200
    assert "correct" in response.text  # "Please enter a correct e-mail address and password"
    assert client.post(link).status_code == 200  # the sign-in prompt again
    assert client.get("/manage/dashboard/").status_code == 302
    assert not _bob_is_network_coordinator(bob)
    assert Invitation.objects.get().accepted_at is None


def test_someone_else_signed_in_is_told_so_and_nothing_is_granted(alice, bob, carol, rici):
    link = f"/accounts/invitation/{_invite_bob_to_rici(alice, rici).token}/"
    as_carol = client_for(carol)
    page = as_carol.get(link)
    assert "signed in as carol@example.org" in page.text
    assert "/accounts/logout/" in page.text
    assert as_carol.post(link).status_code == 403
    assert not Role.objects.filter(kind=RoleKind.NETWORK_COORDINATOR).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_invitation_for_a_new_person_is_not_taken_by_whoever_is_signed_in(alice, carol, lyon):
    invitation = invitation_create(
        email="new@example.org", full_name="New Person", kind="city_coordinator", city=lyon, by=alice
    )
    as_carol = client_for(carol)
    link = f"/accounts/invitation/{invitation.token}/"
    assert "signed in as carol@example.org" in as_carol.get(link).text
    assert as_carol.post(link).status_code == 403
    assert not Role.objects.filter(user=carol, kind=RoleKind.CITY_COORDINATOR).exists()
    assert not User.objects.filter(email="new@example.org").exists()


def test_the_service_never_picks_an_existing_account_by_its_address(alice, bob, rici):
    with pytest.raises(ValidationError) as exc:
        invitation_accept(invitation=_invite_bob_to_rici(alice, rici), password="anything-at-all")
    assert "email" in exc.value.message_dict
    assert not _bob_is_network_coordinator(bob)


def test_the_email_to_an_existing_account_asks_to_sign_in_not_to_set_a_password(
    alice, bob, rici, django_capture_on_commit_callbacks
):
    bob.language = "fr"
    bob.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            email="bob@example.org",
            full_name="Bob Durand",
            kind="network_coordinator",
            national_network=rici,
            by=alice,
            language="fr",
        )
    body = mail.outbox[-1].body
    assert "connectez-vous avec votre mot de passe" in body
    assert "choisir votre mot de passe" not in body
