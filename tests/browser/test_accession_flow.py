"""The secretariat takes a candidate from application to membership, in the browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from icc.network.models import ACCESSION_ORDER, AccessionStepKind, City, CityStatus
from tests.factories import CityFactory

pytestmark = pytest.mark.browser


def sign_in(page: Page, email: str, password: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_the_secretariat_takes_a_city_from_application_to_membership(page: Page, transactional_db, alice):
    city = CityFactory(
        name_en="Tampere", slug="tampere", country="FI", status=CityStatus.ENQUIRY, population=255_000
    )
    sign_in(page, "alice@example.org", "correct horse battery", f"/manage/cities/{city.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tampere")

    for step in ACCESSION_ORDER:
        label = str(AccessionStepKind(step).label)
        page.get_by_role("link", name="Record an accession step").click()
        expect(page.get_by_role("heading", name=f"Record the next step: {label}")).to_be_visible()
        page.get_by_label("Note").fill(f"Browser test: {label}")
        if step == AccessionStepKind.REPORT_ISSUED:
            page.get_by_label("Title of document 1").fill("Analytical report")
            page.get_by_label("File 1").set_input_files(
                {"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% test report\n"}
            )
        page.get_by_role("button", name=f"Record “{label}”").click()
        expect(page.get_by_role("status")).to_contain_text(f"“{label}” recorded for Tampere.")
        expect(page).to_have_url(re.compile(rf"/manage/cities/{city.slug}/$"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Member")
    timeline = page.locator("ol.timeline li")
    expect(timeline).to_have_count(len(ACCESSION_ORDER))
    for index, step in enumerate(ACCESSION_ORDER):
        item = timeline.nth(index)
        expect(item).to_contain_text(str(AccessionStepKind(step).label))
        expect(item).to_contain_text("recorded by Alice Martin")
        expect(item).to_have_class(re.compile(r"\bdone\b"))
    expect(page.get_by_role("link", name=re.compile("Analytical report"))).to_be_visible()

    city = City.objects.get(pk=city.pk)
    assert city.status == CityStatus.MEMBER
    assert city.member_since is not None
