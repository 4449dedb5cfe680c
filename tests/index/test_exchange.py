import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from icc.core.history import reason_display
from icc.index import scoring
from icc.index.models import Answer, ResponseStatus
from icc.index.services import exchange
from icc.index.services.questionnaires import questionnaire_load
from icc.index.services.responses import answer_save, response_submit, section_assign
from tests.conftest import client_for
from tests.factories import ResponseFactory, RoundFactory

FIXED = ["questionnaire", "round", "city", "country", "status", "submitted_at", "validated_at"]
QUESTION_IDS = [
    "commitment.strategy",
    "commitment.budget",
    "commitment.statement",
    "education.mixed_schools",
    "education.activities",
    "education.share_pupils",
    "public_services.recruitment",
    "public_services.services",
    "public_services.staff_count",
    "language.courses",
    "language.media",
    "language.founded",
    "participation.council",
    "participation.consultation",
    "participation.notes",
]


def staged_files() -> list[str]:
    """The workbooks waiting in the default storage (MEDIA_ROOT under tmp_path: tests/conftest.py)."""
    folder = f"staging/{exchange.STAGING_AREA}"
    if not default_storage.exists(folder):
        return []
    return [name for name in default_storage.listdir(folder)[1] if name.endswith(".xlsx")]


def download(client, response) -> openpyxl.Workbook:
    page = client.get(reverse("index:response_xlsx", args=[response.pk]))
    assert page.status_code == 200, page.content[:500]
    assert page["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(page.content))


def rows_by_question(workbook) -> dict[str, int]:
    sheet = workbook["Answers"]
    return {
        sheet.cell(row=n, column=2).value: n
        for n in range(1, sheet.max_row + 1)
        if str(sheet.cell(row=n, column=2).value or "") in QUESTION_IDS
    }


def fill(workbook, question: str, answer=None, explanation=None, links=None) -> int:
    """Write into a question's row as a department would; returns the row number."""
    sheet = workbook["Answers"]
    row = rows_by_question(workbook)[question]
    if answer is not None:
        sheet.cell(row=row, column=6).value = answer
    if explanation is not None:
        sheet.cell(row=row, column=7).value = explanation
    if links is not None:
        sheet.cell(row=row, column=8).value = links
    return row


def as_upload(workbook, name: str = "lyon-answers.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, response, workbook_or_file):
    file = (
        workbook_or_file if isinstance(workbook_or_file, SimpleUploadedFile) else as_upload(workbook_or_file)
    )
    return client.post(reverse("index:response_import", args=[response.pk]), {"file": file})


def review_url(page) -> str:
    assert page.status_code == 302, page.content.decode()[:3000]
    return page["Location"]


# Export of one response ----------------------------------------------------------------------------


def test_it_exports_a_workbook_with_every_question_and_the_saved_answers(bob, carol, lyon_response):
    answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)
    answer_save(response=lyon_response, question="education.activities", value=["a", "c"], by=bob)
    answer_save(
        response=lyon_response,
        question="language.media",
        value="n/a",
        explanation="=no local media",
        links="https://www.lyon.fr/medias\nhttps://example.org/a",
        by=bob,
    )
    workbook = download(client_for(carol), lyon_response)  # a contributor may download it too
    sheet = workbook["Answers"]
    texts = [str(cell.value) for row in sheet.iter_rows(max_row=8) for cell in row if cell.value]
    assert "Lyon" in texts and "Index 2026" in texts
    assert any("icc-example" in text for text in texts)
    rows = rows_by_question(workbook)
    assert list(rows) == QUESTION_IDS  # one row per question, in questionnaire order
    strategy = rows["commitment.strategy"]
    assert sheet.cell(row=strategy, column=1).value == "Commitment"
    assert sheet.cell(row=strategy, column=3).value == "Has the city adopted an intercultural strategy?"
    assert "partly = Partly" in sheet.cell(row=strategy, column=5).value
    assert sheet.cell(row=strategy, column=6).value == "partly"
    assert sheet.cell(row=rows["education.activities"], column=6).value == "a, c"
    media = rows["language.media"]
    assert sheet.cell(row=media, column=6).value == "n/a"
    assert sheet.cell(row=media, column=7).value == "'=no local media"  # never run as a formula
    assert sheet.cell(row=media, column=8).value == "https://www.lyon.fr/medias\nhttps://example.org/a"
    # The question ids are locked, the three answer columns are not; single choices get a drop-down.
    assert sheet.protection.sheet
    assert sheet.cell(row=strategy, column=2).protection.locked
    assert not sheet.cell(row=strategy, column=6).protection.locked
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert any(f"F{strategy}" in str(dv.sqref) and dv.formula1 == '"no,partly,yes"' for dv in lists)
    meta = workbook["meta"]
    assert meta.sheet_state == "hidden"
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True) if row and row[0]}
    assert values["response"] == lyon_response.pk and values["questionnaire"] == "icc-example"


