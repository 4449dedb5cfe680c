"""The main page types work under the Content-Security-Policy: Chromium loads each one, and the test fails on
any violation the browser reports (a `securitypolicyviolation` event, or a CSP message in the console).

Pages: the public home with its map, a city with its charts, compare, the API docs (Swagger UI), the network
report with its charts, a city's report page (inline SVG charts), and the answer-entry page, where an answer
is saved by htmx as it is given; the language switch (a static script now) changes the page's language.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, expect

from icc.accounts.models import RoleKind
from icc.index.models import Response
from icc.reports.models import Report
from icc.reports.selectors.city_report import city_report_content
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_public_accessibility import build_site
from tests.factories import ResponseFactory, RoundFactory, UserFactory, grant

pytestmark = pytest.mark.browser

# Reported by the page itself: init scripts run before the page's own and are not subject to its policy.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
    + `(${e.sourceFile || ""}:${e.lineNumber || ""}) ${e.sample || ""}`);
});
"""


def test_the_main_pages_run_without_a_policy_violation(browser: Browser, live_server, transactional_db):
    site = build_site()
    lyon = Response.objects.get(round=site.first, city__slug="lyon")
    report = Report.objects.create(
        response=lyon,
        draft_content={lang: city_report_content(lyon, language=lang).to_dict() for lang in ("en", "fr")},
        draft_generated_at=timezone.now(),
    )
    open_round = RoundFactory(
        name="Index 2032", questionnaire=site.first.questionnaire, opens_on=timezone.now().date()
    )
    answering = ResponseFactory(round=open_round, city=lyon.city)
    bob = UserFactory(email="bob@example.org", full_name="Bob Durand")
    grant(bob, RoleKind.CITY_COORDINATOR, city=lyon.city)

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    violations: list[str] = []

    def visit(path: str, ready: str) -> None:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert "Content-Security-Policy" in {h.title() for h in response.headers}, path
        page.locator(ready).first.wait_for()
        violations.extend(f"{path}: {v}" for v in page.evaluate("window.__cspViolations"))

    try:
        visit("/", ".icc-map svg")
        visit("/en/cities/lyon/", "svg.bar-chart")
        visit(f"/en/compare/?cities=lyon,porto,reggio-emilia&round={site.first.pk}", "table")
        # The language switch submits its form from site.js, not from an inline handler.
        page.locator("#lang-select").select_option("fr")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        page.locator("#lang-select").select_option("en")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        visit("/api/v1/docs", ".swagger-ui .info")
        page.locator(".swagger-ui .opblock-summary").first.click()  # an operation opens, drawn by Swagger UI
        page.locator(".swagger-ui .opblock-body").first.wait_for()
        violations.extend(f"API docs: {v}" for v in page.evaluate("window.__cspViolations"))

        sign_in(page, "alice@example.org", "correct horse battery", f"/reports/manage/{report.pk}/")
        page.locator("svg.report-chart").first.wait_for()
        violations.extend(f"report: {v}" for v in page.evaluate("window.__cspViolations"))
        visit(f"/reports/network/rounds/{site.first.pk}/", "figure.chart svg")
        page.context.clear_cookies()

        section = f"/index/responses/{answering.pk}/sections/{site.area}/"
        sign_in(page, "bob@example.org", "correct horse battery", section)
        block = page.locator(".question").first
        block.locator("input[type=radio]").first.check()
        expect(block.get_by_role("status")).to_contain_text("Saved at")  # htmx saved it and swapped
        violations.extend(f"{section}: {v}" for v in page.evaluate("window.__cspViolations"))
    finally:
        context.close()

    assert violations == [] and console == [], "\n".join(violations + console)
