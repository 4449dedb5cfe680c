"""A hand-off seen in the browser: the coordinator assigns a section; the contributor sees the unread count in
the header, opens the notice and lands on the section; the count is gone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accession_flow import sign_in
from tests.browser.test_index_review_flow import PASSWORD, sign_out

pytestmark = pytest.mark.browser


def test_the_contributor_is_told_of_the_section_assigned_and_opens_it(
    page: Page, transactional_db, bob, carol, lyon_response
):
    response_url = f"/index/responses/{lyon_response.pk}/"
    sign_in(page, "bob@example.org", PASSWORD, response_url)
    assign = page.get_by_role("region", name="Ask a colleague to answer a section")
    assign.get_by_label("Section", exact=True).select_option(label="1. Commitment")
    assign.get_by_label("Person", exact=True).select_option(label="Carol Petit")
    assign.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("main .messages")).to_contain_text("Carol Petit can now answer “Commitment”.")
    sign_out(page)

    sign_in(page, "carol@example.org", PASSWORD, "/")
    header_link = page.get_by_role("link", name=re.compile(r"^Notifications 1 unread"))
    expect(header_link).to_be_visible()
    header_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    notice = page.locator(".notification-list li").first
    expect(notice).to_contain_text("Section “Commitment” of Lyon · Index 2026 is assigned to you")
    notice.get_by_role("button", name=re.compile("^Open")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Commitment")
    expect(page.locator("[data-unread-count]")).to_have_count(0)
