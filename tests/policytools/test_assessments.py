"""A city fills in a checklist (several people, autosave), its coordinator completes it, the profile shows
scores, gaps, suggested practices and the progress since the previous one; the history and the notices."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from icc.notifications.models import Notification, NotificationKind
from icc.policytools import selectors, services
from icc.policytools.models import Assessment, AssessmentStatus, Checklist
from tests.conftest import client_for
from tests.policytools.helpers import all_answers, fill, housing, question_ids
from tests.practices.helpers import published_practice


def test_starting_tells_the_other_people_of_the_city_and_a_second_start_returns_the_same(bob, carol):
    first = services.assessment_start(city=bob.roles.first().city, checklist=housing(), by=bob)
    again = services.assessment_start(city=first.city, checklist=housing(), by=carol)
    assert first.pk == again.pk
    notices = Notification.objects.filter(kind=NotificationKind.CHECKLIST_ASSIGNED)
    assert [n.recipient for n in notices] == [carol]
    assert "Housing 2026" in notices[0].title


def test_two_people_of_the_city_answer_with_autosave_and_refusals_name_the_question(lyon, bob, carol):
    assessment = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    url = f"/policy-tools/assessments/{assessment.pk}/answer/"
    first, second = question_ids(housing())[:2]
    answer = client_for(bob).post(url, {"question": first, "points": "2"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and b"Saved." in answer.content
    client_for(carol).post(url, {"question": second, "points": "3"}, HTTP_HX_REQUEST="true")
    assessment.refresh_from_db()
    assert assessment.answers == {first: 2, second: 3}
    refused = client_for(carol).post(url, {"question": first, "points": "9"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and b"Choose one of the grades (0, 1, 2, 3)." in refused.content
    history = selectors.assessment_history(assessment)
    assert {entry.reason for entry in history} >= {"answer saved", "self-assessment started"}


def test_completing_needs_every_answer_and_the_coordinator(lyon, bob, carol):
    assessment = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    with pytest.raises(ValidationError, match=r"Answer every question before completing: 11 left\."):
        services.assessment_complete(assessment=assessment, by=bob)
    fill(assessment, all_answers(housing()))
    assert client_for(carol).post(f"/policy-tools/assessments/{assessment.pk}/complete/").status_code == 403


def test_the_completed_profile_shows_scores_gaps_and_practices_and_tells_the_city(
    lyon, alice, bob, carol, django_capture_on_commit_callbacks
):
    practice = published_practice(bob, alice, lyon, questions=["neighbourhoods.housing_mix"])
    assessment = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    fill(assessment, all_answers(housing(), housing__allocation__mixed_allocation=0))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bob).post(f"/policy-tools/assessments/{assessment.pk}/complete/", follow=True)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert assessment.overall == pytest.approx(84.2, abs=0.1)  # 48 of 57 weighted points
    assert assessment.gender_score == 100.0
    page = response.content.decode()
    assert "Social housing allocation rules aim at diverse neighbourhoods" in page
    assert practice.title in page
    assert {n.recipient for n in Notification.objects.filter(kind=NotificationKind.CHECKLIST_COMPLETED)} == {
        bob,
        carol,
    }
    assert any("84.2" in message.body for message in mail.outbox)
    assert selectors.first_completed_assessment_on() == timezone.localdate(assessment.completed_at)


def test_repeating_shows_the_change_per_section(lyon, bob):
    first = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    fill(first, all_answers(housing(), points=1))
    services.assessment_complete(assessment=first, by=bob)
    second = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    assert second.pk != first.pk
    fill(second, all_answers(housing(), points=3))
    services.assessment_complete(assessment=second, by=bob)
    previous, changes = selectors.progress_of(second)
    assert previous == first
    assert {c.change for c in changes} == {66.7}
    page = client_for(bob).get(f"/policy-tools/assessments/{second.pk}/").content.decode()
    assert "+66.7" in page and "Compared with the self-assessment completed on" in page


def test_a_completed_assessment_takes_no_more_answers(lyon, bob):
    assessment = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    fill(assessment, all_answers(housing()))
    services.assessment_complete(assessment=assessment, by=bob)
    with pytest.raises(ValidationError, match="start a new one"):
        services.assessment_answer(
            assessment=assessment, question_id=question_ids(housing())[0], points=1, by=bob
        )


def test_nobody_outside_the_city_knows_the_assessment_and_the_needs_you_item(lyon, bob, dave):
    from icc.core.attention import attention_for

    assessment = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    assert client_for(dave).get(f"/policy-tools/assessments/{assessment.pk}/").status_code == 404
    items = [i for i in attention_for(bob) if i.key == "policytools.in_progress"]
    assert items and items[0].count == 1
    assert not [i for i in attention_for(dave) if i.key == "policytools.in_progress"]
    assert Assessment.objects.count() == 1


def test_the_secretariat_overview_and_its_exports(lyon, alice, bob):
    assessment = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    fill(assessment, all_answers(housing(), points=2))
    services.assessment_complete(assessment=assessment, by=bob)
    page = client_for(alice).get("/policy-tools/overview/").content.decode()
    assert "Lyon" in page and "66.7" in page
    csv = client_for(alice).get("/policy-tools/overview.csv").content.decode("utf-8-sig")
    assert "Lyon,Housing 2026,Housing,Completed" in csv
    xlsx = client_for(alice).get("/policy-tools/overview.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_pages_read_in_french(lyon, bob):
    assessment = services.assessment_start(city=lyon, checklist=housing(), by=bob)
    client = client_for(bob)
    client.cookies["django_language"] = "fr"
    page = client.get(f"/policy-tools/assessments/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "Les règles d'attribution du logement social" in text or "Les règles d&#x27;attribution" in text
    assert "Pas en place" in text


def test_the_overview_reads_a_fixed_number_of_queries(
    lyon, porto, alice, bob, dave, django_assert_max_num_queries
):
    # The page frame (session, person, roles, navigation) and one query for the rows, however many.
    client = client_for(alice)
    services.assessment_start(city=lyon, checklist=housing(), by=bob)
    with django_assert_max_num_queries(13):
        assert client.get("/policy-tools/overview/").status_code == 200
    services.assessment_start(city=porto, checklist=housing(), by=dave)
    services.assessment_start(city=lyon, checklist=Checklist.objects.get(key="education-2026"), by=bob)
    with django_assert_max_num_queries(13):
        assert client.get("/policy-tools/overview/").status_code == 200
