"""The intercultural profile of a first visit, in the browser and through the pages only: the lead expert
drafts it (saved as it is typed) and submits it; the secretariat returns it with a comment; the expert
corrects it and submits it again; the secretariat accepts it (the city's accession records the visit) and
shares it; the city's coordinator agrees to publish it; the city's public page shows it. Every page runs
under the Content-Security-Policy without a violation; the visit, drafting, review and public pages pass
axe (WCAG 2.1 AA)."""

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect

from icc.accounts.models import RoleKind
from icc.experts.models import Profile, ProfileArea, ProfileStatus
from icc.network.models import AccessionStep, AccessionStepKind, CityStatus
from icc.network.services.accession import accession_record_step
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_content_security_policy import LISTEN
from tests.browser.test_dashboard import assert_accessible
from tests.experts.profile_fixtures import VISIT_ENDS, first_visit
from tests.factories import CityFactory, UserFactory, grant

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
SUMMARY = "Tampere plans for diversity: a clear commitment, and services that adapt."
STRENGTHS = "An intercultural strategy adopted by the council in 2024."
GENDER_EQUALITY = "Two women among eleven council members."


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:  # the conftest's page, with the CSP listener
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)
    page = context.new_page()
    yield page
    context.close()


def wait_until_saved(page: Page, block: Locator, stored: Callable[[], Any], expected: str) -> None:
    """Until the whole text is stored (a pause while typing may have saved a part of it first) and the page
    has taken that save's revision: nothing is left unsaved on the page."""
    for _ in range(150):
        row = stored()
        if row is not None and expected in (getattr(row, "summary", ""), getattr(row, "strengths", ""),
                                            getattr(row, "needs", ""),
                                            getattr(row, "gender_equality", "")):  # fmt: skip
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail(f"never saved: {expected!r}")
    expect(block.locator("input[name=base_revision]")).to_have_value(row.updated.isoformat())
    expect(block.get_by_role("status")).to_contain_text("Saved at")


