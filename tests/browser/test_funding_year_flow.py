"""Funding in the browser: the secretariat records an application to a donor, sees it in the year overview
with the year's income (the ordinary budget and the fees read from the membership records), and exports the
year as XLSX; the application form and the year overview pass axe (WCAG 2.1 AA)."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from icc.funding.models import BudgetLine, FundingApplication
from icc.network.models import FeeStatus
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.factories import MembershipPeriodFactory
from tests.funding.helpers import make_donor

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_the_secretariat_records_an_application_and_exports_the_year(
    page: Page, transactional_db, alice, lyon
):
    make_donor(alice, "Nordic Inclusion Fund")
    BudgetLine.objects.create(
        year=2026, source="ordinary", planned=Decimal("610000"), actual=Decimal("600000")
    )
    MembershipPeriodFactory(city=lyon, year=2026, amount=Decimal("5000"), status=FeeStatus.PAID)

    sign_in(page, "alice@example.org", PASSWORD, "/funding/applications/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New application")
    assert_accessible(page)
    page.get_by_label("Donor").select_option(label="Nordic Inclusion Fund")
    page.get_by_label("Title").fill("Intercultural competence training for city staff")
    page.get_by_label("Budget year").fill("2026")
    page.get_by_label("Amount asked (EUR)").fill("60000")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Intercultural competence training")
    expect(page.get_by_role("heading", level=1)).to_contain_text("draft")
    page.get_by_label("New status").select_option("submitted")
    page.get_by_role("button", name="Change the status").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("submitted")
    assert FundingApplication.objects.get().status == "submitted"

    page.get_by_role("link", name="2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding 2026")
    expect(page.locator("#applications-h + ul")).to_contain_text("Intercultural competence training")
    income = page.get_by_role("table", name="Income by source")
    expect(income).to_contain_text("Council of Europe ordinary budget")
    expect(income).to_contain_text("Member cities' fees")
    expect(income).to_contain_text("600,000.00")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Export (XLSX)").click()
    assert download.value.suggested_filename == "icc-funding-2026.xlsx"
    with open(download.value.path(), "rb") as saved:
        workbook = load_workbook(io.BytesIO(saved.read()))
    lines = {row[2].value: row[4].value for row in workbook["2026"].iter_rows(min_row=2)}
    assert Decimal(str(lines["Council of Europe ordinary budget"])) == Decimal("600000")
    assert Decimal(str(lines["Member cities' fees"])) == Decimal("5000")
    applications = [row[1].value for row in workbook["Applications"].iter_rows(min_row=2)]
    assert applications == ["Intercultural competence training for city staff"]
