"""The policy tools in the browser: Lyon's coordinator fills in the housing checklist (each answer saved as it
is chosen), completes it and reads the profile with its gaps; then a business answers the public
diversity-advantage tool without an account and reads its result. The pages pass axe (WCAG 2.1 AA)."""

import pytest
from playwright.sync_api import Page, expect

from icc.policytools.checklist_format import questions_of
from icc.policytools.models import Assessment, BusinessAssessment, Checklist
from icc.policytools.services import checklists_load_shipped
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_a_city_fills_in_a_checklist_and_a_business_answers_the_public_tool(
    page: Page, transactional_db, bob, live_server
):
    checklists_load_shipped()  # a test before may have emptied every table
    housing = Checklist.objects.get(key="housing-2026")
    # The live server's first answer imports every view: on a busy machine it takes longer than the timeout.
    page.goto("/accounts/login/", timeout=120_000)
    sign_in(page, "bob@example.org", PASSWORD, "/policy-tools/checklists/housing-2026/")
    page.get_by_role("button", name="Fill in this checklist").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lyon")
    for n, question in enumerate(questions_of(housing.document)):
        block = page.locator("#q-" + question["id"].replace(".", "-"))
        label = "1 · Being prepared" if n == 0 else "3 · Fully in place and evaluated"
        block.get_by_label(label).check()
        expect(block.get_by_role("status")).to_have_text("Saved.")
    assert_accessible(page)
    page.get_by_role("button", name="Complete and see the profile").click()
    expect(page.locator("main .messages")).to_contain_text("Self-assessment completed")
    expect(page.locator(".score-overall")).to_contain_text("93.0 %")  # 53 of 57 weighted points
    expect(page.get_by_role("heading", name="Gaps, the heaviest first")).to_be_visible()
    assert_accessible(page)
    assert Assessment.objects.get().overall == 93.0

    visitor = page.context.browser.new_context().new_page()
    visitor.goto(live_server.url + "/en/policy-tools/diversity-advantage/")
    business = Checklist.objects.get(key="diversity-advantage-2026")
    for question in questions_of(business.document):
        visitor.locator("#" + question["id"].replace(".", "")).get_by_label("Partly").check()
    assert_accessible(visitor)
    visitor.get_by_role("button", name="See my result").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Your diversity-advantage result")
    expect(visitor.locator(".score-overall")).to_contain_text("66.7 %")
    assert_accessible(visitor)
    assert BusinessAssessment.objects.count() == 0
