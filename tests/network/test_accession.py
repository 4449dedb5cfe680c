import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from icc.core.history import reason_display
from icc.network.models import ACCESSION_ORDER, AccessionDocument, AccessionStep, City, CityStatus
from icc.network.selectors.access import network_settings
from icc.network.selectors.pipeline import pipeline_board
from icc.network.services.accession import accession_record_step, accession_undo_last_step
from tests.conftest import client_for
from tests.factories import AccessionStepFactory, CityFactory

TODAY = timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def pdf(name: str = "report.pdf", size: int = 0) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n" + b"0" * max(size - 9, 10)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name: str = "agreement.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def newcity(db) -> City:
    return CityFactory(
        name_en="Tampere", slug="tampere", country="FI", status=CityStatus.ENQUIRY, status_since=days_ago(400)
    )


def record_up_to(city: City, by, last: str, start: int = 200) -> None:
    for offset, step in enumerate(ACCESSION_ORDER[: ACCESSION_ORDER.index(last) + 1]):
        accession_record_step(city=city, step=step, date=days_ago(start - 10 * offset), by=by)


# The service


def test_it_takes_a_city_from_enquiry_to_membership(alice, newcity):
    accession_record_step(city=newcity, step="application_received", date=days_ago(90), by=alice)
    newcity.refresh_from_db()
    assert newcity.status == CityStatus.CANDIDATE
    assert newcity.status_since == days_ago(90)
    for offset, step in enumerate(ACCESSION_ORDER[1:-1], start=1):
        accession_record_step(city=newcity, step=step, date=days_ago(90 - 10 * offset), by=alice, note=step)
    accession_record_step(city=newcity, step="member", date=days_ago(5), by=alice)

    newcity.refresh_from_db()
    assert newcity.status == CityStatus.MEMBER
    assert newcity.member_since == newcity.status_since == days_ago(5)
    assert list(newcity.accession_steps.order_by("date").values_list("step", flat=True)) == ACCESSION_ORDER
    assert all(step.recorded_by == alice for step in newcity.accession_steps.all())
    reasons = [reason_display(r.history_change_reason) for r in newcity.history.all()]
    assert "accession: member" in reasons and "accession: application received" in reasons
    assert newcity.history.first().history_user == alice


def test_it_moves_a_withdrawn_city_back_to_candidate_on_a_new_application(alice):
    city = CityFactory(status=CityStatus.WITHDRAWN, member_since=None)
    accession_record_step(city=city, step="application_received", date=TODAY, by=alice)
    city.refresh_from_db()
    assert city.status == CityStatus.CANDIDATE


def test_it_refuses_a_step_out_of_order_and_writes_nothing(alice, newcity):
    history_before = newcity.history.count()
    with pytest.raises(ValidationError) as exc:
        accession_record_step(city=newcity, step="report_issued", date=TODAY, by=alice)
    message = " ".join(exc.value.message_dict["step"])
    assert "“Analytical report issued” cannot be recorded yet" in message
    assert "“Application received” must come first" in message
    assert not AccessionStep.objects.exists()
    newcity.refresh_from_db()
    assert newcity.status == CityStatus.ENQUIRY
    assert newcity.history.count() == history_before


def test_it_names_the_missing_step_in_the_middle_of_the_path(alice, newcity):
    record_up_to(newcity, alice, "report_issued")
    with pytest.raises(ValidationError) as exc:
        accession_record_step(city=newcity, step="profile_issued", date=TODAY, by=alice)
    assert "“Expert visit held” must come first" in " ".join(exc.value.message_dict["step"])
    assert newcity.accession_steps.count() == 3


def test_it_refuses_a_step_recorded_twice(alice, newcity):
    record_up_to(newcity, alice, "application_received")
    with pytest.raises(ValidationError) as exc:
        accession_record_step(city=newcity, step="application_received", date=TODAY, by=alice)
    assert "already recorded" in " ".join(exc.value.message_dict["step"])


