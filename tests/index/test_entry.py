"""The city's data entry: answering section by section with autosave, evidence, assignment and submission."""

import copy
import json
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from icc.accounts.models import RoleKind
from icc.index.models import Answer, Comment, CommentThread, EvidenceFile, ResponseStatus, SectionAssignment
from icc.index.services.responses import answer_save, evidence_add, section_assign
from tests.conftest import client_for
from tests.factories import EXAMPLE_QUESTIONNAIRE, QuestionnaireFactory, ResponseFactory, RoundFactory, grant

HTMX = {"HTTP_HX_REQUEST": "true"}
PDF = b"%PDF-1.4\n% a small evidence file\n"
# The session and the person (2), the response and the roles (2), the save's transaction (7), the section's
# progress (1), the session written back (3): docs/operations.md, "Autosave".
QUERIES_PER_AUTOSAVE = 15


def save_url(response, question):
    return reverse("index:answer_save", args=[response.pk, question])


def section_url(response, area):
    return reverse("index:response_section", args=[response.pk, area])


def stored(response, question):
    return Answer.objects.filter(response=response, question=question).first()


def test_it_saves_an_answer_posted_without_javascript_and_shows_who_saved_it(bob, lyon_response):
    client = client_for(bob)
    page = client.post(
        save_url(lyon_response, "commitment.strategy"),
        {
            "value": "partly",
            "explanation": "Adopted in 2019.",
            "links": "https://lyon.fr/strategy",
            "base_revision": "0",
        },
    )
    assert page.status_code == 302
    assert page["Location"].endswith("/sections/commitment/#q-commitment-strategy")
    answer = stored(lyon_response, "commitment.strategy")
    assert (answer.value, answer.explanation, answer.links) == (
        "partly",
        "Adopted in 2019.",
        ["https://lyon.fr/strategy"],
    )
    assert answer.updated_by == bob
    section = client.get(section_url(lyon_response, "commitment")).content.decode()
    assert "Saved at" in section and "by Bob Durand" in section
    assert "Adopted in 2019." in section


def test_it_autosaves_with_htmx_and_answers_with_the_status_line(bob, lyon_response):
    page = client_for(bob).post(
        save_url(lyon_response, "commitment.strategy"),
        {"value": "yes", "autosave": "1", "base_revision": "0"},
        **HTMX,
    )
    assert page.status_code == 200
    text = page.content.decode()
    # Only the status line, the revision and the progress replace what is on the page, out-of-band: the
    # inputs under the person's fingers are neither swapped nor sent.
    assert page["HX-Reswap"] == "none"
    assert page["X-Answer-Saved"] == "true"
    assert re.search(
        r'id="q-commitment-strategy-status" role="status" data-hx-swap-oob="innerHTML">.*Saved at', text
    )
    assert "Bob Durand" in text
    assert 'name="base_revision" value="1" id="q-commitment-strategy-rev" data-hx-swap-oob="true"' in text
    assert re.search(
        r'id="section-progress" [^>]*data-hx-swap-oob="true">.*1 of \d+ questions answered', text, re.S
    )
    assert 'name="explanation"' not in text
    assert stored(lyon_response, "commitment.strategy").value == "yes"
    lyon_response.refresh_from_db()
    assert lyon_response.status == ResponseStatus.IN_PROGRESS


def test_an_autosave_reads_neither_the_files_nor_the_comments_of_its_question(bob, lyon_response):
    client = client_for(bob)

    def autosave(value: str) -> int:
        answer = stored(lyon_response, "commitment.strategy")
        data = {"value": value, "autosave": "1", "base_revision": str(answer.revision if answer else 0)}
        with CaptureQueriesContext(connection) as queries:
            page = client.post(save_url(lyon_response, "commitment.strategy"), data, **HTMX)
        assert page["X-Answer-Saved"] == "true"
        return len(queries)

    autosave("yes")
    plain = autosave("partly")
    evidence_add(
        response=lyon_response, question="commitment.strategy", by=bob, file=SimpleUploadedFile("x.pdf", PDF)
    )
    thread = CommentThread.objects.create(response=lyon_response, question="commitment.strategy")
    Comment.objects.create(thread=thread, body="Which council vote?")

    assert autosave("yes") == plain
    assert plain <= QUERIES_PER_AUTOSAVE


