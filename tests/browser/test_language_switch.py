"""The public site's language switch, as a reader uses it: on a city's page in English, choose
« Français » and land on the same page at its French address, in French; and back to English."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import CityFactory

pytestmark = pytest.mark.browser


def test_the_language_switch_moves_a_city_page_between_its_english_and_french_addresses(
    transactional_db, page: Page
):
    CityFactory(name_en="Geneva", name_fr="Genève", slug="geneva", country="CH")

    page.goto("/en/cities/geneva/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geneva")

    page.get_by_label("Language").select_option(label="Français")

    page.wait_for_url(re.compile(r"/fr/cities/geneva/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Genève")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_attached()
    # The French address is shareable: opened afresh by an English browser, it stays French.
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_label("Langue").select_option(label="English")

    page.wait_for_url(re.compile(r"/en/cities/geneva/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geneva")
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
