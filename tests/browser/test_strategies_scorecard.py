"""A city strategy's main journey in the browser: Lyon's coordinator opens the strategy's indicator, adds
the figure of a new period (a second figure for that period is refused on its field), sets a target, reads the
chart and the scorecard row, then the scorecard page; the strategy, indicator and scorecard pages pass axe
(WCAG 2.1 AA)."""

import pytest
from playwright.sync_api import Page, expect

from icc.strategies.models import DataPoint
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.strategies.helpers import make_strategy

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_the_coordinator_adds_a_figure_and_reads_the_scorecard(page: Page, transactional_db, bob, lyon):
    strategy = make_strategy(lyon, bob)
    indicator = strategy.results.get().indicators.get()

    sign_in(page, "bob@example.org", PASSWORD, f"/strategies/{strategy.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lyon together")
    assert_accessible(page)
    page.get_by_role("link", name="Residents who trust their neighbours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Residents who trust their neighbours")
    expect(page.locator("figure.chart svg")).to_be_visible()
    assert_accessible(page)

    add = page.locator("form", has=page.get_by_role("button", name="Add the figure"))
    add.locator("[name=point-period_label]").fill("2024")
    add.locator("[name=point-period_start]").fill("2024-01-01")
    add.locator("[name=point-value]").fill("53")
    add.get_by_role("button", name="Add the figure").click()
    expect(page.locator("main .messages")).to_contain_text("The figure was saved.")
    expect(page.locator("tr[data-period='2024']")).to_contain_text("53")

    add = page.locator("form", has=page.get_by_role("button", name="Add the figure"))
    add.locator("[name=point-period_label]").fill("2024")
    add.locator("[name=point-period_start]").fill("2024-01-01")
    add.locator("[name=point-value]").fill("54")
    add.get_by_role("button", name="Add the figure").click()
    expect(page.locator("main")).to_contain_text("This series already has a figure for 2024")
    assert DataPoint.objects.filter(indicator=indicator, period_label="2024").get().value == 53

    page.goto(page.url.split("/strategies/")[0] + f"/strategies/{strategy.pk}/scorecard/")
    expect(page.get_by_role("table", name="Scorecard: Everyone feels at home")).to_contain_text("2024")
    expect(page.get_by_role("table", name="Scorecard: Everyone feels at home")).to_contain_text(
        "turning the curve"
    )
    assert_accessible(page)
