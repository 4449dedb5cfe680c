"""City coordinators run their own team: invite contributors for their own city, see who answered what on
the response page, and remove a contributor (recorded). The secretariat keeps every role."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from icc.accounts.models import Invitation, Role, RoleKind, User
from icc.accounts.selectors import access_history
from icc.accounts.services import invitation_create, role_revoke
from icc.index.services.responses import answer_save, section_assign
from tests.conftest import client_for


def _invite(client, city, **extra):
    return client.post(
        "/accounts/people/invite/",
        {
            "email": "nadia@lyon.example.org",
            "full_name": "Nadia Benali",
            "kind": "city_contributor",
            "city": city.pk,
            "language": "en",
            **extra,
        },
    )


def test_a_coordinator_invites_a_contributor_who_accepts_and_lands_back_on_the_response(
    bob, lyon_response, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    page = client.get(f"/index/responses/{lyon_response.pk}/")
    assert "Invite a colleague as a contributor" in page.text
    form = client.get(f"/accounts/people/invite/?city={lyon_response.city_id}")
    assert form.status_code == 200
    # Only the contributor role is offered, and no national network.
    assert 'value="city_coordinator"' not in form.text
    assert 'name="national_network"' not in form.text
    back = f"/index/responses/{lyon_response.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, lyon_response.city, next=back)
    assert response.status_code == 302
    assert response["Location"] == back
    link = re.search(r"https?://[^/]+(/accounts/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)
    newcomer = client_for(None)
    newcomer.post(
        link,
        {"full_name": "Nadia Benali", "password1": "Intercultural-2026", "password2": "Intercultural-2026"},
    )
    nadia = User.objects.get(email="nadia@lyon.example.org")
    assert Role.objects.filter(user=nadia, kind=RoleKind.CITY_CONTRIBUTOR, city=lyon_response.city).exists()
    assert newcomer.get(back).status_code == 200


def test_a_coordinator_cannot_invite_a_coordinator_or_for_another_city(bob, porto):
    client = client_for(bob)
    response = _invite(client, bob.roles.get().city, kind="city_coordinator")
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    response = _invite(client, porto)
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    with pytest.raises(ValidationError) as exc:
        invitation_create(email="x@example.org", full_name="X", kind="city_contributor", city=porto, by=bob)
    assert "city" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        invitation_create(
            email="x@example.org", full_name="X", kind="city_coordinator", city=bob.roles.get().city, by=bob
        )
    assert "kind" in exc.value.message_dict


def test_contributors_and_others_may_not_invite(carol, erin, frank):
    for person in (carol, erin, frank):
        assert client_for(person).get("/accounts/people/invite/").status_code == 403


def test_the_coordinator_sees_who_answered_what(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="education", user=carol, by=bob)
    answer_save(response=lyon_response, question="education.mixed_schools", value="some", by=carol)
    answer_save(response=lyon_response, question="education.share_pupils", value=12, by=carol)
    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    page = client_for(bob).get(f"/index/responses/{lyon_response.pk}/")
    team = page.text[page.text.index('id="team-h"') :]
    carol_row = team[team.index("Carol Petit") : team.index("</tr>", team.index("Carol Petit"))]
    assert "2. Education: 2 questions" in carol_row
    bob_row = team[team.index("Bob Durand") : team.index("</tr>", team.index("Bob Durand"))]
    assert "1. Commitment: 1 question" in bob_row
    # A contributor reads the response but not the team section.
    assert 'id="team-h"' not in client_for(carol).get(f"/index/responses/{lyon_response.pk}/").text


def test_the_coordinator_removes_a_contributor_and_it_is_recorded(bob, carol, lyon_response):
    role = Role.objects.get(user=carol)
    back = f"/index/responses/{lyon_response.pk}/"
    response = client_for(bob).post(f"/accounts/people/roles/{role.pk}/revoke/", {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    assert not Role.objects.filter(user=carol).exists()
    assert client_for(carol).get(back).status_code == 404
    entry = access_history(carol)[0]
    assert entry.who == "Bob Durand"
    assert "role revoked" in entry.action


def test_a_coordinator_cannot_remove_another_coordinator_or_another_citys_people(bob, dave, lyon):
    from tests.factories import UserFactory, grant

    other = UserFactory(email="olga@example.org")
    co = grant(other, RoleKind.CITY_COORDINATOR, city=lyon)
    client = client_for(bob)
    assert client.post(f"/accounts/people/roles/{co.pk}/revoke/").status_code == 403
    assert client.post(f"/accounts/people/roles/{dave.roles.get().pk}/revoke/").status_code == 403
    assert Role.objects.filter(pk__in=[co.pk]).exists()
    with pytest.raises(ValidationError):
        role_revoke(role=co, by=bob)


def test_an_outside_next_address_is_not_followed(as_alice, alice, lyon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(as_alice, lyon, next="https://evil.example.org/")
    assert response["Location"] == "/accounts/people/"


def test_the_invite_form_shows_every_error_at_once_in_a_summary_linking_to_the_fields(as_bob):
    response = as_bob.post("/accounts/people/invite/", {"kind": "city_contributor"})
    assert response.status_code == 200
    summary = response.text[
        response.text.index("data-error-summary") : response.text.index(
            "</ul>", response.text.index("data-error-summary")
        )
    ]
    assert 'href="#id_email"' in summary
    assert 'href="#id_full_name"' in summary
    assert "There is a problem" in summary


def test_a_removed_contributor_is_no_longer_shown_as_answering_a_section(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="education", user=carol, by=bob)
    url = f"/index/responses/{lyon_response.pk}/"
    sections = client_for(bob).get(url).text.split('id="team-h"')[0]
    assert "Carol Petit" in sections
    client_for(bob).post(f"/accounts/people/roles/{Role.objects.get(user=carol).pk}/revoke/")
    sections = client_for(bob).get(url).text.split('id="team-h"')[0]
    assert "Carol Petit" not in sections