def test_the_workbook_is_written_in_the_readers_language(lyon_response):
    workbook = openpyxl.load_workbook(io.BytesIO(exchange.response_to_xlsx(lyon_response, "fr")))
    sheet = workbook["Answers"]
    row = rows_by_question(workbook)["commitment.strategy"]
    assert sheet.cell(row=row, column=1).value == "Engagement"
    assert "partly = En partie" in sheet.cell(row=row, column=5).value


# Import: the happy path ----------------------------------------------------------------------------


def test_it_imports_edited_cells_after_a_dry_run_that_lists_the_changes(
    bob, lyon_response, django_capture_on_commit_callbacks
):
    first = answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob).answer
    versions_before = first.history.count()
    client = client_for(bob)
    workbook = download(client, lyon_response)
    fill(workbook, "commitment.strategy", "yes", explanation="Adopted by the council in 2024.")
    fill(workbook, "education.activities", "a, c", links="https://www.lyon.fr/ecoles")
    fill(workbook, "public_services.staff_count", 1200)
    fill(workbook, "language.media", "N/A")
    url = review_url(upload(client, lyon_response, workbook))

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Save 4 answers" in text
    assert "partly (Partly)" in text and "yes (Yes)" in text
    assert "a (Parents&#x27; involvement), c (Intercultural projects)" in text
    assert page.context["preview"].unchanged == 11
    assert not Answer.objects.filter(question="education.activities").exists()  # the dry run writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"fingerprint": page.context["preview"].fingerprint})
    assert done.status_code == 302
    assert done["Location"] == reverse("index:response_detail", args=[lyon_response.pk])
    answers = {a.question: a for a in lyon_response.answers.all()}
    assert answers["commitment.strategy"].value == "yes"
    assert answers["commitment.strategy"].explanation == "Adopted by the council in 2024."
    assert answers["education.activities"].value == ["a", "c"]
    assert answers["education.activities"].links == ["https://www.lyon.fr/ecoles"]
    assert answers["public_services.staff_count"].value == 1200
    assert answers["language.media"].value == "n/a"
    latest = answers["commitment.strategy"].history.first()
    assert latest.history_user == bob
    assert reason_display(latest.history_change_reason) == "imported from lyon-answers.xlsx"
    assert answers["commitment.strategy"].history.count() == versions_before + 1  # one version per import
    assert not staged_files()  # the staged workbook is forgotten once applied
    again = client.get(url, follow=True)  # the back button: the page says what happened
    assert "This import was already applied: 4 answers were saved from the workbook." in again.text


def test_applying_a_workbook_twice_saves_once_and_says_so(bob, lyon_response):
    client = client_for(bob)
    workbook = download(client, lyon_response)
    fill(workbook, "commitment.strategy", "yes")
    url = review_url(upload(client, lyon_response, workbook))
    fingerprint = client.get(url).context["preview"].fingerprint
    # The second request arrives before the first one's after-commit cleanup (the test's transaction
    # never commits): the staged file is still there, as in two requests racing.
    assert client.post(url, {"fingerprint": fingerprint}).status_code == 302
    versions = lyon_response.answers.get(question="commitment.strategy").history.count()
    second = client.post(url, {"fingerprint": fingerprint}, follow=True)
    assert second.status_code == 200
    assert "This import was already applied: 1 answer was saved from the workbook." in second.text
    assert lyon_response.answers.get(question="commitment.strategy").history.count() == versions
    with pytest.raises(exchange.ImportAlreadyApplied):
        exchange.response_import_apply(
            response=lyon_response, token=url.rstrip("/").rsplit("/", 1)[1], by=bob
        )


