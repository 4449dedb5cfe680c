"""An evaluation's main journey in the browser: the secretariat builds the instrument from Lyon's strategy and
opens it; the coordinator answers a section (each answer saved as it is given, with htmx) and submits; the
secretariat assigns the expert, who drafts the report and sends it for review; the secretariat publishes it
and
the public page shows it. The section and report pages pass axe (WCAG 2.1 AA)."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from icc.evaluations.models import Evaluation, EvaluationAnswer, EvaluationQuestion
from icc.evaluations.services import answer_save
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.evaluations.helpers import make_strategy
from tests.experts.profile_fixtures import expert_for

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def _as(page: Page, email: str, url: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email, PASSWORD, url)


def test_an_evaluation_goes_from_the_instrument_to_the_published_report(
    page: Page, transactional_db, alice, bob, erin, lyon
):
    strategy = make_strategy(lyon)
    expert_for(erin)
    page.context.set_default_timeout(60_000)  # a long journey on a shared, busy machine

    # The secretariat builds the instrument from the strategy and opens it to the city.
    _as(page, "alice@example.org", "/evaluations/new/")
    page.get_by_label("Strategy to evaluate").select_option(label=f"Lyon · {strategy.title}")
    page.get_by_role("button", name="Build the instrument").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Instrument of Evaluation of “Lyon for all”")
    expect(page.locator("main")).to_contain_text("Welcome desk")
    evaluation = Evaluation.objects.get()
    page.goto(f"/evaluations/{evaluation.pk}/")
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("The city answers by").fill(deadline.isoformat())
    page.get_by_role("button", name="Open to the city").click()
    expect(page.locator("main .messages")).to_contain_text("Told: Bob Durand.")

    # The coordinator answers the first section: each answer is saved as it is given.
    _as(page, "bob@example.org", f"/evaluations/{evaluation.pk}/")
    section = evaluation.sections.order_by("order").first()
    page.get_by_role("link", name=section.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(section.title)
    assert_accessible(page)
    # Read before the answering starts: the live server shares the test's database connection, so the test
    # reads nothing while a save is on its way, and waits for each save's answer before the next step.
    questions = [(q.pk, q.action.title) for q in section.questions.select_related("action").order_by("order")]
    for pk, title in questions:
        block = page.locator(f"#q-{pk}")

        def saved(response, pk=pk):
            return response.url.endswith(f"/questions/{pk}/answer/")

        with page.expect_response(saved):
            block.locator("input[value='4']").check()
        expect(block.get_by_role("status")).to_contain_text("Saved.")
        # Typed words are saved 0.8 s after the last key, without leaving the box.
        with page.expect_response(saved):
            block.get_by_label("Explanation and examples").press_sequentially(f"Done for {title}.")
        expect(block.get_by_role("status")).to_contain_text("Saved.")
        expect(page.locator(f"#q-{pk}-rev")).to_have_value(re.compile(r"^[2-9]$"))
    answers = EvaluationAnswer.objects.filter(question__section=section).order_by("question__order")
    assert [(a.value, a.saved_by) for a in answers] == [("4", bob)] * section.questions.count()
    assert [a.text for a in answers] == [f"Done for {a.question.action.title}." for a in answers]
    # The other sections, answered by colleagues meanwhile.
    for question in EvaluationQuestion.objects.filter(section__evaluation=evaluation).exclude(
        section=section
    ):
        answer_save(
            by=bob, question=question, value="3" if question.kind == "scale" else "", text="On track."
        )
    page.goto(f"/evaluations/{evaluation.pk}/")
    page.get_by_role("button", name="Submit the answers to the secretariat").click()
    expect(page.locator("main .messages")).to_contain_text("Your answers were submitted to the secretariat.")

    # The secretariat accepts the answers by assigning the expert.
    _as(page, "alice@example.org", f"/evaluations/{evaluation.pk}/")
    page.get_by_label("Expert who writes the report").select_option(label="Erin Keller")
    page.get_by_role("button", name="Assign the expert").click()
    expect(page.locator("main .messages")).to_contain_text("Told: Erin Keller.")

    # The expert drafts the report and sends it for review.
    _as(page, "erin@example.org", f"/evaluations/{evaluation.pk}/report/")
    page.get_by_label("Summary (English)").fill("Lyon carried out most of its strategy.")
    page.get_by_label("Findings (English)").fill("The welcome desk opened on time.")
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator("main .messages")).to_contain_text("The report was saved.")
    page.get_by_label("Recommendation (English)").fill("Keep the welcome desk open on Saturdays.")
    page.get_by_label("About the action").select_option(label="Welcome desk")
    page.get_by_role("button", name="Add the recommendation").click()
    expect(page.locator("main .messages")).to_contain_text("Recommendation added.")
    assert_accessible(page)
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator("[data-report-status]")).to_have_text("in review")

    # The secretariat publishes it; the public page shows it.
    _as(page, "alice@example.org", f"/evaluations/{evaluation.pk}/report/")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("[data-report-status]")).to_have_text("published")
    page.get_by_role("link", name="Public page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluation of “Lyon for all”")
    expect(page.locator("main")).to_contain_text("Keep the welcome desk open on Saturdays.")
    expect(page.locator("main")).to_contain_text("About the action “Welcome desk”")
