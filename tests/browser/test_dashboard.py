"""The signed-in home leads each person to their work: the coordinator of Lyon signs in, sees what needs
them oldest first, follows a line and lands on the page where the work is done; the network's coordinator
follows the Index status of the network's cities to a city."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from icc.index.models import CommentThread, ResponseStatus, ThreadStatus
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_public_accessibility import AXE_OPTIONS
from tests.factories import ResponseFactory, RoundFactory

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def assert_accessible(page: Page) -> None:
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_coordinator_follows_an_item_to_the_work(page: Page, transactional_db, bob, lyon):
    round_ = RoundFactory(name="Index 2026", deadline=timezone.localdate() + datetime.timedelta(days=20))
    response = ResponseFactory(round=round_, city=lyon, status=ResponseStatus.IN_PROGRESS)
    CommentThread.objects.create(response=response, question="q1", status=ThreadStatus.OPEN)

    sign_in(page, "bob@example.org", PASSWORD, "/manage/dashboard/")
    needs = page.get_by_role("region", name=re.compile("What needs you"))
    expect(needs).to_contain_text("Lyon · Index 2026: 5 sections without anyone assigned")
    expect(needs).to_contain_text("20 days left")
    assert_accessible(page)
    needs.get_by_role("link", name="Lyon · Index 2026: 1 open question from the secretariat").click()

    expect(page).to_have_url(re.compile(rf"/index/responses/{response.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lyon")


def test_the_network_coordinator_reaches_a_city_from_the_index_status(
    page: Page, transactional_db, frank, reggio, bergamo
):
    round_ = RoundFactory(name="Index 2026", deadline=timezone.localdate() + datetime.timedelta(days=20))
    ResponseFactory(round=round_, city=reggio, status=ResponseStatus.SUBMITTED)
    ResponseFactory(round=round_, city=bergamo)

    sign_in(page, "frank@example.org", PASSWORD, "/manage/dashboard/")
    page.get_by_role("link", name=re.compile("1 of 2 cities have submitted")).click()
    status = page.get_by_role("table")
    expect(status.get_by_role("row", name=re.compile("Bergamo"))).to_contain_text("Not started")
    expect(status.get_by_role("row", name=re.compile("Reggio Emilia"))).to_contain_text("Submitted")
    assert_accessible(page)
    status.get_by_role("link", name="Bergamo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bergamo")