def test_a_contributor_answers_an_assigned_section_but_not_another(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="education", user=carol, by=bob)
    client = client_for(carol)
    ok = client.post(
        save_url(lyon_response, "education.share_pupils"), {"value": "23,5", "autosave": "1"}, **HTMX
    )
    assert ok.status_code == 200
    assert stored(lyon_response, "education.share_pupils").value == 23.5
    refused = client.post(save_url(lyon_response, "commitment.strategy"), {"value": "yes"}, **HTMX)
    assert refused.status_code == 403
    assert stored(lyon_response, "commitment.strategy") is None
    # She can read the other section, without any form to change it.
    page = client.get(section_url(lyon_response, "commitment")).content.decode()
    assert "assigned to a colleague" in page or "You can read this section" in page
    assert 'name="explanation"' not in page


def test_an_answer_that_does_not_fit_is_shown_with_the_fix_and_nothing_is_saved(bob, lyon_response):
    page = client_for(bob).post(
        save_url(lyon_response, "education.share_pupils"),
        {"value": "150", "explanation": "From the school census.", "autosave": "1"},
        **HTMX,
    )
    text = page.content.decode()
    assert "Not saved:" in text
    assert "A percentage is between 0 and 100" in text
    assert page["X-Answer-Saved"] == "false"
    # What the person typed stays on the page: only the status line changes.
    assert page["HX-Reswap"] == "none" and 'data-hx-swap-oob="innerHTML"' in text
    assert not Answer.objects.filter(response=lyon_response).exists()


def test_a_bad_link_posted_without_javascript_shows_the_section_with_the_message(bob, lyon_response):
    page = client_for(bob).post(
        save_url(lyon_response, "commitment.strategy"), {"value": "yes", "links": "lyon.fr/strategy"}
    )
    assert page.status_code == 200
    assert "is not a web address; links start with https://" in page.content.decode()
    assert not Answer.objects.filter(response=lyon_response).exists()


def test_two_people_changing_the_same_answer_see_both_versions_and_nothing_is_lost(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="commitment", user=carol, by=bob)
    # Both opened the page at revision 0; Carol saves first.
    answer_save(
        response=lyon_response, question="commitment.strategy", value="partly", by=carol, base_revision=0
    )
    page = client_for(bob).post(
        save_url(lyon_response, "commitment.strategy"),
        {"value": "yes", "explanation": "Council vote of May.", "autosave": "1", "base_revision": "0"},
        **HTMX,
    )
    text = page.content.decode()
    assert "Someone else saved this answer" in text
    assert "by Carol Petit" in text and "Partly" in text
    assert "Your version" in text and "Yes" in text
    assert "Keep my version" in text and "Keep theirs" in text
    assert "HX-Reswap" not in page  # the whole block shows the comparison
    answer = stored(lyon_response, "commitment.strategy")
    assert answer.value == "partly" and answer.revision == 1
    # Keeping mine re-posts it on top of the current revision.
    kept = client_for(bob).post(
        save_url(lyon_response, "commitment.strategy"),
        {"value": "yes", "explanation": "Council vote of May.", "base_revision": "1"},
        **HTMX,
    )
    assert "Saved at" in kept.content.decode()
    answer.refresh_from_db()
    assert (answer.value, answer.explanation, answer.revision) == ("yes", "Council vote of May.", 2)
    assert {"partly", "yes"} <= {entry.value for entry in answer.history.all()}


def test_two_people_saving_the_same_answer_are_not_asked_to_choose(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="commitment", user=carol, by=bob)
    answer_save(
        response=lyon_response, question="commitment.strategy", value="yes", by=carol, base_revision=0
    )
    page = client_for(bob).post(
        save_url(lyon_response, "commitment.strategy"),
        {"value": "yes", "explanation": "", "links": "", "autosave": "1", "base_revision": "0"},
        **HTMX,
    )
    text = page.content.decode()
    assert "Someone else saved this answer" not in text
    assert "Saved at" in text and 'name="base_revision" value="1"' in text