def test_it_refuses_steps_for_a_member_city(alice, lyon):
    with pytest.raises(ValidationError) as exc:
        accession_record_step(city=lyon, step="application_received", date=TODAY, by=alice)
    assert "enquiries and candidates" in " ".join(exc.value.message_dict["step"])
    assert not AccessionStep.objects.exists()


def test_it_refuses_a_date_in_the_future(alice, newcity):
    with pytest.raises(ValidationError) as exc:
        accession_record_step(
            city=newcity, step="application_received", date=TODAY + datetime.timedelta(days=1), by=alice
        )
    assert "in the future" in " ".join(exc.value.message_dict["date"])
    assert not AccessionStep.objects.exists()


def test_it_refuses_a_date_before_the_previous_step(alice, newcity):
    accession_record_step(city=newcity, step="application_received", date=days_ago(10), by=alice)
    with pytest.raises(ValidationError) as exc:
        accession_record_step(city=newcity, step="index_submitted", date=days_ago(11), by=alice)
    assert "before the previous step, “Application received”" in " ".join(exc.value.message_dict["date"])
    assert newcity.accession_steps.count() == 1


def test_an_ineligible_city_becomes_a_member_only_with_a_justification(alice):
    city = CityFactory(status=CityStatus.ENQUIRY, member_since=None, population=12_000)
    record_up_to(city, alice, "agreement_signed")
    with pytest.raises(ValidationError) as exc:
        accession_record_step(city=city, step="member", date=TODAY, by=alice)
    message = " ".join(exc.value.message_dict["justification"])
    assert "below the minimum of 30,000 inhabitants" in message
    assert "Give the justification" in message
    city.refresh_from_db()
    assert city.status == CityStatus.CANDIDATE

    accession_record_step(
        city=city, step="member", date=TODAY, by=alice, justification="Regional hub for a large rural area."
    )
    city.refresh_from_db()
    assert city.status == CityStatus.MEMBER
    assert city.eligibility_justification == "Regional hub for a large rural area."


def test_admitting_above_the_quarterly_cap_needs_a_confirmation(alice, newcity):
    record_up_to(newcity, alice, "agreement_signed", start=100)
    settings_row = network_settings()
    settings_row.admissions_per_quarter_cap = 1
    settings_row.save()
    CityFactory(status=CityStatus.MEMBER, member_since=TODAY)

    with pytest.raises(ValidationError) as exc:
        accession_record_step(city=newcity, step="member", date=TODAY, by=alice)
    message = " ".join(exc.value.message_dict["confirm_over_cap"])
    assert "would make 2 admissions" in message and "cap of 1 per quarter" in message
    assert not newcity.accession_steps.filter(step="member").exists()

    accession_record_step(city=newcity, step="member", date=TODAY, by=alice, confirm_over_cap=True)
    newcity.refresh_from_db()
    assert newcity.status == CityStatus.MEMBER
    assert "over the cap" in reason_display(newcity.history.first().history_change_reason)


def test_documents_are_stored_under_a_safe_name(alice, newcity, settings):
    step = accession_record_step(
        city=newcity,
        step="application_received",
        date=TODAY,
        by=alice,
        documents=[("Letter of intent", pdf("../../Letter of intent (signed).PDF")), ("Annex", docx())],
    )
    names = sorted(Path(d.file.name).name for d in step.documents.all())
    assert names == ["Letter_of_intent_signed.pdf", "agreement.docx"]
    assert all(d.file.name.startswith(f"accession/{newcity.pk}/") for d in step.documents.all())
    assert len(stored_files(settings)) == 2


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_written(alice, newcity, settings):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as exc:
        accession_record_step(
            city=newcity,
            step="application_received",
            date=TODAY,
            by=alice,
            documents=[("Small", pdf("small.pdf")), ("Big", pdf("big.pdf", size=2 * 1024 * 1024))],
        )
    assert "the limit is 1 MB" in " ".join(exc.value.message_dict["documents"])
    assert not AccessionStep.objects.exists()
    assert not AccessionDocument.objects.exists()
    assert stored_files(settings) == []
    newcity.refresh_from_db()
    assert newcity.status == CityStatus.ENQUIRY


