"""A city coordinator invites a colleague from the response page; the colleague accepts the link and can
open the response. Every form's error summary links move focus to the field."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.test_accession_flow import sign_in

pytestmark = pytest.mark.browser


def test_a_coordinator_invites_a_contributor_who_accepts(
    page: Page, browser, transactional_db, bob, lyon_response
):
    back = f"/index/responses/{lyon_response.pk}/"
    sign_in(page, "bob@example.org", "correct horse battery", back)
    page.get_by_role("link", name="Invite a colleague as a contributor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite a colleague as a contributor")
    page.get_by_label("E-mail address").fill("nadia@lyon.example.org")
    page.get_by_label("Full name").fill("Nadia Benali")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page).to_have_url(re.compile(rf"{back}$"))
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to nadia@lyon.example.org.")
    expect(page.locator("#team-h ~ ul")).to_contain_text("nadia@lyon.example.org")

    link = re.search(r"https?://[^/]+(/accounts/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)
    context = browser.new_context(base_url=page.url.split("/index/")[0], locale="en-GB")
    try:
        newcomer = context.new_page()
        newcomer.goto(link)
        newcomer.get_by_label("Password", exact=False).first.fill("Intercultural-2026")
        newcomer.get_by_label("Password again").fill("Intercultural-2026")
        newcomer.get_by_role("button").last.click()
        newcomer.goto(back)
        expect(newcomer.get_by_role("heading", level=1)).to_contain_text("Lyon")
    finally:
        context.close()

    page.reload()
    row = page.locator("tr", has_text="Nadia Benali")
    expect(row).to_contain_text("City contributor")
    row.get_by_role("button", name=re.compile("remove from the team")).click()
    expect(page.get_by_role("status")).to_contain_text("removed from Nadia Benali")
    expect(page.locator("tr", has_text="Nadia Benali")).to_have_count(0)


def test_the_error_summary_takes_focus_and_its_links_move_focus_to_the_field(
    page: Page, transactional_db, alice
):
    sign_in(page, "alice@example.org", "correct horse battery", "/manage/cities/new/")
    page.get_by_role("button", name="Save").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    summary.get_by_role("link", name=re.compile("Name \\(English\\)")).click()
    expect(page.locator("#id_name_en")).to_be_focused()
    summary.get_by_role("link", name=re.compile("Country")).click()
    expect(page.locator("#id_country")).to_be_focused()