def test_it_attaches_downloads_and_removes_an_evidence_file(bob, lyon_response):
    client = client_for(bob)
    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    upload = client.post(
        reverse("index:evidence_upload", args=[lyon_response.pk, "commitment.strategy"]),
        {"file": SimpleUploadedFile("Strategy 2019 (final).pdf", PDF, content_type="application/pdf")},
        **HTMX,
    )
    text = upload.content.decode()
    assert "Strategy_2019_final.pdf" in text and "attached" in text
    evidence = EvidenceFile.objects.get()
    assert stored(lyon_response, "commitment.strategy").value == "yes"  # the answer is kept
    download = client.get(reverse("index:evidence_download", args=[lyon_response.pk, evidence.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    removed = client.post(reverse("index:evidence_delete", args=[lyon_response.pk, evidence.pk]), **HTMX)
    assert "removed" in removed.content.decode()
    assert not EvidenceFile.objects.exists()


def test_an_upload_redraws_only_the_files_so_unsaved_text_stays_in_its_box(bob, lyon_response):
    client = client_for(bob)

    upload = client.post(
        reverse("index:evidence_upload", args=[lyon_response.pk, "commitment.strategy"]),
        {"file": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")},
        **HTMX,
    )

    text = upload.content.decode()
    assert "plan.pdf" in text and 'class="evidence"' in text
    # The answer's inputs and status line are not sent (they would replace what is being typed) ...
    assert 'name="links"' not in text and 'name="explanation"' not in text and "saved-status" not in text
    # ... but the revision the upload created is, out-of-band, so the next autosave is not a conflict.
    assert re.search(r'name="base_revision" value="1" id="q-commitment-strategy-rev" data-hx-swap-oob', text)


def test_a_www_link_is_saved_as_an_https_address(bob, lyon_response):
    result = answer_save(
        response=lyon_response,
        question="commitment.strategy",
        by=bob,
        links="www.strasbourg.eu/langues\nhttps://lyon.fr/plan",
    )

    assert result.answer.links == ["https://www.strasbourg.eu/langues", "https://lyon.fr/plan"]


def test_a_link_that_is_not_a_web_address_is_refused_and_nothing_is_saved(bob, lyon_response):
    with pytest.raises(ValidationError) as exc:
        answer_save(
            response=lyon_response,
            question="commitment.strategy",
            by=bob,
            value="yes",
            links="strasbourg.eu/langues",
        )

    assert "“strasbourg.eu/langues” is not a web address" in exc.value.message_dict["links"][0]
    assert stored(lyon_response, "commitment.strategy") is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10), "the limit is 1 MB"),
        ("tool.exe", b"MZ\x90\x00", "is not an accepted kind of file"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "does not contain what its extension says"),
    ],
)
def test_an_evidence_file_too_large_or_of_a_forbidden_type_is_refused(
    bob, lyon_response, settings, name, content, message
):
    settings.MAX_UPLOAD_MB = 1
    page = client_for(bob).post(
        reverse("index:evidence_upload", args=[lyon_response.pk, "commitment.strategy"]),
        {"file": SimpleUploadedFile(name, content)},
        **HTMX,
    )
    assert message in page.content.decode()
    assert not EvidenceFile.objects.exists()
    assert not Answer.objects.filter(response=lyon_response).exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_an_evidence_file_is_not_shown_to_another_city(bob, dave, lyon_response, porto):
    evidence = evidence_add(
        response=lyon_response,
        question="commitment.strategy",
        by=bob,
        file=SimpleUploadedFile("plan.pdf", PDF),
    )
    url = reverse("index:evidence_download", args=[lyon_response.pk, evidence.pk])
    assert client_for(dave).get(url).status_code == 404
    porto_response = ResponseFactory(round=lyon_response.round, city=porto)
    other = reverse("index:evidence_download", args=[porto_response.pk, evidence.pk])
    assert client_for(dave).get(other).status_code == 404


def test_submission_lists_unanswered_questions_then_makes_the_response_read_only(bob, lyon_response):
    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    client = client_for(bob)
    url = reverse("index:response_submit", args=[lyon_response.pk])
    review = client.get(url).content.decode()
    assert "Does the strategy have its own budget?" in review
    assert "Has the city adopted an intercultural strategy?" not in review
    assert f"{section_url(lyon_response, 'commitment')}#q-commitment-budget" in review
    unconfirmed = client.post(url, {})
    assert "Tick the box to confirm" in unconfirmed.content.decode()
    lyon_response.refresh_from_db()
    assert lyon_response.status == ResponseStatus.IN_PROGRESS

    done = client.post(url, {"confirm": "on"}, follow=True)
    assert "was submitted to the secretariat" in done.content.decode()
    lyon_response.refresh_from_db()
    assert lyon_response.status == ResponseStatus.SUBMITTED and lyon_response.submitted_by == bob
    section = client.get(section_url(lyon_response, "commitment")).content.decode()
    assert "no longer changed" in section and 'name="explanation"' not in section
    late = client.post(save_url(lyon_response, "commitment.budget"), {"value": "yes"}, **HTMX)
    assert "with the secretariat for review" in late.content.decode()
    assert stored(lyon_response, "commitment.budget") is None


