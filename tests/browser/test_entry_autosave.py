"""A coordinator answers in the browser: each answer is saved as it is given, with nothing to press."""

import re

import pytest
from playwright.sync_api import Page, expect

from icc.index.models import Answer
from icc.index.services.responses import answer_save
from tests.browser.test_accession_flow import sign_in

pytestmark = pytest.mark.browser


def stored(response, question):
    return Answer.objects.filter(response=response, question=question).first()


def test_answers_are_saved_as_they_are_given(page: Page, transactional_db, bob, carol, lyon_response):
    sign_in(
        page,
        "bob@example.org",
        "correct horse battery",
        f"/index/responses/{lyon_response.pk}/sections/commitment/",
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Commitment")
    block = page.locator("#q-commitment-strategy")

    block.get_by_label("Partly").check()
    expect(block.get_by_role("status")).to_contain_text("Saved at")
    expect(block.get_by_role("status")).to_contain_text("Bob Durand")
    expect(page.locator("#section-progress")).to_contain_text("1 of 3 questions answered")
    assert stored(lyon_response, "commitment.strategy").value == "partly"

    # Typing is saved after a pause, without leaving the field; the field keeps the focus and the text.
    explanation = block.get_by_label("Explanation and examples")
    explanation.click()
    explanation.press_sequentially("Adopted by the council in 2019.", delay=10)
    expect(block.locator("input[name=base_revision]")).to_have_value("2")
    assert stored(lyon_response, "commitment.strategy").explanation == "Adopted by the council in 2019."
    expect(explanation).to_be_focused()
    explanation.press_sequentially(" Revised in 2024.", delay=10)
    expect(block.locator("input[name=base_revision]")).to_have_value("3")
    expect(explanation).to_have_value("Adopted by the council in 2019. Revised in 2024.")

    # A link that is not a web address is reported in the status line; the text stays as typed.
    links = block.get_by_label("Links")
    links.fill("lyon.fr/strategie")
    links.blur()
    expect(block.get_by_role("status")).to_contain_text("is not a web address")
    expect(links).to_have_value("lyon.fr/strategie")
    links.fill("https://www.lyon.fr/strategie")
    links.blur()
    expect(block.get_by_role("status")).to_contain_text("Saved at")
    assert stored(lyon_response, "commitment.strategy").links == ["https://www.lyon.fr/strategie"]

    # Meanwhile a colleague changes the same answer: Bob is shown both versions and keeps his.
    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    block.get_by_label("No", exact=True).check()
    expect(block.get_by_role("alert")).to_contain_text("Someone else saved this answer")
    expect(block.locator(".version-theirs")).to_contain_text("Yes")
    expect(block.locator(".version-mine")).to_contain_text("No")
    assert stored(lyon_response, "commitment.strategy").value == "yes"
    block.get_by_role("button", name="Keep my version").click()
    expect(page.locator("#q-commitment-strategy").get_by_role("status")).to_contain_text("Saved at")
    assert stored(lyon_response, "commitment.strategy").value == "no"

    # Evidence: attach a file, then see it listed with a download link.
    block = page.locator("#q-commitment-strategy")
    block.get_by_label("Attach a file").set_input_files(
        {"name": "council decision.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% decision\n"}
    )
    block.get_by_role("button", name="Attach", exact=True).click()
    expect(page.locator("#q-commitment-strategy")).to_contain_text("council_decision.pdf")
    expect(page.get_by_role("link", name=re.compile("council_decision.pdf"))).to_be_visible()

    # Everything is saved: leaving the page asks nothing.
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("link", name="All sections").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lyon")
    assert dialogs == []


def test_a_link_refused_as_invalid_stays_in_its_box_after_other_saves(
    page: Page, transactional_db, bob, lyon_response
):
    sign_in(
        page,
        "bob@example.org",
        "correct horse battery",
        f"/index/responses/{lyon_response.pk}/sections/commitment/",
    )
    block = page.locator("#q-commitment-strategy")
    status = page.locator("#q-commitment-strategy-status")
    links = block.get_by_label("Links")
    links.fill("strasbourg.eu/langues")
    links.blur()
    expect(status).to_contain_text("is not a web address")
    expect(links).to_have_attribute("aria-invalid", "true")

    # Another save on the page: a file attached to the same question, then an answer to another question.
    block.get_by_label("Attach a file").set_input_files(
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% plan\n"}
    )
    block.get_by_role("button", name="Attach", exact=True).click()
    expect(block.get_by_role("link", name=re.compile("plan.pdf"))).to_be_visible()
    page.locator("#q-commitment-statement").get_by_label("Yes", exact=True).check()
    expect(page.locator("#q-commitment-statement-status")).to_contain_text("Saved at")

    # The refused link is still in its box, still flagged; the status line does not claim it was saved.
    expect(links).to_have_value("strasbourg.eu/langues")
    expect(status).to_contain_text("is not a web address")
    expect(status).not_to_contain_text("Saved at")
    expect(links).to_have_attribute("aria-invalid", "true")
    assert stored(lyon_response, "commitment.strategy").links == []

    # Written as people often write it, with www., the address is accepted and stored as https://.
    links.fill("www.strasbourg.eu/langues")
    links.blur()
    expect(status).to_contain_text("Saved at")
    expect(links).not_to_have_attribute("aria-invalid", "true")
    expect(block.get_by_role("alert")).to_have_count(0)  # the upload's new revision was taken: no conflict
    assert stored(lyon_response, "commitment.strategy").links == ["https://www.strasbourg.eu/langues"]
