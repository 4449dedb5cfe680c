"""A person's self-declared gender: optional, stated and changed only by the person on their own page, seen
there by them and by the secretariat, by nobody else; every change is in the person's history."""

import re

import pytest
from django.core.exceptions import ValidationError

from icc.accounts.models import User
from icc.accounts.services import user_gender_declare
from tests.conftest import client_for
from tests.core.test_translations import french_client


def _section(page: str) -> str:
    section = page[page.index('id="gender-h"') :]
    return section[: section.index("</section>")]


def test_a_person_states_their_gender_on_their_own_page_and_sees_the_change(bob):
    client = client_for(bob)
    assert "Your gender (optional)" in _section(client.get(f"/accounts/people/{bob.pk}/").text)

    response = client.post("/accounts/me/gender/", {"gender": "woman"}, follow=True)

    assert response.status_code == 200
    bob.refresh_from_db()
    assert bob.gender == "woman"
    section = _section(response.text)
    assert re.search(r'value="woman"[^>]*checked', section)
    assert "Bob Durand · Self-declared gender changed: – → woman" in " ".join(section.split())


def test_a_person_may_leave_it_empty_again(bob):
    user_gender_declare(user=bob, gender="man", by=bob)
    client_for(bob).post("/accounts/me/gender/", {"gender": ""})
    bob.refresh_from_db()
    assert bob.gender == ""
    assert [h.gender for h in User.history.filter(id=bob.pk).order_by("history_date", "history_id")][-2:] == [
        "man",
        "",
    ]


def test_an_unknown_value_is_refused_on_the_field_and_nothing_changes(bob):
    response = client_for(bob).post("/accounts/me/gender/", {"gender": "female"})
    assert response.status_code == 400
    assert "Select a valid choice" in _section(response.text)
    bob.refresh_from_db()
    assert bob.gender == ""


def test_nobody_else_states_a_persons_gender_not_even_the_secretariat(alice, bob):
    with pytest.raises(ValidationError) as exc:
        user_gender_declare(user=bob, gender="woman", by=alice)
    assert "gender" in exc.value.message_dict
    bob.refresh_from_db()
    assert bob.gender == ""


def test_the_secretariat_sees_a_persons_gender_but_no_form(alice, bob):
    user_gender_declare(user=bob, gender="another", by=bob)
    section = _section(client_for(alice).get(f"/accounts/people/{bob.pk}/").text)
    assert "another gender" in section
    assert "<form" not in section


def test_a_city_person_cannot_see_anothers_gender(bob, carol, dave):
    user_gender_declare(user=carol, gender="woman", by=carol)
    for viewer in (bob, dave):  # her coordinator, and the coordinator of another city
        assert client_for(viewer).get(f"/accounts/people/{carol.pk}/").status_code == 404
    assert "woman" not in client_for(bob).get("/api/v1/me").text


def test_the_gender_section_reads_in_french(bob):
    user_gender_declare(user=bob, gender="woman", by=bob)
    page = french_client(bob).get(f"/accounts/people/{bob.pk}/").text
    section = _section(page)
    assert "Genre (déclaré par la personne)" in section
    assert "femme" in section