def test_only_the_coordinator_submits(carol, lyon_response):
    assert client_for(carol).get(reverse("index:response_submit", args=[lyon_response.pk])).status_code == 403


@pytest.fixture
def conditional_response(lyon):
    document = json.loads(EXAMPLE_QUESTIONNAIRE.read_text())
    budget = document["areas"][0]["questions"][1]
    budget["show_if"] = {"question": "commitment.strategy", "in": ["partly", "yes"]}
    budget["help"] = {"en": "Count only money set aside for the strategy."}
    questionnaire = QuestionnaireFactory(
        key="icc-conditional", document=copy.deepcopy(document), source_sha256="c" * 64
    )
    return ResponseFactory(round=RoundFactory(questionnaire=questionnaire), city=lyon)


def test_a_question_whose_condition_is_not_met_is_hidden(bob, conditional_response):
    client = client_for(bob)
    page = client.get(section_url(conditional_response, "commitment")).content.decode()
    assert "Does the strategy have its own budget?" not in page
    assert "1 question of this section does not apply" in page
    # Answering the question it depends on shows the page again, now with the question.
    saved = client.post(
        save_url(conditional_response, "commitment.strategy"), {"value": "yes", "autosave": "1"}, **HTMX
    )
    assert saved["HX-Refresh"] == "true"
    page = client.get(section_url(conditional_response, "commitment")).content.decode()
    assert "Does the strategy have its own budget?" in page
    assert "Count only money set aside for the strategy." in page


def test_my_responses_lists_the_questionnaires_of_my_cities_only(bob, dave, lyon_response):
    mine = client_for(bob).get(reverse("index:my_responses")).content.decode()
    assert "Lyon" in mine and reverse("index:response_detail", args=[lyon_response.pk]) in mine
    other = client_for(dave).get(reverse("index:my_responses")).content.decode()
    assert reverse("index:response_detail", args=[lyon_response.pk]) not in other
    assert client_for(dave).get(reverse("index:response_detail", args=[lyon_response.pk])).status_code == 404


def test_the_dashboard_shows_my_questionnaires(bob, lyon_response):
    page = client_for(bob).get(reverse("network:dashboard")).content.decode()
    assert "Index questionnaires" in page
    assert reverse("index:response_detail", args=[lyon_response.pk]) in page


def test_the_coordinator_assigns_and_unassigns_a_section(bob, carol, lyon_response):
    client = client_for(bob)
    url = reverse("index:response_assign", args=[lyon_response.pk])
    client.post(url, {"area": "education", "user": carol.pk})
    assignment = SectionAssignment.objects.get(response=lyon_response)
    assert (assignment.area, assignment.user, assignment.assigned_by) == ("education", carol, bob)
    overview = client.get(reverse("index:response_detail", args=[lyon_response.pk])).content.decode()
    assert "Carol Petit" in overview
    client.post(url, {"unassign": assignment.pk})
    assert not SectionAssignment.objects.exists()


def test_a_contributor_cannot_assign_sections(bob, carol, lyon_response):
    url = reverse("index:response_assign", args=[lyon_response.pk])
    assert client_for(carol).post(url, {"area": "education", "user": carol.pk}).status_code == 403
    assert not SectionAssignment.objects.exists()


def test_assigning_someone_outside_the_city_is_refused_with_a_message(bob, dave, lyon_response):
    page = client_for(bob).post(
        reverse("index:response_assign", args=[lyon_response.pk]),
        {"area": "education", "user": dave.pk},
        follow=True,
    )
    assert "Person:" in page.content.decode()
    assert not SectionAssignment.objects.exists()


def test_the_overview_shows_progress_the_review_note_and_open_comments(alice, bob, lyon_response):
    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    thread = CommentThread.objects.create(
        response=lyon_response, question="commitment.strategy", opened_by=alice
    )
    Comment.objects.create(thread=thread, author=alice, body="Which council decision adopted it?")
    lyon_response.status = ResponseStatus.RETURNED
    lyon_response.review_note = "Please document the strategy."
    lyon_response.save()
    client = client_for(bob)
    overview = client.get(reverse("index:response_detail", args=[lyon_response.pk])).content.decode()
    assert "Please document the strategy." in overview
    assert "1 of 3 questions answered" in overview
    assert "1 comment on a question waits for your reply" in overview
    section = client.get(section_url(lyon_response, "commitment")).content.decode()
    assert "Which council decision adopted it?" in section
    assert reverse("index:thread_reply", args=[lyon_response.pk, thread.pk]) in section


