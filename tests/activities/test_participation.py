import datetime

import pytest
from django.core.exceptions import ValidationError

from icc.activities.models import (
    Audience,
    EventKind,
    EventStatus,
    PersonalDataDeletion,
    ProgrammeStatus,
    Registration,
    RegistrationStatus,
)
from icc.activities.services.events import event_set_status
from icc.activities.services.participation import (
    attendance_mark,
    event_invite_city,
    feedback_give,
    registration_self,
)
from icc.activities.services.privacy import personal_data_delete_due
from icc.activities.services.programme import programme_item_create, programme_item_set_status
from icc.activities.services.registrations import registration_create
from icc.notifications.models import Notification, NotificationKind
from tests.activities.helpers import NOW, make_contact, make_event

pytestmark = pytest.mark.django_db


def _open_event(**fields):
    return make_event(audience=Audience.PUBLIC, **fields)


def test_someone_without_an_account_registers_with_consent(alice):
    event = _open_event()
    with pytest.raises(ValidationError) as refused:
        registration_self(event=event, full_name="Ana Costa", email="ana@example.org", consent=False, now=NOW)
    assert "consent" in refused.value.message_dict
    registration, new = registration_self(
        event=event, full_name="Ana Costa", email="ana@example.org", consent=True, needs="Vegetarian", now=NOW
    )
    assert new
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.contact.consent_given_at == NOW
    assert registration.contact.calendar_token


def test_a_known_e_mail_is_not_a_new_contact(alice):
    first = _open_event()
    second = _open_event(title_en="Second workshop")
    registration_self(event=first, full_name="Ana Costa", email="ana@example.org", consent=True, now=NOW)
    registration, new = registration_self(
        event=second, full_name="Someone Else", email="ANA@example.org", consent=True, now=NOW
    )
    assert not new
    assert registration.contact.full_name == "Ana Costa"


def test_registration_closes_at_its_date():
    event = _open_event(registration_closes_at=NOW - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        registration_self(event=event, full_name="Ana Costa", email="ana@example.org", consent=True, now=NOW)


def test_a_city_is_invited_and_its_coordinator_told(alice, bob, lyon):
    event = make_event(audience=Audience.INVITED)
    told = event_invite_city(actor=alice, event=event, city=lyon)
    assert told.people == [bob]
    assert Notification.objects.filter(recipient=bob, kind=NotificationKind.EVENT_INVITED).exists()


def test_attendance_feedback_and_feedback_opens_when_the_event_is_held(alice, bob):
    event = make_event(starts_at=NOW - datetime.timedelta(days=1), ends_at=NOW - datetime.timedelta(hours=2))
    present = registration_create(actor=alice, event=event, contact=make_contact("Bob Durand", user=bob))
    absent = registration_create(actor=alice, event=event, contact=make_contact("Carl Berg"))
    attendance_mark(actor=alice, registration=present, attended=True, now=NOW)
    attendance_mark(actor=alice, registration=absent, attended=False, now=NOW)
    event_set_status(event=event, actor=alice, status=EventStatus.DONE)
    assert Notification.objects.filter(recipient=bob, kind=NotificationKind.EVENT_FEEDBACK_OPEN).count() == 1
    with pytest.raises(ValidationError):
        feedback_give(actor=None, registration=absent, usefulness=4)
    feedback = feedback_give(
        actor=bob, registration=present, usefulness=5, what_was_new="The anti-rumour kit"
    )
    assert feedback.usefulness == 5
    with pytest.raises(ValidationError):
        feedback_give(actor=bob, registration=present, usefulness=4)


def test_attendance_is_not_marked_before_the_event(alice):
    event = make_event()
    registration = registration_create(actor=alice, event=event, contact=make_contact())
    with pytest.raises(ValidationError):
        attendance_mark(actor=alice, registration=registration, attended=True, now=NOW)


def test_personal_data_is_deleted_on_its_day_with_a_record_and_from_the_history(alice):
    event = make_event(
        starts_at=NOW - datetime.timedelta(days=40),
        ends_at=NOW - datetime.timedelta(days=39),
        personal_data_delete_on=(NOW - datetime.timedelta(days=1)).date(),
    )
    registration = registration_create(
        actor=alice, event=event, contact=make_contact(), needs="Wheelchair access"
    )
    later = make_event(title_en="Later")
    kept = registration_create(actor=alice, event=later, contact=make_contact("Ben Weiss"), needs="Vegan")

    done = personal_data_delete_due(today=NOW.date())

    assert [record.event for record in done] == [event]
    registration.refresh_from_db()
    kept.refresh_from_db()
    assert registration.needs == ""
    assert kept.needs == "Vegan"
    assert not Registration.history.filter(id=registration.pk).exclude(needs="").exists()
    assert PersonalDataDeletion.objects.get(event=event).registrations == 1
    assert personal_data_delete_due(today=NOW.date()) == []


def test_a_programme_item_is_validated_at_a_coordinators_meeting_and_dropped_with_a_reason(alice):
    meeting = make_event(kind_key="coordinators_meeting", title_en="Coordinators' meeting 2026")
    kind = EventKind.objects.get(key="study_visit")
    item = programme_item_create(
        actor=alice, year=2026, title_en="Study visit to Lisbon", kind=kind, objective="know_how"
    )
    with pytest.raises(ValidationError) as refused:
        programme_item_set_status(actor=alice, item=item, status=ProgrammeStatus.VALIDATED, meeting=None)
    assert "meeting" in refused.value.message_dict
    item = programme_item_set_status(
        actor=alice, item=item, status=ProgrammeStatus.VALIDATED, meeting=meeting
    )
    assert item.validated_at == meeting
    with pytest.raises(ValidationError) as no_reason:
        programme_item_set_status(actor=alice, item=item, status=ProgrammeStatus.DROPPED)
    assert "drop_reason" in no_reason.value.message_dict
    item = programme_item_set_status(
        actor=alice, item=item, status=ProgrammeStatus.DROPPED, drop_reason="The host city withdrew"
    )
    assert item.status == ProgrammeStatus.DROPPED
    with pytest.raises(ValidationError):
        programme_item_set_status(actor=alice, item=item, status=ProgrammeStatus.DONE)
