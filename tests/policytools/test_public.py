"""The public diversity-advantage self-assessment: answers kept in the session only, the result and its
recommendations, saving with an e-mail address and consent, the private link, erasure, the abuse guard."""

import pytest
from django.core import mail

from icc.policytools import checklist_format
from icc.policytools.models import BusinessAssessment, Checklist
from tests.conftest import client_for

URL = "/en/policy-tools/diversity-advantage/"


def _answers(points: int = 1) -> dict[str, str]:
    checklist = Checklist.objects.get(key="diversity-advantage-2026")
    return {q["id"]: str(points) for q in checklist_format.questions_of(checklist.document)}


def test_a_business_answers_without_an_account_and_nothing_is_stored(db):
    client = client_for(None)
    assert "Your people" in client.get(URL).content.decode()
    result = client.post(URL, _answers(1), follow=True)
    page = result.content.decode()
    assert "Your diversity-advantage result" in page
    assert "33.3 %" in page  # every answer 1 of 3
    assert "Use anonymised applications or structured interviews" in page
    assert BusinessAssessment.objects.count() == 0


def test_a_missing_answer_is_named(db):
    answers = _answers(2)
    del answers["diversity.people.recruitment"]
    page = client_for(None).post(URL, answers).content.decode()
    assert "Choose one answer for this question." in page
    assert BusinessAssessment.objects.count() == 0


def test_saving_needs_consent_then_sends_the_private_link_and_erasing_removes_everything(
    db, django_capture_on_commit_callbacks
):
    client = client_for(None)
    client.post(URL, _answers(3))
    refused = client.post(URL + "result/", {"email": "owner@example.org"})
    assert "Tick the box to agree" in refused.content.decode()
    assert BusinessAssessment.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            URL + "result/",
            {"email": "owner@example.org", "consent": "on", "organisation": "Bakery"},
            follow=True,
        )
    result = BusinessAssessment.objects.get()
    assert result.consent_at is not None and result.overall == 100.0
    assert mail.outbox[-1].to == ["owner@example.org"]
    assert f"/en/policy-tools/diversity-advantage/saved/{result.token}/" in mail.outbox[-1].body
    assert "Your result is saved" in saved.content.decode()
    assert client_for(None).get(f"{URL}saved/{result.token}/").status_code == 200
    assert client_for(None).get(f"{URL}saved/not-the-token/").status_code == 404
    client_for(None).post(f"{URL}saved/{result.token}/erase/")
    assert BusinessAssessment.objects.count() == 0
    assert BusinessAssessment.history.count() == 0
    assert client_for(None).get(f"{URL}saved/{result.token}/").status_code == 404


def test_a_robot_filling_the_hidden_field_gets_nothing(db):
    client = client_for(None)
    response = client.post(URL, {**_answers(2), "website": "http://spam.example"})
    assert response.status_code == 302 and response["Location"] == URL
    assert client.get(URL + "result/").status_code == 302  # no result kept


@pytest.mark.cache
def test_too_many_submissions_from_one_address_are_refused(db, settings):
    settings.PUBLIC_FORM_RATE = "2/hour"
    client = client_for(None)
    assert client.post(URL, _answers()).status_code == 302
    assert client.post(URL, _answers()).status_code == 302
    refused = client.post(URL, _answers())
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"


def test_the_tool_reads_in_french(db):
    page = client_for(None).get("/fr/policy-tools/diversity-advantage/").content.decode()
    assert "Vos équipes" in page and "Nous commençons" in page
