"""A good practice, in the browser and through the pages only: Lyon's coordinator writes it (in French
only) and proposes it; the secretariat publishes it; anyone finds it in the public catalogue with a search
typed without accents or capitals, and reads it, marked as written in French only. The pages run under the
Content-Security-Policy without a violation and the public ones pass axe (WCAG 2.1 AA)."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from icc.practices.models import Practice, PracticeStatus
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_content_security_policy import LISTEN
from tests.browser.test_dashboard import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
TITLE = "Médiation interculturelle à l'école Émile-Zola"


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:  # the conftest's page, with the CSP listener
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)
    page = context.new_page()
    yield page
    context.close()


def test_a_coordinator_proposes_the_secretariat_publishes_the_public_finds_it(
    page: Page, transactional_db, alice, bob, lyon
):
    violations: list[str] = []

    def collect() -> None:
        violations.extend(f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations"))

    status = page.locator("main .messages")

    # Lyon's coordinator writes the practice, in French only, and proposes it.
    sign_in(page, "bob@example.org", PASSWORD, "/practices/work/")
    page.get_by_role("link", name="Propose a practice").click()
    page.locator("select[name=city]").select_option(label="Lyon")
    page.locator("input[name=title_fr]").fill(TITLE)
    page.locator("textarea[name=summary_fr]").fill("Des médiateurs accueillent les familles à l'école.")
    page.locator("textarea[name=description_fr]").fill("Deux médiateurs, huit langues, depuis 2021.")
    page.locator("input[name=started]").fill("2021")
    page.locator("input[name=areas][value=education]").check()
    page.get_by_role("button", name="Save").click()
    expect(status).to_contain_text("saved as a draft")
    page.get_by_role("button", name="Propose to the secretariat").click()
    expect(status).to_contain_text("The practice is proposed to the secretariat")
    practice = Practice.objects.get()
    assert practice.status == PracticeStatus.PROPOSED

    # The secretariat publishes it.
    collect()
    page.context.clear_cookies()
    sign_in(page, "alice@example.org", PASSWORD, f"/practices/work/{practice.pk}/")
    page.get_by_role("button", name="Publish the practice").click()
    expect(status).to_contain_text("The practice is published")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED and practice.version == 1

    # Anyone finds it without typing the accents or the capitals, and reads it.
    collect()
    page.context.clear_cookies()
    page.goto("/en/practices/")
    page.get_by_label("Search").fill("MEDIATION ecole emile")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"q=MEDIATION\+ecole\+emile"))  # a shareable address
    result = page.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    expect(page.locator("main")).to_contain_text("in French only")
    assert_accessible(page)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("This practice is not available in English")
    assert_accessible(page)
    collect()
    assert violations == [], "\n".join(violations)
