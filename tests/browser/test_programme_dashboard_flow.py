"""The programme's dashboard in the browser: the secretariat opens the dashboard, reads a target's progress
and status, drills down to the records behind the number, then reviews a risk (a lower likelihood, a later
review, a reason) and adds a mitigation action; the dashboard, drill-down and risk pages pass axe (WCAG 2.1
AA)."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from icc.programme.models import Risk
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.programme.helpers import make_strategy

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_the_secretariat_drills_down_a_target_and_reviews_a_risk(
    page: Page, transactional_db, alice, lyon, porto
):
    strategy = make_strategy(alice)
    # The machine is shared: a first page may load slowly (static files); a longer wait asserts nothing.
    page.set_default_navigation_timeout(90_000)
    page.set_default_timeout(60_000)

    sign_in(page, "alice@example.org", PASSWORD, "/programme/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("The programme's dashboard")
    targets = page.get_by_role("table", name="Targets of the objective “Controlled expansion”")
    expect(targets).to_contain_text("2 / 3 cities")
    expect(page.locator("main")).to_contain_text("No source yet")
    assert_accessible(page)

    targets.get_by_role("link", name="3 member cities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("3 member cities")
    records = page.get_by_role("table", name="The records behind the number")
    expect(records).to_contain_text("Lyon")
    expect(records).to_contain_text("Porto")
    assert_accessible(page)

    page.goto(page.url.split("/programme/")[0] + "/programme/risks/")
    page.get_by_role("link", name="Too many candidates at once").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Too many candidates at once")
    assert_accessible(page)
    page.get_by_label("Likelihood").select_option("2")
    review = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    page.get_by_label("Next review").fill(review)
    page.get_by_label("What changed (kept in the history)").fill("Accessions scheduled per quarter")
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator("main .messages")).to_contain_text("The risk was saved.")
    page.get_by_label("Mitigation action").fill("Open a waiting list")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator("main")).to_contain_text("Open a waiting list")

    risk = Risk.objects.get(pk=strategy["risk"].pk)
    assert risk.likelihood == 2
    assert risk.review_on.isoformat() == review
    assert risk.actions.count() == 2