def test_the_section_page_reads_a_fixed_number_of_queries(bob, lyon_response):
    client = client_for(bob)
    url = section_url(lyon_response, "education")
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(question: str, value: object) -> None:
        answer_save(response=lyon_response, question=question, value=value, by=bob)
        evidence_add(response=lyon_response, question=question, by=bob, file=SimpleUploadedFile("x.pdf", PDF))
        thread = CommentThread.objects.create(response=lyon_response, question=question)
        Comment.objects.create(thread=thread, body="Which schools?")

    add("education.mixed_schools", "some")
    before = count()
    add("education.activities", ["a", "c"])
    add("education.share_pupils", 12)
    assert count() == before


def test_a_multiple_choice_question_distinguishes_none_of_these_from_unanswered(bob, lyon_response):
    client = client_for(bob)
    url = save_url(lyon_response, "education.activities")
    client.post(url, {"explanation": "We are still counting."})
    assert stored(lyon_response, "education.activities").value is None
    client.post(url, {"value": "__none__", "base_revision": "1"})
    assert stored(lyon_response, "education.activities").value == []
    mixed = client.post(url, {"value": ["__none__", "a"], "autosave": "1"}, **HTMX)
    assert "Untick “None of these”" in mixed.content.decode()
    assert stored(lyon_response, "education.activities").value == []


def test_people_outside_the_city_cannot_open_its_response(dave, grace, erin, lyon_response):
    detail = reverse("index:response_detail", args=[lyon_response.pk])
    assert client_for(dave).get(detail).status_code == 404
    assert client_for(grace).get(detail).status_code == 404
    assert client_for(erin).get(detail).status_code == 200
    assert (
        client_for(erin).post(save_url(lyon_response, "commitment.strategy"), {"value": "yes"}).status_code
        == 403
    )


def test_my_responses_reads_a_fixed_number_of_queries(bob, lyon, porto, lyon_response):
    client = client_for(bob)
    url = reverse("index:my_responses")
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    before = count()
    grant(bob, RoleKind.CITY_COORDINATOR, city=porto)
    for city in (lyon, porto):
        response = ResponseFactory(round=RoundFactory(), city=city)
        answer_save(response=response, question="commitment.strategy", value="no", by=bob, check_access=False)
    page = client.get(url).content.decode()
    assert page.count("/index/responses/") >= 3
    assert count() == before


PEOPLE = ["anonymous", "alice", "bob", "carol", "dave", "erin", "frank", "grace"]
LYON_READ = {
    "anonymous": 302,
    "alice": 200,
    "bob": 200,
    "carol": 200,
    "dave": 404,
    "erin": 200,
    "frank": 404,
    "grace": 404,
}
LYON_COORDINATE = {**LYON_READ, "alice": 403, "carol": 403, "erin": 403}
# Saving an answer: the coordinator is sent back to the question; carol holds no section of this response.
LYON_ANSWER = {**LYON_COORDINATE, "bob": 302}


@pytest.mark.parametrize(
    ("method", "url", "data", "expected"),
    [
        (
            "get",
            lambda r: reverse("index:my_responses"),
            None,
            {"anonymous": 302, **{p: 200 for p in PEOPLE[1:]}},
        ),
        ("get", lambda r: reverse("index:response_detail", args=[r.pk]), None, LYON_READ),
        ("get", lambda r: section_url(r, "education"), None, LYON_READ),
        ("get", lambda r: reverse("index:response_submit", args=[r.pk]), None, LYON_COORDINATE),
        ("post", lambda r: save_url(r, "commitment.strategy"), {"value": "yes"}, LYON_ANSWER),
        (
            "post",
            lambda r: reverse("index:response_assign", args=[r.pk]),
            {"area": "education", "user": "0"},
            {**LYON_COORDINATE, "bob": 302},
        ),
    ],
    ids=[
        "my_responses",
        "response_detail",
        "response_section",
        "response_submit",
        "answer_save",
        "response_assign",
    ],
)
def test_each_person_gets_what_their_role_allows(request, lyon_response, method, url, data, expected):
    people = {person: request.getfixturevalue(person) for person in PEOPLE[1:]}
    path = url(lyon_response)
    got = {
        person: getattr(client_for(people.get(person)), method)(path, *([data] if data else [])).status_code
        for person in PEOPLE
    }
    assert got == expected, path
