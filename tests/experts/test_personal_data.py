"""An expert's personal data: the export holds everything stored about them; erasure on request keeps the
work done, anonymised, and leaves nothing of the person in the record, the pages, the API or the history."""

import datetime
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.experts.models import (
    Assignment,
    AssignmentExpert,
    CallInterest,
    Expert,
    ExpertDocument,
    ExpertLanguage,
    WorkKind,
)
from icc.experts.services.pool import document_add, training_add
from tests.conftest import client_for
from tests.experts.pool_factories import make_expert

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def erin_expert(alice, erin, lyon):
    expert = make_expert(
        alice,
        name="Erin Keller",
        user=erin,
        gender="woman",
        country="CH",
        languages=(("de", "native", True), ("fr", "fluent", True)),
        areas=("education",),
        themes=("media",),
        countries_known=("CH", "FR"),
        email="erin.keller@example.org",
        phone="+41 22 000 00 00",
        biography="Urban sociologist in Geneva.",
    )
    training_add(
        expert=expert, session="Induction", held_on=datetime.date(2026, 3, 14), attended=True, by=alice
    )
    document_add(expert=expert, file=SimpleUploadedFile("cv.pdf", PDF), kind="cv", by=alice)
    assignment = Assignment.objects.create(
        kind=WorkKind.objects.get(key="first_visit"),
        city=lyon,
        title="First visit to Lyon",
        starts_on=datetime.date(2026, 5, 4),
        ends_on=datetime.date(2026, 5, 6),
    )
    AssignmentExpert.objects.create(
        assignment=assignment,
        expert=expert,
        lead=True,
        conflict_declared_at=datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC),
        conflict_statement="I taught at the University of Lyon in 2019.",
    )
    CallInterest.objects.create(
        assignment=assignment, expert=expert, note="Free that week; my sister lives there."
    )
    return expert


def test_the_export_holds_everything_stored_about_the_expert(alice, erin, erin_expert):
    for person in (alice, erin):
        response = client_for(person).get(f"/experts/{erin_expert.pk}/personal-data.json")
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)
        assert data["expert"]["full_name"] == "Erin Keller"
        assert data["expert"]["phone"] == "+41 22 000 00 00"
        assert data["expert"]["user_account"] == "erin@example.org"
        assert {row["language"] for row in data["languages"]} == {"de", "fr"}
        assert data["expertise"] == [
            {"area": "education", "theme": None},
            {"area": None, "theme": "media"},
        ] or {(row["area"], row["theme"]) for row in data["expertise"]} == {
            ("education", None),
            (None, "media"),
        }
        assert data["countries_known"] == ["CH", "FR"]
        assert data["documents"][0]["name"] == "cv.pdf"
        assert data["training"][0]["session"] == "Induction"
        assert data["assignments"][0]["conflict_statement"].startswith("I taught")
        assert data["open_call_answers"][0]["note"].startswith("Free that week")
        assert data["history"] and data["history"][0]["full_name"] == "Erin Keller"


def test_nobody_else_exports_an_experts_data(bob, grace, erin_expert):
    for person in (bob, grace):
        assert client_for(person).get(f"/experts/{erin_expert.pk}/personal-data.json").status_code == 404


def test_erasure_asks_for_confirmation_and_is_the_secretariats(alice, erin, erin_expert):
    assert client_for(erin).get(f"/experts/{erin_expert.pk}/erase/").status_code == 403
    response = client_for(alice).post(f"/experts/{erin_expert.pk}/erase/", {})
    assert response.status_code == 200 and "confirm" in response.context["form"].errors
    assert Expert.objects.get(pk=erin_expert.pk).erased_at is None


def test_erasure_anonymises_the_record_keeps_the_work_and_scrubs_the_history(
    alice, erin, erin_expert, django_capture_on_commit_callbacks
):
    stored = ExpertDocument.objects.get().file.path
    with_history_before = erin_expert.history.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(f"/experts/{erin_expert.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302

    expert = Expert.objects.get(pk=erin_expert.pk)
    assert expert.full_name == f"Erased expert {expert.pk}"
    assert (expert.email, expert.phone, expert.gender, expert.country, expert.biography) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert expert.user is None and expert.erased_at is not None and expert.status == "inactive"
    assert not ExpertLanguage.objects.filter(expert=expert).exists()
    assert (
        not expert.expertise.exists() and not expert.countries_known.exists() and not expert.training.exists()
    )
    assert not ExpertDocument.objects.exists()

    assert not os.path.exists(stored)

    member = AssignmentExpert.objects.get()
    assert member.expert == expert and member.lead and member.conflict_statement == ""
    assert member.assignment.title == "First visit to Lyon"
    assert CallInterest.objects.get().note == ""

    # The history keeps its rows (dates, statuses) without anything about the person.
    assert expert.history.count() == with_history_before + 1
    for row in expert.history.all():
        assert (
            row.full_name == expert.full_name and row.email == "" and row.phone == "" and row.user_id is None
        )
    assert not ExpertLanguage.history.filter(expert_id=expert.pk).exists()
    assert not AssignmentExpert.history.filter(conflict_statement__contains="Lyon").exists()

    # Nothing of her reads back: not the record page, not her own page, not the API.
    page = client_for(alice).get(f"/experts/{expert.pk}/").content.decode()
    assert "Erin Keller" not in page and "Geneva" not in page and "erased on request" in page
    assert "not linked to a record" in client_for(erin).get("/experts/me/").content.decode()
    assert "Erin Keller" not in client_for(alice).get("/experts/").content.decode()