def test_a_workbook_with_too_many_rows_is_refused_naming_the_limit(bob, lyon_response, monkeypatch):
    monkeypatch.setattr("icc.index.services.exchange.imports.MAX_IMPORT_ROWS", 50)
    client = client_for(bob)
    workbook = download(client, lyon_response)
    for n in range(60):
        workbook["Answers"].append([None, f"extra.{n}", None, None, None, "yes"])
    page = upload(client, lyon_response, workbook)
    assert page.status_code == 200
    assert "more than 50 filled rows below the column names" in page.content.decode()
    assert not staged_files()


def test_a_workbook_exported_in_french_imports_back(bob, lyon_response):
    workbook = openpyxl.load_workbook(io.BytesIO(exchange.response_to_xlsx(lyon_response, "fr")))
    fill(workbook, "commitment.budget", "yes")
    preview = exchange.response_import_preview(response=lyon_response, file=as_upload(workbook), by=bob)
    assert not preview.problems
    assert [change.question for change in preview.changes] == ["commitment.budget"]


# Import: bad files and bad cells -------------------------------------------------------------------


def test_a_workbook_with_bad_cells_lists_each_by_reference_and_saves_nothing(bob, lyon_response):
    client = client_for(bob)
    workbook = download(client, lyon_response)
    sheet = workbook["Answers"]
    unknown_row = rows_by_question(workbook)["participation.notes"]
    sheet.cell(row=unknown_row, column=2).value = "participation.nope"
    option_row = fill(workbook, "commitment.strategy", "maybe")
    type_row = fill(workbook, "public_services.staff_count", "lots")
    na_row = fill(workbook, "commitment.budget", "n/a")
    link_row = fill(workbook, "language.courses", "yes", links="lyon.fr/plan")
    fill(workbook, "education.activities", "a")  # a good row among the bad ones
    url = review_url(upload(client, lyon_response, workbook))

    page = client.get(url)
    text = page.content.decode()
    assert len(page.context["preview"].cell_problems) == 5
    assert f"B{unknown_row}" in text and "“participation.nope” is not a question" in text
    assert f"F{option_row}" in text and "“maybe” is not an answer to this question" in text
    assert f"F{type_row}" in text and "“lots” is not a number" in text
    assert f"F{na_row}" in text and "“Not applicable” is not allowed" in text
    assert f"H{link_row}" in text and "“lyon.fr/plan” is not a web address" in text
    assert "Save " not in text

    again = client.post(url)
    assert again.status_code == 200
    assert "5 cells have problems; nothing was saved" in again.content.decode()
    assert not Answer.objects.filter(response=lyon_response).exists()
    assert staged_files()  # kept, so that the page can still be shown


def test_a_workbook_for_another_response_is_refused(bob, dave, lyon_response, porto):
    porto_response = ResponseFactory(round=lyon_response.round, city=porto)
    workbook = download(client_for(dave), porto_response)
    fill(workbook, "commitment.strategy", "yes")
    page = upload(client_for(bob), lyon_response, workbook)
    assert page.status_code == 200
    assert "This workbook is for another response" in page.content.decode()
    assert not staged_files()
    assert not Answer.objects.exists()


def test_a_workbook_of_another_questionnaire_version_is_refused(bob, lyon_response):
    workbook = download(client_for(bob), lyon_response)
    meta = workbook["meta"]
    for row in meta.iter_rows():
        if row[0].value == "questionnaire":
            row[1].value = "icc-2009"
    page = upload(client_for(bob), lyon_response, workbook)
    assert "This workbook is for the questionnaire version “icc-2009”" in page.content.decode()
    assert not staged_files()


def test_a_workbook_missing_its_columns_is_refused(bob, lyon_response):
    workbook = download(client_for(bob), lyon_response)
    sheet = workbook["Answers"]
    header = next(n for n in range(1, 20) if sheet.cell(row=n, column=6).value == "Answer")
    sheet.cell(row=header, column=6).value = "Reply"
    page = upload(client_for(bob), lyon_response, workbook)
    assert "Missing columns: Answer." in page.content.decode()
    assert not staged_files()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("answers.csv", b"question,answer\ncommitment.strategy,yes\n", "is not an accepted kind of file"),
        ("answers.xlsx", b"this is no workbook at all", "does not contain what its extension says"),
        ("answers.xlsx", b"", "is empty"),
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(bob, lyon_response, name, content, message):
    page = upload(client_for(bob), lyon_response, SimpleUploadedFile(name, content))
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not staged_files()


