"""The secretariat takes a city's report from its scores to a published version, in the browser and
through the pages only: generate the draft, write the commentary, publish, read version 1."""

import re

import pytest
from playwright.sync_api import Page, expect

from icc.reports.models import ReportVersion
from tests.browser.test_accession_flow import sign_in
from tests.reports.flow_helpers import quick_pdf

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("quick_pdf")]
__all__ = ["quick_pdf"]

SUMMARY = "Lyon leads the sample in commitment; public spaces are where it can learn from its peers."


def test_the_secretariat_writes_a_commentary_and_publishes_version_1(
    page: Page, transactional_db, alice, scored
):
    lyon, _porto = scored
    status = page.locator("main .messages")

    sign_in(page, "alice@example.org", "correct horse battery", f"/index/responses/{lyon.pk}/scores/")
    page.get_by_role("link", name="Report", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report: Lyon, Index 2026")
    page.get_by_role("button", name="Generate the draft").click()
    expect(status).to_contain_text("The draft report is ready, in English and in French.")
    expect(page.locator("#status-banner")).to_contain_text("Not shared with the city")

    page.get_by_role("link", name="Write the commentary").click()
    page.get_by_label("Summary", exact=True).fill(SUMMARY)
    page.get_by_role("button", name="Save the commentary").click()
    expect(status).to_contain_text("Commentary saved.")
    page.get_by_role("link", name="Back to the report").click()
    expect(page.locator("article.report-embed")).to_contain_text(SUMMARY)

    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the report: Lyon, Index 2026")
    page.get_by_role("button", name="Publish this version").click()

    expect(status).to_contain_text("Version 1 is published.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report: Lyon, Index 2026 (version 1)")
    expect(page.locator("#status-banner")).to_contain_text(re.compile(r"Version 1, published on"))
    expect(page.locator("article.report-embed")).to_contain_text(SUMMARY)
    version = ReportVersion.objects.get()
    assert version.number == 1 and version.commentary == {"summary": {"en": SUMMARY}}
    page.get_by_role("link", name=re.compile("← Report: Lyon")).click()
    expect(page.get_by_role("region", name="Published versions")).to_contain_text("Version 1")
