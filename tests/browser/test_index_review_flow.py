"""The whole life of a city's Index response, in the browser and through the pages only: the coordinator
assigns a section, a contributor answers it with evidence, the coordinator submits, the secretariat comments
on a question and returns the response, the city fixes it and submits again, the secretariat validates."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from icc.index.models import Answer, EvidenceFile, Response, ResponseStatus
from tests.browser.test_accession_flow import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
STRATEGY = "Has the city adopted an intercultural strategy?"
COMMENT = "Your explanation mentions a draft only: was the strategy adopted by the council?"
NOTE = "Please answer the comment on the strategy and check that answer."
REPLY = "Yes: the council adopted it on 12 May 2025; the link shows the decision."


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def question(page: Page, question_id: str) -> Locator:
    return page.locator(f"#q-{question_id.replace('.', '-')}")


def saves(block: Locator, change: Callable[[], None], by: str) -> None:
    """Make a change in a question block and wait until the server has saved it (the revision moves on)."""
    revision = block.locator("input[name=base_revision]")
    before = revision.input_value()
    change()
    expect(revision).not_to_have_value(before)
    expect(block.locator(".saved-status")).to_contain_text(re.compile(rf"Saved (at|on) .* by {by}"))


def choose(block: Locator, label: str, by: str) -> None:
    saves(block, lambda: block.get_by_label(label, exact=True).check(), by)


def type_in(block: Locator, label: str, text: str, by: str) -> None:
    field = block.get_by_label(label, exact=True)

    def change() -> None:
        field.fill(text)
        field.blur()

    saves(block, change, by)


def test_a_response_goes_from_assignment_to_validation(
    page: Page, transactional_db, tmp_path, alice, bob, carol, lyon_response
):
    response_url = f"/index/responses/{lyon_response.pk}/"
    review_url = f"/index/responses/{lyon_response.pk}/review/"
    status = page.locator("main .messages")

    # 1. Bob, the coordinator, asks Carol to answer the section on commitment.
    sign_in(page, "bob@example.org", PASSWORD, response_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lyon · Index 2026")
    assign = page.get_by_role("region", name="Ask a colleague to answer a section")
    assign.get_by_label("Section", exact=True).select_option(label="1. Commitment")
    assign.get_by_label("Person", exact=True).select_option(label="Carol Petit")
    assign.get_by_role("button", name="Assign", exact=True).click()
    expect(status).to_contain_text("Carol Petit can now answer “Commitment”.")
    commitment_row = page.get_by_role("row", name=re.compile("Commitment"))
    expect(commitment_row.get_by_role("cell").nth(1)).to_contain_text("Carol Petit")
    sign_out(page)

    # 2. Carol answers it, with an explanation, a link and a file.
    sign_in(page, "carol@example.org", PASSWORD, response_url)
    commitment_row = page.get_by_role("row", name=re.compile("Commitment"))
    expect(commitment_row).to_contain_text("assigned to you")
    page.get_by_role("link", name="1. Commitment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Commitment")
    expect(page.locator("main")).to_contain_text("Assigned to: Carol Petit")

    strategy = question(page, "commitment.strategy")
    choose(strategy, "Partly", "Carol Petit")
    expect(page.locator("#section-progress")).to_contain_text("1 of 3 questions answered")
    type_in(
        strategy,
        "Explanation and examples",
        "A draft strategy was presented to the council in 2024.",
        "Carol Petit",
    )
    type_in(strategy, "Links", "https://www.lyon.fr/strategie-interculturelle", "Carol Petit")
    choose(question(page, "commitment.budget"), "Yes", "Carol Petit")
    choose(question(page, "commitment.statement"), "No", "Carol Petit")
    expect(page.locator("#section-progress")).to_contain_text("3 of 3 questions answered")

    pdf = tmp_path / "council draft.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% the draft strategy\n%%EOF\n")
    strategy.get_by_label("Attach a file").set_input_files(pdf)
    strategy.get_by_role("button", name="Attach", exact=True).click()
    strategy = question(page, "commitment.strategy")
    expect(strategy.locator(".evidence")).to_contain_text("“council_draft.pdf” attached.")
    expect(strategy.get_by_role("link", name="council_draft.pdf")).to_be_visible()
    sign_out(page)

    # 3. Bob answers the other sections (not the optional one), reviews what is missing and submits.
    sign_in(page, "bob@example.org", PASSWORD, f"{response_url}sections/education/")
    expect(page.get_by_role("heading", level=1)).to_have_text("2. Education")
    choose(question(page, "education.mixed_schools"), "Some", "Bob Durand")
    choose(question(page, "education.activities"), "Mother-tongue classes", "Bob Durand")
    type_in(question(page, "education.share_pupils"), "Your answer (per cent, 0 to 100)", "24", "Bob Durand")
    expect(page.locator("#section-progress")).to_contain_text("3 of 3 questions answered")

    page.get_by_role("link", name="Public services →").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("3. Public services")
    choose(question(page, "public_services.recruitment"), "Partly", "Bob Durand")
    choose(question(page, "public_services.services"), "Translation", "Bob Durand")
    type_in(question(page, "public_services.staff_count"), "Your answer (a number)", "8400", "Bob Durand")

    page.get_by_role("link", name="Language →").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("4. Language")
    choose(question(page, "language.courses"), "Yes", "Bob Durand")
    choose(question(page, "language.media"), "Some", "Bob Durand")
    type_in(question(page, "language.founded"), "Your answer (a year, e.g. 2024)", "2011", "Bob Durand")

    page.get_by_role("link", name="All sections").click()
    page.get_by_role("link", name="Review and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit the response of Lyon")
    expect(page.locator("main")).to_contain_text("3 questions that apply are still unanswered.")
    expect(page.get_by_role("heading", name="Unanswered questions")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Is there a consultative council"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Describe one example"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("intercultural strategy"))).to_have_count(0)
    page.get_by_label("I have checked the answers; submit them to the secretariat.").check()
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(status).to_contain_text("The response of Lyon was submitted to the secretariat.")
    expect(page.locator(".facts .badge")).to_have_text("Submitted")
    expect(page.locator("main")).to_contain_text("read-only while the secretariat reviews it")
    expect(page.get_by_role("link", name="Review and submit")).to_have_count(0)

    page.get_by_role("link", name="1. Commitment").click()
    expect(page.locator("main")).to_contain_text(
        "This response is submitted: the answers can be read but no longer changed."
    )
    expect(page.locator("main input[type=radio], main textarea, main input[type=file]")).to_have_count(0)
    expect(question(page, "commitment.strategy").locator(".answer-readonly")).to_contain_text("Partly")
    sign_out(page)

    # 4. Alice, for the secretariat, comments on the strategy answer and returns the response.
    sign_in(page, "alice@example.org", PASSWORD, review_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review: Lyon, Index 2026")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submitted")
    reviewed = page.get_by_role("article", name=STRATEGY)
    expect(reviewed).to_contain_text("Partly")
    expect(reviewed).to_contain_text("A draft strategy was presented to the council in 2024.")
    expect(reviewed.get_by_role("link", name="https://www.lyon.fr/strategie-interculturelle")).to_be_visible()
    expect(reviewed.get_by_role("link", name="council_draft.pdf")).to_be_visible()
    reviewed.get_by_text("Comment on this question").click()
    reviewed.get_by_label("Your question or remark to the city").fill(COMMENT)
    reviewed.get_by_role("button", name="Send the comment").click()
    expect(status).to_contain_text("Comment sent.")
    reviewed = page.get_by_role("article", name=STRATEGY)
    expect(reviewed.locator(".thread")).to_contain_text(COMMENT)
    expect(reviewed.locator(".thread .badge")).to_have_text("Open")

    page.get_by_label("Note to the city (required)").fill(NOTE)
    page.get_by_role("button", name="Return for revision").click()
    expect(status).to_contain_text("Returned to the city for revision.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Returned for revision")
    sign_out(page)

    # 5. Bob reads the note and the comment, replies, changes the answer and submits again.
    sign_in(page, "bob@example.org", PASSWORD, response_url)
    note = page.locator(".review-note")
    expect(note).to_contain_text("Note from the secretariat")
    expect(note).to_contain_text(NOTE)
    expect(note).to_contain_text("1 comment on a question waits for your reply")
    expect(page.locator(".facts .badge")).to_have_text("Returned for revision")
    page.get_by_role("link", name="1. Commitment").click()
    strategy = question(page, "commitment.strategy")
    thread = strategy.locator(".thread")
    expect(thread).to_contain_text(COMMENT)
    expect(thread).to_contain_text("Alice Martin")
    expect(thread.locator(".badge")).to_have_text("Open")
    thread.get_by_label("Your reply").fill(REPLY)
    thread.get_by_role("button", name="Send the reply").click()
    expect(status).to_contain_text("Reply sent.")
    strategy = question(page, "commitment.strategy")
    expect(strategy.locator(".thread")).to_contain_text(REPLY)
    expect(strategy.locator(".thread .badge")).to_have_text("Answered")

    choose(strategy, "Yes", "Bob Durand")
    page.get_by_role("link", name="All sections").click()
    page.get_by_role("link", name="Review and submit").click()
    page.get_by_label("I have checked the answers; submit them to the secretariat.").check()
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(status).to_contain_text("The response of Lyon was submitted to the secretariat.")
    expect(page.locator(".facts .badge")).to_have_text("Submitted")
    sign_out(page)

    # 6. Alice reads the reply, resolves the conversation and validates the response.
    sign_in(page, "alice@example.org", PASSWORD, review_url)
    reviewed = page.get_by_role("article", name=STRATEGY)
    expect(reviewed.locator("dl")).to_contain_text("Yes")
    expect(reviewed.locator(".thread")).to_contain_text(REPLY)
    expect(reviewed.locator(".thread")).to_contain_text("Bob Durand")
    expect(reviewed.locator(".thread .badge")).to_have_text("Answered")
    reviewed.get_by_role("button", name="Mark as resolved").click()
    expect(status).to_contain_text("Conversation marked as resolved.")
    expect(page.get_by_role("article", name=STRATEGY).locator(".thread .badge")).to_have_text("Resolved")

    page.get_by_label("I have reviewed the answers").check()
    page.get_by_role("button", name="Validate the response").click()
    expect(status).to_contain_text("Validated. The answers are locked and count for scoring and reports.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Validated")
    expect(page.get_by_role("button", name="Reopen the response")).to_be_visible()

    # What is stored: validated, the changed answer's history by both people, the evidence file.
    response = Response.objects.get(pk=lyon_response.pk)
    assert response.status == ResponseStatus.VALIDATED
    answer = Answer.objects.get(response=response, question="commitment.strategy")
    assert answer.value == "yes"
    authors = {entry.history_user for entry in answer.history.all()}
    assert {carol, bob} <= authors
    assert "partly" in {entry.value for entry in answer.history.filter(history_user=carol)}
    assert answer.history.filter(history_user=bob).latest().value == "yes"
    evidence = EvidenceFile.objects.get(answer=answer)
    assert evidence.name == "council_draft.pdf"
    with evidence.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF-1.4")