def test_a_workbook_not_made_by_the_platform_is_refused(bob, lyon_response):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Question id", "Answer", "Explanation", "Links"])
    workbook.active.append(["commitment.strategy", "yes", "", ""])
    page = upload(client_for(bob), lyon_response, workbook)
    assert "was not downloaded from this platform" in page.content.decode()


def test_a_workbook_that_changes_nothing_is_refused(bob, lyon_response):
    client = client_for(bob)
    page = upload(client, lyon_response, download(client, lyon_response))
    assert page.status_code == 200
    assert "The workbook changes no answer" in page.content.decode()
    assert not staged_files()


# Import: concurrent work ---------------------------------------------------------------------------


def test_an_answer_changed_online_after_the_export_is_kept_when_the_file_leaves_it(bob, lyon_response):
    answer_save(response=lyon_response, question="commitment.strategy", value="no", by=bob)
    workbook = openpyxl.load_workbook(io.BytesIO(exchange.response_to_xlsx(lyon_response, "en")))
    answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)  # online
    fill(workbook, "commitment.budget", "yes")
    preview = exchange.response_import_preview(response=lyon_response, file=as_upload(workbook), by=bob)
    assert preview.ok
    assert preview.kept_online == ["commitment.strategy"]
    exchange.response_import_apply(response=lyon_response, token=preview.token, by=bob)
    assert lyon_response.answers.get(question="commitment.strategy").value == "partly"
    assert lyon_response.answers.get(question="commitment.budget").value == "yes"


def test_an_answer_changed_both_online_and_in_the_file_is_a_problem(bob, lyon_response):
    workbook = openpyxl.load_workbook(io.BytesIO(exchange.response_to_xlsx(lyon_response, "en")))
    answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)  # online
    row = fill(workbook, "commitment.strategy", "yes")
    preview = exchange.response_import_preview(response=lyon_response, file=as_upload(workbook), by=bob)
    assert [(p.cell, p.question) for p in preview.problems] == [(f"F{row}", "commitment.strategy")]
    assert "changed online by Bob Durand" in preview.problems[0].message
    assert "partly (Partly)" in preview.problems[0].message


def test_the_apply_refuses_when_answers_were_saved_since_the_dry_run(bob, lyon_response):
    workbook = openpyxl.load_workbook(io.BytesIO(exchange.response_to_xlsx(lyon_response, "en")))
    fill(workbook, "commitment.budget", "yes")
    preview = exchange.response_import_preview(response=lyon_response, file=as_upload(workbook), by=bob)
    answer_save(response=lyon_response, question="language.courses", value="no", by=bob)
    with pytest.raises(exchange.ImportRejected) as exc:
        exchange.response_import_apply(
            response=lyon_response, token=preview.token, by=bob, fingerprint=preview.fingerprint
        )
    assert "check the changes again" in exc.value.messages[0]
    assert not lyon_response.answers.filter(question="commitment.budget").exists()


def test_nothing_is_written_when_the_response_was_submitted_meanwhile(bob, lyon_response):
    workbook = openpyxl.load_workbook(io.BytesIO(exchange.response_to_xlsx(lyon_response, "en")))
    fill(workbook, "commitment.budget", "yes")
    fill(workbook, "commitment.strategy", "yes")
    preview = exchange.response_import_preview(response=lyon_response, file=as_upload(workbook), by=bob)
    assert preview.ok
    response_submit(response=lyon_response, by=bob)
    with pytest.raises(exchange.ImportRejected) as exc:
        exchange.response_import_apply(response=lyon_response, token=preview.token, by=bob)
    assert "can no longer be changed" in exc.value.preview.problems[0].message
    assert not lyon_response.answers.exists()


# Import: who may -----------------------------------------------------------------------------------


def test_a_contributor_imports_only_the_sections_assigned_to_her(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="education", user=carol, by=bob)
    answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)
    client = client_for(carol)
    workbook = download(client, lyon_response)
    fill(workbook, "education.activities", "b")
    row = fill(workbook, "commitment.strategy", "yes")
    page = client.get(review_url(upload(client, lyon_response, workbook)))
    preview = page.context["preview"]
    assert [(p.cell, p.question) for p in preview.problems] == [(f"F{row}", "commitment.strategy")]
    assert "You may not change answers in the section “Commitment”" in page.content.decode()
    assert [change.question for change in preview.changes] == ["education.activities"]

    # The rows of other sections left as they were are no problem.
    workbook = download(client, lyon_response)
    fill(workbook, "education.activities", "b")
    url = review_url(upload(client, lyon_response, workbook))
    assert (
        client.post(url, {"fingerprint": client.get(url).context["preview"].fingerprint}).status_code == 302
    )
    saved = lyon_response.answers.get(question="education.activities")
    assert saved.value == ["b"] and saved.updated_by == carol


