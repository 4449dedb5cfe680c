import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from icc.activities.models import Audience, Registration, RegistrationStatus
from icc.activities.services.funding import funding_request
from icc.activities.services.participation import attendance_mark
from icc.activities.services.registrations import registration_create
from tests.activities.helpers import make_contact, make_event
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _soon(**fields):
    now = timezone.now()
    return make_event(
        starts_at=now + datetime.timedelta(days=20), ends_at=now + datetime.timedelta(days=21), **fields
    )


def test_someone_registers_on_the_public_site_and_reaches_their_own_page(alice):
    event = _soon(audience=Audience.PUBLIC, capacity=30)
    client = Client()
    page = client.get(f"/en/events/{event.pk}/")
    assert page.status_code == 200
    assert "Register" in page.content.decode()
    refused = client.post(
        f"/en/events/{event.pk}/", {"full_name": "Ana Costa", "email": "ana@example.org", "language": "pt"}
    )
    assert refused.status_code == 400
    answer = client.post(
        f"/en/events/{event.pk}/",
        {
            "full_name": "Ana Costa",
            "email": "ana@example.org",
            "language": "en",
            "consent": "on",
            "needs": "Vegetarian",
        },
        follow=True,
    )
    registration = Registration.objects.get(event=event)
    assert answer.redirect_chain[-1][0] == reverse("activities:registration_detail", args=[registration.pk])
    assert "Ask for travel funding" in answer.content.decode()


def test_needs_are_shown_to_organisers_only(alice, bob, lyon):
    event = _soon()
    registration_create(actor=alice, event=event, contact=make_contact(city=lyon), needs="Wheelchair access")
    url = reverse("activities:registrations", args=[event.pk])
    assert "Wheelchair access" in client_for(alice).get(url).content.decode()
    assert client_for(bob).get(url).status_code == 403
    assert (
        "Wheelchair access"
        not in client_for(bob).get(reverse("activities:event_detail", args=[event.pk])).content.decode()
    )


def test_a_drafts_page_is_hidden_from_others_than_the_secretariat(alice, bob):
    event = _soon(status="draft")
    assert client_for(alice).get(reverse("activities:event_detail", args=[event.pk])).status_code == 200
    assert client_for(bob).get(reverse("activities:event_detail", args=[event.pk])).status_code == 404
    assert Client().get(f"/en/events/{event.pk}/").status_code == 404


def test_a_coordinator_registers_a_delegate_and_the_third_waits(alice, bob, lyon):
    event = _soon(places_per_city=2)
    client = client_for(bob)
    for name in ("Ana Costa", "Ben Weiss", "Chloé Martin"):
        client.post(
            reverse("activities:register", args=[event.pk]),
            {
                "delegate": "1",
                "full_name": name,
                "email": f"{name.split()[0].lower()}@example.org".replace("é", "e"),
                "language": "fr",
                "city": lyon.pk,
                "consent": "on",
            },
        )
    statuses = list(Registration.objects.filter(event=event).order_by("pk").values_list("status", flat=True))
    assert statuses == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING,
    ]


def test_the_participant_downloads_a_certificate_once_marked_present(alice, bob):
    now = timezone.now()
    event = make_event(starts_at=now - datetime.timedelta(hours=3), ends_at=now + datetime.timedelta(hours=3))
    registration = registration_create(actor=alice, event=event, contact=make_contact("Bob Durand", user=bob))
    url = reverse("activities:certificate", args=[registration.pk])
    assert client_for(bob).get(url).status_code == 404
    attendance_mark(actor=alice, registration=registration, attended=True)
    answer = client_for(bob).get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert client_for(None).get(url).status_code == 404


def test_the_secretariat_decides_funding_on_its_page(alice):
    event = _soon()
    registration = registration_create(actor=alice, event=event, contact=make_contact())
    funding = funding_request(
        actor=None, registration=registration, travel=Decimal("200"), subsistence=Decimal("50")
    )
    page = client_for(alice).get(reverse("activities:funding_list"))
    assert "Ana Costa" in page.content.decode()
    client_for(alice).post(reverse("activities:funding_decide", args=[funding.pk]), {"decision": "approve"})
    funding.refresh_from_db()
    assert funding.status == "approved"


def test_the_public_feed_lists_public_events_only(alice):
    public = _soon(audience=Audience.PUBLIC, title_en="Open conference")
    _soon(title_en="Members only")
    body = Client().get("/en/events.ics").content.decode()
    assert "Open conference" in body
    assert "Members only" not in body
    assert f"event-{public.pk}@" in body


def test_a_persons_own_feed_opens_with_their_key_only(alice):
    event = _soon(title_en="Study visit to Bergamo")
    contact = make_contact()
    registration_create(actor=alice, event=event, contact=contact)
    from icc.activities.services.messages import ensure_contact_key

    key = ensure_contact_key(contact)
    assert "Study visit to Bergamo" in Client().get(f"/activities/me/{key}.ics").content.decode()
    assert Client().get(f"/activities/me/{'x' * 43}.ics").status_code == 404


def test_pages_render_in_french(alice):
    event = _soon(title_fr="Atelier sur les rumeurs")
    client = client_for(alice)
    client.cookies["django_language"] = "fr"
    for name, args in (
        ("event_list", []),
        ("event_detail", [event.pk]),
        ("programme", []),
        ("figures", []),
        ("funding_list", []),
        ("claim_list", []),
        ("event_create", []),
        ("my_registrations", []),
    ):
        assert (
            client.get(reverse(f"activities:{name}", args=args), HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
        ), name