@pytest.mark.parametrize(
    ("upload", "fragment"),
    [
        (SimpleUploadedFile("tool.exe", b"MZ\x90\x00binary"), "not an accepted kind of file"),
        (SimpleUploadedFile("report.pdf", b"MZ\x90\x00binary"), "does not contain what its extension says"),
        (SimpleUploadedFile("profile.docx", b"PK\x03\x04not really a zip"), "does not contain"),
        (SimpleUploadedFile("empty.pdf", b""), "is empty"),
    ],
)
def test_a_forbidden_file_is_refused_and_nothing_is_written(alice, newcity, settings, upload, fragment):
    with pytest.raises(ValidationError) as exc:
        accession_record_step(
            city=newcity, step="application_received", date=TODAY, by=alice, documents=[("File", upload)]
        )
    assert fragment in " ".join(exc.value.message_dict["documents"])
    assert not AccessionStep.objects.exists()
    assert stored_files(settings) == []


def test_a_document_needs_a_title(alice, newcity):
    with pytest.raises(ValidationError) as exc:
        accession_record_step(
            city=newcity, step="application_received", date=TODAY, by=alice, documents=[(" ", pdf())]
        )
    assert "give each document a title" in " ".join(exc.value.message_dict["documents"])


def test_undoing_membership_makes_the_city_a_candidate_again(
    alice, newcity, settings, django_capture_on_commit_callbacks
):
    record_up_to(newcity, alice, "agreement_signed", start=100)
    accession_record_step(
        city=newcity, step="member", date=TODAY, by=alice, documents=[("Decision", pdf("decision.pdf"))]
    )
    assert len(stored_files(settings)) == 1

    with pytest.raises(ValidationError) as exc:
        accession_undo_last_step(city=newcity, by=alice, reason="  ")
    assert "Give the reason" in " ".join(exc.value.message_dict["reason"])

    with django_capture_on_commit_callbacks(execute=True):
        accession_undo_last_step(city=newcity, by=alice, reason="Recorded for the wrong city")
    newcity.refresh_from_db()
    assert newcity.status == CityStatus.CANDIDATE
    assert newcity.member_since is None
    assert newcity.status_since == days_ago(100)
    assert not newcity.accession_steps.filter(step="member").exists()
    removal = AccessionStep.history.filter(city_id=newcity.pk, history_type="-").get()
    assert removal.history_user == alice
    assert "Recorded for the wrong city" in removal.history_change_reason
    assert "Recorded for the wrong city" in newcity.history.first().history_change_reason
    assert stored_files(settings) == []


def test_undoing_the_application_makes_the_city_an_enquiry_again(alice, newcity):
    record_up_to(newcity, alice, "application_received")
    accession_undo_last_step(city=newcity, by=alice, reason="Duplicate letter")
    newcity.refresh_from_db()
    assert newcity.status == CityStatus.ENQUIRY
    assert newcity.status_since == days_ago(400)


def test_there_is_nothing_to_undo_without_steps(alice, newcity):
    with pytest.raises(ValidationError) as exc:
        accession_undo_last_step(city=newcity, by=alice, reason="Oops")
    assert "nothing to undo" in " ".join(exc.value.message_dict["step"])


# The pipeline board


def test_the_pipeline_groups_candidates_by_their_last_step(alice, newcity, lyon, bergamo):
    porto_like = CityFactory(status=CityStatus.ENQUIRY, member_since=None, is_capital=True, country="MT")
    record_up_to(newcity, alice, "index_submitted", start=30)  # index submitted 20 days ago
    AccessionStepFactory(city=bergamo, step="application_received", date=days_ago(50))
    AccessionStepFactory(city=bergamo, step="index_submitted", date=days_ago(40))
    board = pipeline_board(today=TODAY)
    columns = {column.state: column for column in board.columns}
    assert board.columns[0].state == "not_started"
    assert "member" not in columns
    index_column = columns["index_submitted"]
    assert [e.city.name for e in index_column.entries] == ["Bergamo", "Tampere"]
    assert index_column.count == 2
    assert index_column.median_days == 30
    assert index_column.max_days == 40
    waiting = columns["not_started"].entries
    assert [e.city for e in waiting] == [porto_like]
    assert waiting[0].capital and waiting[0].underrepresented
    assert lyon not in [e.city for c in board.columns for e in c.entries]