def test_a_contributor_without_a_section_may_download_but_not_import(carol, lyon_response):
    client = client_for(carol)
    assert client.get(reverse("index:response_xlsx", args=[lyon_response.pk])).status_code == 200
    assert client.get(reverse("index:response_import", args=[lyon_response.pk])).status_code == 403


def test_another_persons_import_is_not_found(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="education", user=carol, by=bob)
    client = client_for(bob)
    workbook = download(client, lyon_response)
    fill(workbook, "education.activities", "b")
    url = review_url(upload(client, lyon_response, workbook))
    other = client_for(carol)
    assert other.get(url).status_code == 404
    assert other.post(url).status_code == 404
    assert not Answer.objects.exists()
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert (
        client.get(reverse("index:response_import_review", args=[lyon_response.pk, "0" * 32])).status_code
        == 404
    )
    assert (
        client.get(reverse("index:response_import_review", args=[lyon_response.pk, "..%2F.."])).status_code
        == 404
    )
    assert len(token) == 32


def test_a_staged_workbook_belongs_to_its_response(bob, lyon_response, index_round):
    client = client_for(bob)
    workbook = download(client, lyon_response)
    fill(workbook, "commitment.budget", "yes")
    url = review_url(upload(client, lyon_response, workbook))
    token = url.rstrip("/").rsplit("/", 1)[1]
    other_round = RoundFactory(name="Index 2027")
    other = ResponseFactory(round=other_round, city=lyon_response.city)
    assert client.get(reverse("index:response_import_review", args=[other.pk, token])).status_code == 404


def test_people_who_may_not_read_the_response_get_not_found(dave, grace, lyon_response):
    for user in (dave, grace):
        client = client_for(user)
        assert client.get(reverse("index:response_xlsx", args=[lyon_response.pk])).status_code == 404
        assert client.get(reverse("index:response_import", args=[lyon_response.pk])).status_code == 404
        review = reverse("index:response_import_review", args=[lyon_response.pk, "0" * 32])
        assert client.get(review).status_code == 404
    anonymous = client_for(None).get(reverse("index:response_xlsx", args=[lyon_response.pk]))
    assert anonymous.status_code == 302


def test_the_secretariat_and_experts_download_but_do_not_import(alice, erin, lyon_response):
    for user in (alice, erin):
        client = client_for(user)
        assert client.get(reverse("index:response_xlsx", args=[lyon_response.pk])).status_code == 200
        assert client.get(reverse("index:response_import", args=[lyon_response.pk])).status_code == 403


def test_the_import_page_says_when_the_response_is_locked(bob, lyon_response):
    response_submit(response=lyon_response, by=bob)
    page = client_for(bob).get(reverse("index:response_import", args=[lyon_response.pk]))
    assert page.status_code == 200
    assert "a workbook cannot be imported" in page.content.decode()


# Round exports -------------------------------------------------------------------------------------


@pytest.fixture
def answered_round(bob, dave, lyon_response, porto):
    porto_response = ResponseFactory(round=lyon_response.round, city=porto)
    answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)
    answer_save(response=lyon_response, question="education.activities", value=["a", "c"], by=bob)
    answer_save(response=lyon_response, question="language.media", value="n/a", by=bob)
    answer_save(response=lyon_response, question="education.share_pupils", value=23.5, by=bob)
    answer_save(response=porto_response, question="commitment.strategy", value="yes", by=dave)
    lyon_response.status = ResponseStatus.VALIDATED
    lyon_response.save()
    return lyon_response.round


