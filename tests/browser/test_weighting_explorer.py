"""“Build your own Index” in a browser, with the keyboard only: tab to an area's slider, move it with the
arrow and End keys, and the address and the ranking follow; “Official weights” brings the official
ranking back; all of it under the Content-Security-Policy. The world of tests/public/test_city_pages.py:
Lyon (82) ahead of Reggio Emilia (58) under the official weights; participation (official weight 0) is
Reggio Emilia's strongest area (100 to 75).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_content_security_policy import LISTEN
from tests.public.test_city_pages import world_fixture  # noqa: F401

pytestmark = pytest.mark.browser


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _cities(page: Page) -> list[str]:
    return page.locator("table.ranking tbody th").all_inner_texts()


def test_a_slider_moved_with_the_keyboard_reranks_and_official_weights_restore(
    page: Page, transactional_db, world
):
    page.context.add_init_script(LISTEN)  # the sliders' script runs under the Content-Security-Policy
    page.goto("/en/rankings/")
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("82.0")
    assert _cities(page) == ["Lyon", "Reggio Emilia"]
    slider = page.get_by_role("slider", name="Participation")
    expect(slider).to_have_value("0")

    # Tab from the participation box (the last weight) to its slider.
    page.get_by_role("spinbutton", name="Participation").focus()
    page.keyboard.press("Tab")
    expect(slider).to_be_focused()
    page.keyboard.press("ArrowRight")

    expect(page.get_by_role("spinbutton", name="Participation")).to_have_value("0.5")
    page.wait_for_url("**w-participation=0.5**")
    # Lyon (200 + 83.3 + 60 + 66.7 + 0.5 × 75) / 5.5 = 81.4; Reggio Emilia 340 / 5.5 = 61.8.
    expect(page.locator("table.ranking")).to_contain_text("81.4")
    expect(page.locator("table.ranking")).to_contain_text("61.8")
    expect(page.locator("#weighting-status")).to_have_text("The ranking is updated for these weights.")

    page.keyboard.press("End")  # participation at 10: Lyon 1160 / 15 = 77.3, Reggio Emilia 1290 / 15 = 86.0
    page.wait_for_url("**w-participation=10**")
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("Reggio Emilia")
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("86.0")
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("up 1 place")
    assert _query(page) == {"round": [str(world.round.pk)], "w-participation": ["10"]}
    expect(slider).to_be_focused()  # the reader keeps their place
    assert page.evaluate("window.__cspViolations") == []

    # The address is shareable: opened afresh, it shows the same ranking and weights.
    page.goto(page.url)
    assert _cities(page) == ["Reggio Emilia", "Lyon"]
    expect(page.get_by_role("spinbutton", name="Participation")).to_have_value("10")

    page.get_by_role("link", name="Official weights").click()
    page.wait_for_url(lambda url: "w-" not in url)
    assert _cities(page) == ["Lyon", "Reggio Emilia"]
    expect(page.get_by_role("spinbutton", name="Participation")).to_have_value("0")
    expect(page.get_by_role("slider", name="Participation")).to_have_value("0")
