"""Evidence of impact in the browser: the secretariat uploads a file of outcome figures, reads its dry run
(nothing written yet), imports it, then runs the analysis and reads its results (the analysis reads
synthetic published Index results here, with a built-in association); the pages pass axe (WCAG 2.1 AA)."""

import pytest
from playwright.sync_api import Page, expect

from icc.impact import services
from icc.impact.models import AnalysisRun, OutcomeValue
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible
from tests.impact.helpers import synthetic

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
FILE = (
    "city,year,outcome,value,unit,source,licence\n"
    "Lyon,2022,employment,64.1,% employed,INSEE,Licence Ouverte 2.0\n"
    "Porto,2022,employment,61.0,% employed,INE,CC-BY-4.0\n"
)


def test_the_secretariat_imports_outcomes_and_runs_the_analysis(
    page: Page, transactional_db, alice, lyon, porto, monkeypatch
):
    inputs = synthetic(cities=25, seed=3, slope=0.4, kinds=("employment",))
    monkeypatch.setattr(services, "analysis_inputs", lambda: inputs)

    sign_in(page, "alice@example.org", PASSWORD, "/impact/outcomes/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Outcome figures")
    page.get_by_label("File of outcome figures (CSV or XLSX)").set_input_files(
        files=[{"name": "outcomes.csv", "mimeType": "text/csv", "buffer": FILE.encode()}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("status")).to_contain_text("The file is correct: 2 figures (2 new")
    assert not OutcomeValue.objects.exists()
    assert_accessible(page)
    page.get_by_role("button", name="Import the figures").click()
    expect(page.locator("main .messages")).to_contain_text("2 outcome figures imported")
    expect(page.get_by_role("table", name="Outcome figures")).to_contain_text("Porto")

    page.get_by_role("link", name="Evidence of impact").click()
    page.get_by_label("Monte Carlo weightings").fill("20")
    page.get_by_role("button", name="Run the analysis").click()
    expect(page.get_by_role("heading", name="The Index and each outcome")).to_be_visible()
    expect(
        page.get_by_role("table", name="Correlations of the Index aggregate with each outcome")
    ).to_contain_text("employment rate")
    expect(page.locator("figure.chart svg").first).to_be_visible()
    expect(page.get_by_role("heading", name="Limits of these figures")).to_be_visible()
    assert_accessible(page)
    assert AnalysisRun.objects.get().is_finished