def test_round_csv_and_xlsx_share_a_stable_column_layout_with_the_questionnaire_version(
    alice, answered_round
):
    client = client_for(alice)
    page = client.get(reverse("index:round_export", args=[answered_round.pk, "csv"]))
    assert page.status_code == 200
    rows = list(csv.reader(io.StringIO(page.content.decode("utf-8-sig"))))
    assert rows[0] == FIXED + QUESTION_IDS
    by_city = {row[2]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_city) == {"Lyon", "Porto"}
    lyon = by_city["Lyon"]
    assert (lyon["questionnaire"], lyon["round"], lyon["country"]) == ("icc-example", "Index 2026", "FR")
    assert lyon["status"] == "validated"
    assert lyon["education.activities"] == "a;c"
    assert lyon["language.media"] == "n/a"
    assert lyon["education.share_pupils"] == "23.5"
    assert by_city["Porto"]["status"] == "in_progress" and by_city["Porto"]["commitment.strategy"] == "yes"

    page = client.get(reverse("index:round_export", args=[answered_round.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(page.content)).active
    xlsx_rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert xlsx_rows[0] == FIXED + QUESTION_IDS
    assert [row[2] for row in xlsx_rows[1:]] == ["Lyon", "Porto"]

    empty_round = RoundFactory(name="Index 2028")  # same version, no answers: same columns
    header, rows = exchange.round_rows(empty_round)
    assert header == FIXED + QUESTION_IDS and rows == []


def test_the_round_json_is_the_interchange_format_and_scores_with_the_engine(alice, answered_round):
    client = client_for(alice)
    page = client.get(reverse("index:round_export", args=[answered_round.pk, "json"]))
    assert page.status_code == 200
    document = page.json()
    assert document["questionnaire"] == "icc-example"
    assert [item["city"] for item in document["responses"]] == ["Lyon"]  # validated responses only
    lyon = document["responses"][0]
    assert lyon["answers"]["education.activities"] == ["a", "c"]
    assert lyon["answers"]["language.media"] == "n/a"
    assert lyon["facts"]["population"] == 522_000  # from the register
    assert lyon["facts"]["share_pupils"] == 23.5  # a fact question

    questionnaire = scoring.parse_questionnaire(answered_round.questionnaire.document)
    scores = scoring.score(questionnaire, scoring.parse_responses(document, questionnaire))
    assert scores.to_dict()["cities"][0]["city"] == "Lyon"

    every = client.get(reverse("index:round_export", args=[answered_round.pk, "json"]) + "?status=all").json()
    assert sorted(item["city"] for item in every["responses"]) == ["Lyon", "Porto"]
    scoring.parse_responses(every, questionnaire)
    assert (
        client.get(reverse("index:round_export", args=[answered_round.pk, "json"]) + "?status=x").status_code
        == 404
    )
    assert client.get(reverse("index:round_export", args=[answered_round.pk, "pdf"])).status_code == 404


def test_only_the_secretariat_exports_a_round(bob, carol, dave, erin, answered_round):
    for user in (bob, carol, dave, erin):
        client = client_for(user)
        for fmt in ("csv", "xlsx", "json"):
            assert client.get(reverse("index:round_export", args=[answered_round.pk, fmt])).status_code == 403
    assert (
        client_for(None).get(reverse("index:round_export", args=[answered_round.pk, "csv"])).status_code
        == 302
    )


def test_the_shipped_questionnaire_round_trips_and_its_facts_feed_the_peer_groups(bob, lyon):
    path = Path(__file__).resolve().parents[2] / "icc" / "index" / "questionnaires" / "icc-2019.yaml"
    questionnaire = questionnaire_load(path=path).questionnaire
    response = ResponseFactory(round=RoundFactory(questionnaire=questionnaire), city=lyon)
    workbook = openpyxl.load_workbook(io.BytesIO(exchange.response_to_xlsx(response, "fr")))
    sheet = workbook["Answers"]
    rows = {sheet.cell(row=n, column=2).value: n for n in range(1, sheet.max_row + 1)}
    sheet.cell(row=rows["population"], column=6).value = 515_000
    sheet.cell(row=rows["foreign_born_share"], column=6).value = 13.2
    preview = exchange.response_import_preview(response=response, file=as_upload(workbook), by=bob)
    assert not preview.problems, preview.problems
    exchange.response_import_apply(response=response, token=preview.token, by=bob)
    response.status = ResponseStatus.VALIDATED
    response.save()

    document = exchange.round_interchange(response.round)
    assert document["responses"][0]["facts"]["population"] == 515_000
    assert document["responses"][0]["facts"]["foreign_born_share"] == 13.2
    parsed = scoring.parse_questionnaire(questionnaire.document)
    city = scoring.score(parsed, scoring.parse_responses(document, parsed)).to_dict()["cities"][0]
    assert city["peer_groups"] == {"population": ">=500k", "diversity": "10-15%"}
