import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from icc.activities.models import Audience, Contact, Registration, RegistrationStatus
from icc.activities.services.events import event_update
from icc.activities.services.participation import event_invite_new_person, registration_self
from icc.activities.services.registrations import registration_create
from icc.activities.services.reminders import reminders_send
from icc.notifications.models import Notification, NotificationKind
from tests.activities.helpers import make_contact, make_event, make_soon_event
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_participants_are_reminded_once_a_week_before_in_their_language(
    alice, bob, django_capture_on_commit_callbacks
):
    now = timezone.now()
    event = make_event(
        starts_at=now + datetime.timedelta(days=5),
        ends_at=now + datetime.timedelta(days=6),
        title_fr="Atelier",
    )
    later = make_event(starts_at=now + datetime.timedelta(days=20), ends_at=now + datetime.timedelta(days=21))
    registration_create(actor=alice, event=event, contact=make_contact("Bob Durand", user=bob))
    registration_create(actor=alice, event=event, contact=make_contact("Chloé Martin", language="fr"))
    registration_create(actor=alice, event=later, contact=make_contact("Dan Olsen"))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=now) == 2
    assert Notification.objects.filter(recipient=bob, kind=NotificationKind.EVENT_REMINDER).count() == 1
    french = [m for m in mail.outbox if m.to == ["chloe-martin@example.org"]]
    assert french[0].subject.startswith("Dans une semaine")
    assert "Atelier" in french[0].subject
    assert reminders_send(now=now) == 0


def test_more_places_go_to_the_waiting_list(alice):
    event = make_event(capacity=1)
    registration_create(actor=alice, event=event, contact=make_contact())
    waiting = registration_create(actor=alice, event=event, contact=make_contact("Ben Weiss"))
    assert waiting.status == RegistrationStatus.WAITING
    event_update(event=event, actor=alice, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_an_invitation_by_details_finds_the_known_contact(alice):
    known = make_contact()
    registration = event_invite_new_person(
        actor=alice,
        event=make_event(),
        city=None,
        full_name="Ana C.",
        email="ANA-COSTA@example.org",
        language="pt",
    )
    assert registration.contact == known
    assert registration.status == RegistrationStatus.INVITED


def test_a_signed_in_person_registers_as_themselves_whatever_e_mail_is_typed(alice, bob):
    event = make_soon_event(audience=Audience.PUBLIC)
    other = make_contact("Ana Costa")
    registration, _new = registration_self(
        event=event, full_name="x", email=other.email, consent=True, user=bob
    )
    assert registration.contact.user == bob
    assert not Registration.objects.filter(contact=other).exists()


def test_a_known_e_mail_on_the_public_form_does_not_open_that_persons_page(alice):
    event = make_soon_event(audience=Audience.PUBLIC)
    other = make_contact("Ana Costa")
    client = Client()
    answer = client.post(
        f"/en/events/{event.pk}/",
        {"full_name": "Mallory", "email": other.email, "language": "en", "consent": "on"},
        follow=True,
    )
    assert "The e-mail we sent has the link to your page" in answer.content.decode()
    registration = Registration.objects.get(contact=other)
    assert client.get(f"/activities/registrations/{registration.pk}/").status_code == 404
    assert Contact.objects.count() == 1


def test_a_coordinator_cannot_register_delegates_for_a_network_event_of_another_network(alice, bob, rici):
    event = make_soon_event(audience=Audience.NETWORK, national_network=rici)
    answer = client_for(bob).post(
        f"/activities/events/{event.pk}/register/",
        {
            "delegate": "1",
            "full_name": "Ana Costa",
            "email": "a@example.org",
            "language": "en",
            "consent": "on",
        },
    )
    assert answer.status_code == 403


def test_a_renewed_key_shuts_the_old_address(alice):
    contact = make_contact()
    registration_create(actor=alice, event=make_soon_event(), contact=contact)
    from icc.activities.services.messages import ensure_contact_key

    old = ensure_contact_key(contact)
    client = Client()
    answer = client.post(f"/activities/me/{old}/renew/")
    contact.refresh_from_db()
    assert answer["Location"] == f"/activities/me/{contact.calendar_token}/"
    assert client.get(f"/activities/me/{old}.ics").status_code == 404
    assert client.get(f"/activities/me/{contact.calendar_token}.ics").status_code == 200


def test_a_signed_in_person_creates_their_calendar_address(bob):
    client = client_for(bob)
    client.post("/activities/mine/calendar-key/")
    key = Contact.objects.get(user=bob).calendar_token
    assert f"/activities/me/{key}.ics" in client.get("/activities/mine/").content.decode()


def test_an_invited_person_without_an_account_accepts_from_their_page(alice):
    from icc.activities.services.messages import ensure_contact_key
    from icc.activities.services.participation import event_invite_person

    contact = make_contact()
    registration = event_invite_person(actor=alice, event=make_soon_event(capacity=10), contact=contact)
    client = Client()
    client.get(f"/activities/me/{ensure_contact_key(contact)}/")
    client.post(f"/activities/registrations/{registration.pk}/accept/")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED
    assert Client().post(f"/activities/registrations/{registration.pk}/accept/").status_code == 404


def test_participants_read_why_an_event_is_cancelled(alice, django_capture_on_commit_callbacks):
    from icc.activities.services.events import event_set_status

    event = make_soon_event()
    registration_create(actor=alice, event=event, contact=make_contact())
    with django_capture_on_commit_callbacks(execute=True):
        event_set_status(
            event=event, actor=alice, status="cancelled", cancel_reason="The venue is closed for works."
        )
    assert "The venue is closed for works." in mail.outbox[-1].body
