"""Lyon's coordinator reads the city's gaps in a browser and publishes them: from the menu to the city's
gaps, a gap with both groups' rates, the download of what the page shows, the confirmation, and the city's
public page that now shows the gaps; accessible (axe-core) and without a Content-Security-Policy violation
(the charts are inline SVG)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from icc.gaps.models import CityGaps
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_content_security_policy import LISTEN
from tests.browser.test_dashboard import assert_accessible
from tests.gaps.reading_data import enter_lyon_gaps

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_the_coordinator_reads_downloads_and_publishes_the_citys_gaps(
    page: Page, transactional_db, alice, bob, lyon
):
    enter_lyon_gaps(lyon, alice)
    page.context.add_init_script(LISTEN)
    sign_in(page, "bob@example.org", PASSWORD, "/manage/dashboard/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Gaps").click()

    expect(page).to_have_url(re.compile(r"/gaps/lyon/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gaps between communities: Lyon")
    employment = page.get_by_role("region", name="Employment, 2024: each group against the reference group")
    row = employment.get_by_role("row", name=re.compile("^Employment rate Foreign-born"))
    expect(row).to_contain_text("65.0 %")  # the group's rate
    expect(row).to_contain_text("70.0 %")  # the reference group's, beside it
    expect(row).to_contain_text("-5.0")
    withheld = employment.get_by_role("row", name=re.compile("^Employment rate Non-EU nationals"))
    expect(withheld).to_contain_text("withheld: too few people")
    expect(page.get_by_role("img", name=re.compile("^Gaps in employment, Lyon, 2024"))).to_be_visible()
    expect(page.get_by_role("region", name="Summary")).to_contain_text("1 gap narrowed clearly")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    saved = download.value
    assert saved.suggested_filename == "lyon-gaps-2024.csv"
    text = Path(saved.path()).read_text(encoding="utf-8-sig")
    assert "Employment rate,2024,Foreign-born,65.0,800,Native-born,70.0,4000" in text

    page.get_by_role("link", name="Publish these gaps…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the gaps of Lyon")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the gaps").click()
    expect(page.locator("main .messages")).to_contain_text("The gaps of Lyon are published")
    assert CityGaps.objects.get(city=lyon).published

    page.get_by_role("link", name="See the public page").click()
    gaps = page.get_by_role("region", name="Gaps between communities")
    expect(gaps).to_contain_text("65.0 %")
    expect(gaps).to_contain_text("70.0 %")
    expect(gaps).to_contain_text("withheld: too few people")
    assert_accessible(page)
    assert page.evaluate("window.__cspViolations") == []
