"""The evaluation's pages as each person uses them: the secretariat builds and opens, the city answers
(autosave
with htmx, evidence) and submits, the expert writes the report, the secretariat shares and publishes; the
public
page and its PDF; "needs you"."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from icc.core.attention import attention_for
from icc.evaluations.models import Evaluation, EvaluationAnswer, EvaluationQuestion
from tests.conftest import client_for
from tests.evaluations.helpers import make_evaluation, make_strategy
from tests.experts.profile_fixtures import expert_for

IN_A_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def _keys(user):
    return {item.key for item in attention_for(user)}


def test_the_secretariat_builds_the_instrument_adds_a_question_and_opens_it(alice, bob, lyon):
    strategy = make_strategy(lyon)
    client = client_for(alice)
    response = client.post("/evaluations/new/", {"strategy": strategy.pk})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evaluations/{evaluation.pk}/instrument/"
    page = client.get(f"/evaluations/{evaluation.pk}/instrument/").content.decode()
    assert "Welcome desk" in page and "Add a question" in page
    general = evaluation.sections.get(title="General questions")
    refused = client.post(
        f"/evaluations/{evaluation.pk}/instrument/questions/",
        {"section": general.pk, "kind": "scale", "text_en": ""},
    )
    assert refused.status_code == 400 and "This field is required" in refused.content.decode()
    client.post(
        f"/evaluations/{evaluation.pk}/instrument/questions/",
        {"section": general.pk, "kind": "yes_no", "text_en": "Did the support group meet?"},
    )
    assert general.questions.filter(text="Did the support group meet?", kind="yes_no").exists()
    # Not visible to the city while it is being built.
    assert client_for(bob).get(f"/evaluations/{evaluation.pk}/").status_code == 404
    too_soon = client.post(
        f"/evaluations/{evaluation.pk}/open/", {"deadline": datetime.date.today().isoformat()}
    )
    assert too_soon.status_code == 400 and "after today" in too_soon.content.decode()
    opened = client.post(f"/evaluations/{evaluation.pk}/open/", {"deadline": IN_A_MONTH}, follow=True)
    assert "Told: Bob Durand." in opened.content.decode()
    assert client_for(bob).get(f"/evaluations/{evaluation.pk}/").status_code == 200
    assert "evaluations.answer" in _keys(bob)


def test_the_city_answers_with_autosave_and_evidence_and_the_coordinator_submits(alice, bob, carol, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    section = evaluation.sections.order_by("order").first()
    question = section.questions.order_by("order").first()
    carols = client_for(carol)
    page = carols.get(f"/evaluations/{evaluation.pk}/sections/{section.pk}/").content.decode()
    assert 'data-hx-post="/evaluations/' in page and "Welcome desk" in page
    saved = carols.post(
        f"/evaluations/{evaluation.pk}/questions/{question.pk}/answer/",
        {"value": "4", "text": "Opened in March", "base_revision": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200 and saved["X-Answer-Saved"] == "true"
    body = saved.content.decode()
    assert "Saved." in body and 'value="1"' in body and "data-hx-swap-oob" in body
    answer = EvaluationAnswer.objects.get(question=question)
    assert (answer.value, answer.text, answer.saved_by) == ("4", "Opened in March", carol)
    # Bob's page still had revision 0: his save is not written over Carol's.
    stale = client_for(bob).post(
        f"/evaluations/{evaluation.pk}/questions/{question.pk}/answer/",
        {"value": "1", "text": "Not started", "base_revision": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert stale["X-Answer-Saved"] == "false" and "someone else saved" in stale.content.decode()
    bad = carols.post(
        f"/evaluations/{evaluation.pk}/questions/{question.pk}/answer/",
        {"value": "7", "base_revision": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert "Choose a value from 1 to 5." in bad.content.decode()
    upload = carols.post(
        f"/evaluations/{evaluation.pk}/questions/{question.pk}/evidence/",
        {"file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")},
        HTTP_HX_REQUEST="true",
    )
    assert "“minutes.pdf” attached." in upload.content.decode()
    evidence = question.evidence.get()
    assert client_for(alice).get(f"/evaluations/{evaluation.pk}/evidence/{evidence.pk}/").status_code == 200
    # A contributor may not submit; the coordinator is told what is missing.
    assert carols.post(f"/evaluations/{evaluation.pk}/submit/").status_code == 403
    missing = client_for(bob).post(f"/evaluations/{evaluation.pk}/submit/", follow=True).content.decode()
    assert "no answer yet" in missing
    for q in EvaluationQuestion.objects.filter(section__evaluation=evaluation):
        client_for(bob).post(
            f"/evaluations/{evaluation.pk}/questions/{q.pk}/answer/",
            {"value": "3" if q.kind == "scale" else "", "text": "ok"},
        )
    done = client_for(bob).post(f"/evaluations/{evaluation.pk}/submit/", follow=True).content.decode()
    assert "Your answers were submitted to the secretariat." in done and "Told: Alice Martin." in done
    assert "evaluations.answers_read" in _keys(alice)
    read_only = carols.get(f"/evaluations/{evaluation.pk}/sections/{section.pk}/").content.decode()
    assert "the answers can be read but not changed" in read_only and 'name="text"' not in read_only


def test_the_expert_writes_the_report_and_the_secretariat_publishes_it(alice, bob, carol, erin, dave, lyon):
    expert = expert_for(erin)
    evaluation = make_evaluation(lyon, alice, step="submitted", bob=bob)
    secretariat = client_for(alice)
    secretariat.post(f"/evaluations/{evaluation.pk}/expert/", {"expert": expert.pk})
    assert "evaluations.report_write" in _keys(erin)
    experts = client_for(erin)
    assert experts.get(f"/evaluations/{evaluation.pk}/report/").status_code == 200
    assert client_for(bob).get(f"/evaluations/{evaluation.pk}/report/").status_code == 404  # a draft
    early = experts.post(f"/evaluations/{evaluation.pk}/report/move/", {"status": "review"})
    assert early.status_code == 400 and "Add at least one recommendation first." in early.content.decode()
    experts.post(
        f"/evaluations/{evaluation.pk}/report/save/",
        {"summary_en": "Mostly done.", "findings_en": "On time.", "summary_fr": "", "findings_fr": ""},
    )
    action = evaluation.strategy.results.first().indicators.first().actions.first()
    experts.post(
        f"/evaluations/{evaluation.pk}/report/recommendations/",
        {"text_en": "Keep the desk open.", "action": action.pk},
    )
    assert experts.post(f"/evaluations/{evaluation.pk}/report/move/", {"status": "review"}).status_code == 302
    assert experts.post(f"/evaluations/{evaluation.pk}/report/save/", {"summary_en": "x"}).status_code == 403
    forbidden = secretariat.post(f"/evaluations/{evaluation.pk}/report/move/", {"status": "review"})
    assert forbidden.status_code == 400 and "cannot move" in forbidden.content.decode()
    shared = secretariat.post(f"/evaluations/{evaluation.pk}/report/move/", {"status": "shared"}, follow=True)
    assert "Told: Bob Durand, Carol Petit." in shared.content.decode()
    assert "evaluations.report_read" in _keys(carol)
    page = client_for(carol).get(f"/evaluations/{evaluation.pk}/report/").content.decode()
    assert "Keep the desk open." in page and "Welcome desk" in page
    assert "evaluations.report_read" not in _keys(carol)
    assert client_for(dave).get(f"/evaluations/{evaluation.pk}/report/").status_code == 404
    assert client_for(None).get(f"/en/evaluations/reports/{evaluation.pk}/").status_code == 404
    secretariat.post(f"/evaluations/{evaluation.pk}/report/move/", {"status": "published"})
    public = client_for(None).get(f"/en/evaluations/reports/{evaluation.pk}/").content.decode()
    assert "Keep the desk open." in public and "Download the PDF" in public
    listing = client_for(None).get("/en/evaluations/").content.decode()
    assert evaluation.title in listing


def test_the_published_report_has_a_tagged_pdf_in_english_and_french(alice, bob, erin, lyon):
    evaluation = make_evaluation(lyon, alice, step="published", bob=bob, expert=expert_for(erin))
    for language in ("en", "fr"):
        response = client_for(None).get(f"/{language}/evaluations/reports/{evaluation.pk}/report.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        catalog = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
        assert "/StructTreeRoot" in catalog and catalog["/Lang"] == language
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Recommandations" in text and "Collect the figures every year." in text


def test_the_history_page_lists_the_changes(alice, bob, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    page = client_for(bob).get(f"/evaluations/{evaluation.pk}/history/").content.decode()
    assert "open to the city" in page and "Alice Martin" in page


def test_the_list_shows_each_person_their_evaluations(
    alice, bob, dave, lyon, porto, django_assert_max_num_queries
):
    make_evaluation(lyon, alice, step="open")
    make_evaluation(porto, alice, step="draft")
    client = client_for(alice)
    client.get("/evaluations/")
    with django_assert_max_num_queries(12):
        everything = client.get("/evaluations/").content.decode()
    assert everything.count("/evaluations/") >= 2
    assert "Lyon" in client_for(bob).get("/evaluations/").content.decode()
    assert "Porto" not in client_for(bob).get("/evaluations/").content.decode()
    assert "No evaluation for you yet." in client_for(dave).get("/evaluations/").content.decode()


def test_the_french_pages_speak_french(alice, bob, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    client = client_for(bob)
    client.cookies["django_language"] = "fr"
    page = client.get(f"/evaluations/{evaluation.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Sections" in page and "ouverte à la ville" in page


def test_the_api_lists_published_evaluations_to_everyone_and_more_to_a_token_holder(
    alice, bob, carol, erin, dave, lyon, porto
):
    from icc.accounts.services import api_token_create

    published = make_evaluation(lyon, alice, step="published", bob=bob, expert=expert_for(erin))
    answering = make_evaluation(lyon, alice, step="open")
    make_evaluation(porto, alice, step="draft")
    anonymous = client_for(None).get("/api/v1/evaluations?city=lyon").json()
    assert [e["id"] for e in anonymous["items"]] == [published.pk]
    assert (
        anonymous["items"][0]["report"]["recommendations"][0]["text"]["en"]
        == "Collect the figures every year."
    )
    secret = api_token_create(user=bob, name="test").secret
    mine = client_for(None).get("/api/v1/evaluations?city=lyon", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert {e["id"] for e in mine["items"]} == {published.pk, answering.pk}
    secret = api_token_create(user=dave, name="test").secret
    daves = client_for(None).get("/api/v1/evaluations", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert [e["id"] for e in daves["items"]] == [published.pk]


def test_the_sitemap_lists_published_reports_only(alice, bob, erin, lyon):
    published = make_evaluation(lyon, alice, step="published", bob=bob, expert=expert_for(erin))
    answering = make_evaluation(lyon, alice, step="open")
    sitemap = client_for(None).get("/sitemap.xml").content.decode()
    assert f"/en/evaluations/reports/{published.pk}/" in sitemap
    assert f"/fr/evaluations/reports/{published.pk}/" in sitemap
    assert f"/evaluations/reports/{answering.pk}/" not in sitemap


def test_the_next_strategys_public_page_links_to_the_published_evaluation(alice, bob, erin, lyon):
    from icc.strategies.models import Strategy

    evaluation = make_evaluation(lyon, alice, step="published", bob=bob, expert=expert_for(erin))
    Strategy.objects.create(
        city=lyon, title="Lyon 2030", status="implementing", published=True, previous=evaluation.strategy
    )
    page = client_for(None).get(f"/en/strategies/{lyon.slug}/").content.decode()
    assert "Lyon 2030" in page
    assert f'href="/en/evaluations/reports/{evaluation.pk}/"' in page


def test_needs_you_costs_a_fixed_number_of_queries(alice, bob, erin, lyon, django_assert_max_num_queries):
    from icc.accounts.selectors import user_roles_summary
    from icc.evaluations import attention

    make_evaluation(lyon, alice, step="shared", bob=bob, expert=expert_for(erin))
    make_evaluation(lyon, alice, step="open")
    for person, contributor, most in (
        (bob, attention.city_items, 2),
        (alice, attention.secretariat_items, 2),
        (erin, attention.expert_items, 1),
    ):
        summary = user_roles_summary(person)
        with django_assert_max_num_queries(most):
            list(contributor(person, summary))
    assert {i.key for i in attention.city_items(bob, user_roles_summary(bob))} == {
        "evaluations.answer",
        "evaluations.report_read",
    }