def test_the_pipeline_reads_in_a_fixed_number_of_queries(alice, django_assert_num_queries):
    for _ in range(5):
        city = CityFactory(status=CityStatus.CANDIDATE, member_since=None)
        AccessionStepFactory(city=city, step="application_received", date=days_ago(3))
    network_settings()
    with django_assert_num_queries(4):  # settings, cities, steps, members per country
        pipeline_board()


# Pages


def test_the_pipeline_page_shows_the_board_to_the_secretariat(as_alice, newcity, bergamo):
    record_up_to(newcity, None, "application_received", start=12)
    response = as_alice.get("/manage/accession/")
    assert response.status_code == 200
    text = response.text
    assert "Accession pipeline" in text
    assert "Tampere" in text and "Bergamo" in text
    assert "12 days since" in text
    assert f"/manage/cities/{newcity.slug}/accession/" in text


def test_only_the_secretariat_sees_the_pipeline(bob, erin):
    assert client_for(bob).get("/manage/accession/").status_code == 403
    assert client_for(erin).get("/manage/accession/").status_code == 403


def test_the_record_page_offers_only_the_next_step(as_alice, newcity):
    record_up_to(newcity, None, "report_issued", start=40)
    response = as_alice.get(f"/manage/cities/{newcity.slug}/accession/")
    assert response.status_code == 200
    assert "Record the next step: Expert visit held" in response.text
    assert 'value="expert_visit_held"' in response.text
    assert "Undo the last step" in response.text


def test_a_step_and_its_documents_are_recorded_through_the_form(as_alice, alice, newcity):
    response = as_alice.post(
        f"/manage/cities/{newcity.slug}/accession/",
        {
            "expected_step": "application_received",
            "date": days_ago(2).isoformat(),
            "note": "Letter from the mayor",
            "doc_title_1": "Letter",
            "doc_file_1": pdf("letter.pdf"),
            "record": "",
        },
    )
    assert response.status_code == 302
    step = newcity.accession_steps.get()
    assert step.note == "Letter from the mayor"
    assert step.documents.get().title == "Letter"
    page = as_alice.get(f"/manage/cities/{newcity.slug}/")
    assert "Application received" in page.text and "Letter" in page.text


def test_the_form_shows_a_refused_file_and_writes_nothing(as_alice, newcity, settings):
    response = as_alice.post(
        f"/manage/cities/{newcity.slug}/accession/",
        {
            "expected_step": "application_received",
            "date": TODAY.isoformat(),
            "doc_title_1": "Tool",
            "doc_file_1": SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
        },
    )
    assert response.status_code == 200
    assert "not an accepted kind of file" in response.text
    assert not AccessionStep.objects.exists()
    assert stored_files(settings) == []


