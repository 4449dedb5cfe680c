import pytest
from django.core.exceptions import ValidationError

from icc.activities.models import RegistrationStatus
from icc.activities.services.registrations import registration_cancel, registration_create
from tests.activities.helpers import make_contact, make_event

pytestmark = pytest.mark.django_db


def test_a_registration_beyond_capacity_goes_to_the_waiting_list_and_gets_a_freed_place(alice):
    event = make_event(capacity=2)
    first, second, third = (make_contact(name) for name in ("Ana Costa", "Ben Weiss", "Chloé Martin"))
    r1 = registration_create(actor=alice, event=event, contact=first)
    registration_create(actor=alice, event=event, contact=second)
    r3 = registration_create(actor=alice, event=event, contact=third)
    assert r1.status == RegistrationStatus.REGISTERED
    assert r3.status == RegistrationStatus.WAITING

    promoted = registration_cancel(registration=r1, actor=alice)

    r3.refresh_from_db()
    assert promoted == [r3]
    assert r3.status == RegistrationStatus.REGISTERED


def test_places_per_city_send_a_third_delegate_to_the_waiting_list(alice, lyon, porto):
    event = make_event(places_per_city=2)
    statuses = [
        registration_create(actor=alice, event=event, contact=make_contact(name, city=lyon)).status
        for name in ("Ana Costa", "Ben Weiss", "Chloé Martin")
    ]
    porto_delegate = registration_create(
        actor=alice, event=event, contact=make_contact("Duarte Silva", city=porto)
    )
    assert statuses == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING,
    ]
    assert porto_delegate.status == RegistrationStatus.REGISTERED


def test_nobody_registers_twice(alice):
    event = make_event()
    contact = make_contact()
    registration_create(actor=alice, event=event, contact=contact)
    with pytest.raises(ValidationError) as refused:
        registration_create(actor=alice, event=event, contact=contact)
    assert "contact" in refused.value.message_dict


def test_an_event_ending_before_it_starts_is_refused_on_its_end():
    with pytest.raises(ValidationError) as refused:
        make_event(ends_at=make_event().starts_at.replace(year=2025))
    assert "ends_at" in refused.value.message_dict
