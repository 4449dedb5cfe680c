"""Someone without an account registers for an open event on the public site and asks for travel funding;
the secretariat approves it; on the day the secretariat marks them present; they download their certificate
of attendance. Through the pages only, in two browsers (the participant's and the secretariat's); the public
event page and the participant's page pass axe (WCAG 2.1 AA) and run under the Content-Security-Policy."""

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from icc.activities.models import Audience, Event, FundingRequest, Registration
from icc.activities.services.events import event_create
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_content_security_policy import LISTEN
from tests.browser.test_dashboard import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture
def contexts(browser: Browser, live_server) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    made = []
    for _n in range(2):
        context = browser.new_context(base_url=live_server.url, locale="en-GB", accept_downloads=True)
        context.set_default_timeout(15_000)
        context.add_init_script(LISTEN)
        made.append(context)
    yield made[0], made[1]
    for context in made:
        context.close()


def _violations(page: Page) -> list[str]:
    return [f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations")]


def test_a_person_registers_gets_funding_attends_and_downloads_the_certificate(
    contexts, transactional_db, alice
):
    now = timezone.now()
    event = event_create(
        actor=alice,
        kind_key="conference",
        title_en="Cities of welcome",
        title_fr="Villes d'accueil",
        starts_at=now + datetime.timedelta(days=20),
        ends_at=now + datetime.timedelta(days=21),
        place="Lisbon congress centre",
        audience=Audience.PUBLIC,
        capacity=100,
        funding_ceiling=Decimal("600.00"),
        status="published",
    )
    participant, secretariat = (context.new_page() for context in contexts)
    violations: list[str] = []

    # The participant finds the event on the public site and registers: no account, consent given.
    participant.goto("/en/events/")
    participant.get_by_role("link", name="Cities of welcome").click()
    expect(participant.get_by_role("heading", level=1)).to_have_text("Cities of welcome")
    assert_accessible(participant)
    form = participant.get_by_role("region", name="Register")
    form.get_by_label("Full name").fill("Ana Costa")
    form.get_by_label("E-mail address").fill("ana.costa@example.org")
    form.get_by_role("button", name="Register").click()
    expect(participant.locator(".error-summary")).to_contain_text("Tick the box to agree")
    form = participant.get_by_role("region", name="Register")
    form.get_by_label("I agree that the Council of Europe keeps these data").check()
    form.get_by_role("button", name="Register").click()
    expect(participant.locator("main .messages")).to_contain_text("You are registered: registered.")

    # On their page, they ask for travel funding; above the ceiling it is refused with the ceiling named.
    funding = participant.get_by_role("region", name="Ask for travel funding")
    funding.get_by_label("Travel (EUR)").fill("550")
    funding.get_by_label("Subsistence (EUR)").fill("120")
    funding.get_by_role("button", name="Send the request").click()
    expect(participant.locator(".error-summary")).to_contain_text("ceiling of 600.00 EUR")
    funding = participant.get_by_role("region", name="Ask for travel funding")
    funding.get_by_label("Travel (EUR)").fill("380")
    funding.get_by_label("Subsistence (EUR)").fill("120")
    funding.get_by_role("button", name="Send the request").click()
    expect(participant.locator("main .messages")).to_contain_text("Your request is sent to the secretariat.")
    assert_accessible(participant)
    violations += _violations(participant)

    # The secretariat approves the funding on its page.
    sign_in(secretariat, "alice@example.org", PASSWORD, "/activities/funding/")
    request = secretariat.get_by_role("region", name=re.compile("Ana Costa"))
    expect(request).to_contain_text("Travel 380.00 EUR and subsistence 120.00 EUR requested")
    request.get_by_role("button", name="Record the decision").click()
    expect(secretariat.locator("main .messages")).to_contain_text("The decision is recorded")
    assert FundingRequest.objects.get().status == "approved"

    # The day comes: the secretariat marks her present.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=6),
    )
    secretariat.goto(f"/activities/events/{event.pk}/registrations/")
    secretariat.get_by_role("button", name="Mark Ana Costa present").click()
    expect(secretariat.locator("main .messages")).to_contain_text("Attendance of Ana Costa is marked.")
    assert Registration.objects.get().attended is True
    violations += _violations(secretariat)

    # She downloads her certificate of attendance from her page.
    participant.reload()
    expect(participant.locator("main")).to_contain_text("funding")
    with participant.expect_download() as download_info:
        participant.get_by_role("link", name="Download the certificate of attendance (PDF)").click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download_info.value.suggested_filename.startswith("certificate-cities-of-welcome")
    violations += _violations(participant)
    assert violations == []
