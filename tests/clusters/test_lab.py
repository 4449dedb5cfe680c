"""The policy lab: the public call and its application form, scoring, ranking, decisions, the cohort page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from icc.activities.models import Contact, Event, EventKind, Registration
from icc.clusters.models import LabApplication, LabCall, LabMember, LabSession, PolicyLab
from icc.clusters.services import lab as services
from icc.notifications.models import Notification
from tests.conftest import client_for

TODAY = timezone.localdate()

FORM = {
    "full_name": "Amira Haddad",
    "email": "Amira@Example.org",
    "organisation": "Ministry of the Interior",
    "organisation_type": "national",
    "country": "FR",
    "gender": "woman",
    "motivation": "Ten years of integration policy at national level.",
    "consent": "on",
}


@pytest.fixture
def lab(db):
    return PolicyLab.objects.create(title_en="Policy lab 2025-2026", first_year=2025, last_year=2026)


@pytest.fixture
def call(lab):
    return LabCall.objects.create(
        lab=lab,
        title_en="Join the policy lab",
        title_fr="Rejoindre le laboratoire",
        opens_on=TODAY - datetime.timedelta(days=10),
        closes_on=TODAY + datetime.timedelta(days=10),
    )


def _apply(call, **changes):
    data = {**FORM, **changes}
    data.pop("consent")
    return services.application_submit(call=call, consent=True, **data)


def test_anyone_applies_on_the_public_page_without_an_account_and_the_secretariat_is_told(call, alice):
    page = client_for(None).get(f"/clusters/lab/calls/{call.pk}/")
    assert page.status_code == 200 and "Send my application" in page.content.decode()
    done = client_for(None).post(f"/clusters/lab/calls/{call.pk}/", FORM)
    assert done.status_code == 200 and "Application received" in done.content.decode()
    application = LabApplication.objects.get(call=call)
    assert application.email == "amira@example.org" and application.status == "submitted"
    assert Notification.objects.filter(recipient=alice, kind="lab_application_received").exists()


def test_an_application_without_consent_or_twice_is_refused_naming_the_field(call):
    page = client_for(None).post(f"/clusters/lab/calls/{call.pk}/", {**FORM, "consent": ""})
    assert page.status_code == 400
    assert "Tick the box to agree" in page.content.decode()
    _apply(call)
    again = client_for(None).post(f"/clusters/lab/calls/{call.pk}/", FORM)
    assert "already received for this call" in again.content.decode()
    assert LabApplication.objects.count() == 1


def test_a_closed_call_takes_no_application(call):
    call.closes_on = TODAY - datetime.timedelta(days=1)
    call.save()
    assert "This call is closed" in client_for(None).get(f"/clusters/lab/calls/{call.pk}/").content.decode()
    with pytest.raises(ValidationError, match="not taken today"):
        _apply(call)


def test_scores_are_checked_against_each_criterion_maximum(call, alice):
    application = _apply(call)
    with pytest.raises(ValidationError) as error:
        services.application_score(application=application, scores={"motivation": 9}, by=alice)
    assert "score_motivation" in error.value.message_dict
    assert not application.scores.exists()


def test_applications_are_ranked_by_weighted_total_once_scored_on_every_criterion(call, alice):
    strong = _apply(call, full_name="Strong", email="s@example.org")
    weak = _apply(call, full_name="Weak", email="w@example.org")
    half = _apply(call, full_name="Half scored", email="h@example.org")
    full = {"motivation": 5, "policy_role": 5, "experience": 5, "cohort_balance": 5}
    services.application_score(application=strong, scores=full, by=alice)
    services.application_score(application=weak, scores={k: 1 for k in full}, by=alice)
    services.application_score(application=half, scores={"motivation": 5}, by=alice)
    page = client_for(alice).get(f"/clusters/lab/calls/{call.pk}/applications/")
    rows = page.context["rows"]
    assert [(r.application.full_name, r.rank, r.total.value) for r in rows] == [
        ("Strong", 1, 100.0),
        ("Weak", 2, 20.0),
        ("Half scored", None, None),
    ]
    assert "1 of 4 scored" in page.content.decode()


def test_accepting_makes_the_applicant_a_contact_and_member_declining_needs_a_reason(call, lab, alice):
    yes = _apply(call)
    no = _apply(call, full_name="Jon Berg", email="jon@example.org", gender="man")
    page = client_for(alice).post(
        f"/clusters/lab/applications/{no.pk}/",
        {"action": "decide", "status": "declined", "decision_reason": ""},
    )
    assert page.status_code == 400
    client_for(alice).post(
        f"/clusters/lab/applications/{yes.pk}/",
        {"action": "decide", "status": "accepted", "decision_reason": "Strong national perspective."},
    )
    yes.refresh_from_db()
    assert yes.status == "accepted" and yes.contact is not None
    member = LabMember.objects.get(lab=lab)
    assert member.contact.full_name == "Amira Haddad" and member.contact.gender == "woman"
    assert member.organisation_type == "national"
    assert Contact.objects.filter(email="amira@example.org").count() == 1
    with pytest.raises(ValidationError, match="already"):
        services.application_decide(application=yes, status="declined", decision_reason="No.", by=alice)


def test_the_cohort_page_shows_attendance_continuity_and_gender_balance(lab, alice):
    kind = EventKind.objects.get(key="policy_lab_session")
    members = []
    for i in range(10):
        contact = Contact.objects.create(full_name=f"Member {i}", gender="woman" if i % 2 else "man")
        members.append(
            LabMember.objects.create(
                lab=lab, contact=contact, organisation_type="ngo", joined_on=datetime.date(2025, 1, 1)
            )
        )
    for month in (3, 10):
        event = Event.objects.create(
            kind=kind,
            title_en=f"Session {month}",
            starts_at=datetime.datetime(2025, month, 5, 9, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2025, month, 5, 17, tzinfo=datetime.UTC),
        )
        LabSession.objects.create(lab=lab, event=event)
        for i, member in enumerate(members):
            Registration.objects.create(
                event=event, contact=member.contact, attended=not (month == 10 and i < 3)
            )
    page = client_for(alice).get(f"/clusters/lab/{lab.pk}/")
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures.continuity.share == 85.0  # 17 of 20 expected attendances
    assert figures.continuity.every_session == 7
    assert figures.balance.women_share == 50.0
    text = page.content.decode()
    assert "85.0 % of the expected attendances happened (17 of 20)" in text
    assert "7 members attended every session" in text


def test_only_the_secretariat_reads_the_cohort_and_the_applications(call, lab, bob, grace):
    application = _apply(call)
    for person in (bob, grace):
        assert client_for(person).get(f"/clusters/lab/{lab.pk}/").status_code == 403
        assert client_for(person).get(f"/clusters/lab/applications/{application.pk}/").status_code == 403


def test_the_applicant_reads_the_decision_and_its_reason_by_email_in_their_language(
    call, alice, mailoutbox, django_capture_on_commit_callbacks
):
    application = _apply(call, language="fr")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application, status="declined", decision_reason="Places prises.", by=alice
        )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["amira@example.org"]
    assert message.subject == "Votre candidature au laboratoire politique : Rejoindre le laboratoire"
    assert "n'a pas été retenue" in message.body and "Places prises." in message.body