def test_the_form_refuses_a_stale_step_with_the_reason(as_alice, newcity):
    record_up_to(newcity, None, "application_received", start=5)
    response = as_alice.post(
        f"/manage/cities/{newcity.slug}/accession/",
        {"expected_step": "report_issued", "date": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert "“Index questionnaire submitted” must come first" in response.text
    assert newcity.accession_steps.count() == 1


def test_the_member_form_asks_for_a_justification_with_the_exact_rule(as_alice, alice):
    city = CityFactory(status=CityStatus.ENQUIRY, member_since=None, population=12_000)
    record_up_to(city, alice, "agreement_signed", start=50)
    page = as_alice.get(f"/manage/cities/{city.slug}/accession/")
    assert "Population 12,000 is below the minimum of 30,000 inhabitants." in page.text
    assert 'name="justification"' in page.text
    response = as_alice.post(
        f"/manage/cities/{city.slug}/accession/", {"expected_step": "member", "date": TODAY.isoformat()}
    )
    assert response.status_code == 200
    assert "Give the justification for admitting it anyway." in response.text
    response = as_alice.post(
        f"/manage/cities/{city.slug}/accession/",
        {"expected_step": "member", "date": TODAY.isoformat(), "justification": "Strategic border city"},
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.status == CityStatus.MEMBER


def test_the_member_form_warns_about_the_cap_and_asks_for_confirmation(as_alice, alice, newcity):
    record_up_to(newcity, alice, "agreement_signed", start=50)
    settings_row = network_settings()
    settings_row.admissions_per_quarter_cap = 1
    settings_row.save()
    CityFactory(status=CityStatus.MEMBER, member_since=TODAY)
    page = as_alice.get(f"/manage/cities/{newcity.slug}/accession/")
    assert "the cap is 1 per quarter" in page.text
    assert 'name="confirm_over_cap"' in page.text
    data = {"expected_step": "member", "date": TODAY.isoformat()}
    response = as_alice.post(f"/manage/cities/{newcity.slug}/accession/", data)
    assert "Tick the confirmation to admit it anyway" in response.text
    response = as_alice.post(f"/manage/cities/{newcity.slug}/accession/", {**data, "confirm_over_cap": "on"})
    assert response.status_code == 302
    newcity.refresh_from_db()
    assert newcity.status == CityStatus.MEMBER


def test_the_undo_form_removes_the_last_step(as_alice, newcity):
    record_up_to(newcity, None, "index_submitted", start=15)
    response = as_alice.post(f"/manage/cities/{newcity.slug}/accession/", {"undo": "", "undo-reason": ""})
    assert "Give the reason" in response.text
    assert newcity.accession_steps.count() == 2
    response = as_alice.post(
        f"/manage/cities/{newcity.slug}/accession/", {"undo": "", "undo-reason": "Wrong questionnaire"}
    )
    assert response.status_code == 302
    assert list(newcity.accession_steps.values_list("step", flat=True)) == ["application_received"]
    page = as_alice.get(f"/manage/cities/{newcity.slug}/accession/")
    assert "removed" in page.text and "Wrong questionnaire" in page.text


def test_only_the_secretariat_records_steps(bob, lyon, porto):
    assert client_for(bob).get(f"/manage/cities/{lyon.slug}/accession/").status_code == 403
    assert client_for(bob).get(f"/manage/cities/{porto.slug}/accession/").status_code == 404


# Documents


@pytest.fixture
def lyon_document(alice, lyon) -> AccessionDocument:
    step = AccessionStepFactory(city=lyon, step="application_received")
    document = AccessionDocument(step=step, title="Letter of intent", uploaded_by=alice)
    document.file.save("agreement.pdf", pdf("agreement.pdf"))
    return document


@pytest.mark.parametrize(("who", "status"), [("alice", 200), ("bob", 200), ("erin", 200), ("carol", 403)])
def test_who_may_download_an_accession_document(request, lyon_document, who, status):
    user = request.getfixturevalue(who)
    response = client_for(user).get(f"/manage/cities/lyon/accession/documents/{lyon_document.pk}/")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_coordinator_of_another_city_gets_not_found(dave, lyon_document):
    response = client_for(dave).get(f"/manage/cities/lyon/accession/documents/{lyon_document.pk}/")
    assert response.status_code == 404


def test_a_document_is_only_found_under_its_own_city(dave, porto, lyon_document):
    response = client_for(dave).get(f"/manage/cities/porto/accession/documents/{lyon_document.pk}/")
    assert response.status_code == 404


def test_the_city_page_hides_document_links_from_contributors(carol, bob, lyon_document):
    assert "Letter of intent" not in client_for(carol).get("/manage/cities/lyon/").text
    assert "Letter of intent" in client_for(bob).get("/manage/cities/lyon/").text