def test_a_profile_goes_from_the_experts_draft_to_the_citys_public_page(
    page: Page, transactional_db, alice, erin
):
    tampere = CityFactory(name_en="Tampere", slug="tampere", country="FI", status=CityStatus.ENQUIRY)
    for step, day in (
        (AccessionStepKind.APPLICATION_RECEIVED, datetime.date(2025, 10, 1)),
        (AccessionStepKind.INDEX_SUBMITTED, datetime.date(2025, 12, 1)),
        (AccessionStepKind.REPORT_ISSUED, datetime.date(2026, 2, 1)),
    ):
        accession_record_step(city=tampere, step=step, date=day, by=None)
    ville = UserFactory(email="ville@example.org", full_name="Ville Koski")
    grant(ville, RoleKind.CITY_COORDINATOR, city=tampere)
    visit = first_visit(tampere, erin)
    violations: list[str] = []
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(f"{page.url}: {message.text}")

    page.on("console", on_console)

    def collect() -> None:
        violations.extend(f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations"))

    def as_person(email: str, path: str) -> None:
        collect()
        page.context.clear_cookies()
        sign_in(page, email, PASSWORD, path)

    status = page.locator("main .messages")

    # The lead expert starts the profile and drafts it: each part is saved as it is typed.
    sign_in(page, "erin@example.org", PASSWORD, f"/experts/visits/{visit.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("First expert visit to Tampere")
    assert_accessible(page)
    page.get_by_role("button", name="Start the profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intercultural profile of Tampere (English)")
    summary = page.locator("#area-summary")
    summary.get_by_label("Summary").press_sequentially(SUMMARY, delay=5)
    wait_until_saved(page, summary, lambda: Profile.objects.get(), SUMMARY)
    commitment = page.locator("#area-commitment")
    commitment.get_by_label("Strengths").press_sequentially(STRENGTHS, delay=5)
    area = ProfileArea.objects.filter(area="commitment")
    wait_until_saved(page, commitment, lambda: area.first(), STRENGTHS)
    expect(commitment.get_by_role("status")).to_contain_text("Erin Keller")
    expect(commitment.get_by_label("Strengths")).to_be_focused()
    profile = Profile.objects.get()
    assert profile.summary == SUMMARY
    assert ProfileArea.objects.get(profile=profile, area="commitment").strengths == STRENGTHS
    assert_accessible(page)

    page.get_by_role("link", name="Submit the profile").click()
    page.get_by_role("button", name="Submit the profile").click()
    expect(status).to_contain_text("The profile is submitted")

    # The secretariat comments on an area and returns the profile with its reason.
    as_person("alice@example.org", f"/experts/profiles/{profile.pk}/")
    page.get_by_role("link", name="Review the profile").click()
    assert_accessible(page)
    page.get_by_label("About").select_option(label="Commitment")
    page.get_by_role("textbox", name="Comment").fill("Which budget supports the strategy?")
    page.get_by_role("button", name="Add the comment").click()
    expect(status).to_contain_text("Comment added")
    expect(page.locator("main")).to_contain_text("The gender-equality section is empty")
    page.get_by_label("Why the profile is returned").fill("Name the needs in commitment.")
    page.get_by_role("button", name="Return the profile").click()
    expect(status).to_contain_text("returned to the lead expert")
    expect(page.locator("#status-banner")).to_contain_text("Returned to the expert")

    # The expert reads the comments, corrects the draft and submits it again.
    as_person("erin@example.org", f"/experts/profiles/{profile.pk}/draft/")
    expect(page.get_by_role("region", name="Comments from the secretariat")).to_contain_text(
        "Name the needs in commitment."
    )
    commitment = page.locator("#area-commitment")
    expect(commitment).to_contain_text("Which budget supports the strategy?")
    commitment.get_by_label("Needs").press_sequentially("A yearly budget line.", delay=5)
    wait_until_saved(page, commitment, lambda: area.first(), "A yearly budget line.")
    gender = page.locator("#area-gender-equality")
    gender.get_by_label("Gender equality").press_sequentially(GENDER_EQUALITY, delay=5)
    wait_until_saved(page, gender, lambda: Profile.objects.get(), GENDER_EQUALITY)
    page.get_by_role("link", name="Submit the profile").click()
    page.get_by_role("button", name="Submit the profile").click()
    expect(status).to_contain_text("The profile is submitted")

    # The secretariat accepts it (the city's accession records the visit) and shares it with the city.
    as_person("alice@example.org", f"/experts/profiles/{profile.pk}/review/")
    page.get_by_role("button", name="Accept the profile").click()
    expect(status).to_contain_text(
        "The profile is accepted. Recorded in the city's accession: “Expert visit held”, "
        "“Intercultural profile issued”."
    )
    visit_step = AccessionStep.objects.get(city=tampere, step=AccessionStepKind.EXPERT_VISIT_HELD)
    assert visit_step.date == VISIT_ENDS
    page.get_by_role("link", name="Share with the city").click()
    page.get_by_role("button", name="Share with the city").click()
    expect(status).to_contain_text("The profile is shared with Tampere")

    # The city's coordinator reads it and agrees to publish it.
    as_person("ville@example.org", f"/experts/profiles/{profile.pk}/")
    expect(page.get_by_role("region", name="The profile")).to_contain_text("A yearly budget line.")
    expect(page.get_by_text("Which budget supports the strategy?")).to_have_count(0)  # review stays internal
    page.get_by_role("link", name="Publish on the city's public page").click()
    page.get_by_role("button", name="Agree and publish").click()
    expect(status).to_contain_text("The profile is published on the public page of Tampere.")
    assert Profile.objects.get().status == ProfileStatus.PUBLISHED

    # Anybody reads it on the city's public page; the French version is marked missing.
    collect()
    page.context.clear_cookies()
    page.goto("/en/cities/tampere/")
    section = page.get_by_role("region", name="Intercultural profile")
    expect(section).to_contain_text(SUMMARY)
    expect(section).to_contain_text(STRENGTHS)
    expect(section.get_by_role("listitem").filter(has_text=re.compile("Français"))).to_contain_text(
        "not published"
    )
    assert_accessible(page)
    collect()

    assert violations == [] and console == [], "\n".join(violations + console)
