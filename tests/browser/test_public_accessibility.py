"""WCAG 2.1 A and AA on every public page type, checked by axe-core in Chromium, in English and French, at
desktop width and on a phone; and the map's cities reached with the keyboard, with a visible focus.

The data is realistic: two published rounds, several cities that agreed, one that refused, a candidate
that never submitted, a national network. It is built once (it takes a while) and every page is checked
in one test, which lists every violation (rule, the nodes' selectors, the help text) before failing.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import TestCase
from playwright.sync_api import Browser, Page, expect

from icc.accounts.models import RoleKind
from icc.index.models import Response, Round, RoundStatus
from icc.index.services.publication import response_publication_decide, round_results_publish
from icc.index.services.responses import answer_save
from icc.index.services.rounds import round_change_status
from icc.index.structure import structure_of
from icc.network.models import CityStatus
from tests.factories import (
    CityFactory,
    NationalNetworkFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
    grant,
)
from tests.index.helpers import ANSWERS, fill_and_submit, validate

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
LOCALES = {"en": "en-GB", "fr": "fr-FR"}

# name, latitude, longitude, country, status, national network?
CITIES = [
    ("Lyon", "45.76", "4.84", "FR", CityStatus.MEMBER),
    ("Porto", "41.15", "-8.61", "PT", CityStatus.MEMBER),
    ("Reggio Emilia", "44.70", "10.63", "IT", CityStatus.MEMBER),
    ("Neuchâtel", "46.99", "6.93", "CH", CityStatus.MEMBER),
    ("Limassol", "34.68", "33.04", "CY", CityStatus.MEMBER),
    ("Bergamo", "45.70", "9.67", "IT", CityStatus.CANDIDATE),
    ("Montréal", "45.50", "-73.57", "CA", CityStatus.MEMBER),
]


@dataclass
class Site:
    first: Round
    second: Round
    questionnaire_key: str
    area: str


def build_site() -> Site:
    """Two published rounds: in the first Lyon, Porto, Reggio Emilia and Neuchâtel agreed and Limassol
    refused, Bergamo (a candidate) never submitted; in the second Lyon agreed again (its progress chart)."""
    capture = TestCase.captureOnCommitCallbacks
    alice = UserFactory(email="alice@example.org", full_name="Alice Martin")
    grant(alice, RoleKind.SECRETARIAT)
    rici = NationalNetworkFactory(
        name_en="Italian network of intercultural cities", slug="rici", country="IT"
    )
    cities = {
        name: CityFactory(
            name_en=name,
            name_fr=name,
            slug=name.lower().replace(" ", "-").replace("â", "a").replace("é", "e"),
            country=country,
            status=status,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            national_network=rici if country == "IT" else None,
            member_since=datetime.date(2010, 3, 1) if status == CityStatus.MEMBER else None,
        )
        for name, lat, lon, country, status in CITIES
    }
    rici.lead_city = cities["Reggio Emilia"]
    rici.save()

    first = RoundFactory(name="Index 2026")
    responses = {}
    for name in ("Lyon", "Porto", "Reggio Emilia", "Neuchâtel", "Limassol"):
        response = ResponseFactory(round=first, city=cities[name])
        fill_and_submit(response, name)
        responses[name] = validate(response, alice, capture)
    bergamo = ResponseFactory(round=first, city=cities["Bergamo"])
    for question, value in ANSWERS["Bergamo"].items():
        answer_save(response=bergamo, question=question, value=value, by=None, check_access=False)
    round_change_status(round=first, status=RoundStatus.CLOSED, by=alice)
    for name, response in responses.items():
        response_publication_decide(response=response, agreed=name != "Limassol", by=alice)
    round_results_publish(round=first, by=alice)

    second = RoundFactory(
        name="Index 2029",
        questionnaire=first.questionnaire,
        opens_on=datetime.date(2029, 9, 1),
        deadline=datetime.date(2029, 12, 15),
    )
    for name, answers in (("Lyon", "Porto"), ("Porto", "Lyon")):
        response = ResponseFactory(round=second, city=cities[name])
        fill_and_submit(response, answers)
        response_publication_decide(response=validate(response, alice, capture), agreed=True, by=alice)
    round_change_status(round=second, status=RoundStatus.CLOSED, by=alice)
    round_results_publish(round=second, by=alice)
    assert Response.objects.filter(publication_agreed=True, round=second).count() == 2

    structure = structure_of(first.questionnaire)
    area = next(a.id for a in structure.areas if any(q.scored for q in a.questions))
    return Site(first=first, second=second, questionnaire_key=first.questionnaire.key, area=area)


def page_types(site: Site) -> dict[str, str]:
    first = site.first.pk
    return {
        "home (with the map)": "/",
        "cities": "/en/cities/",
        "a city (results, progress chart)": "/en/cities/lyon/",
        "compare 3 cities": f"/en/compare/?cities=lyon,porto,reggio-emilia&round={first}",
        "compare a city with its peers": f"/en/compare/?city=lyon&peer=population&round={first}",
        "rankings": "/en/rankings/",
        "rankings of one area": f"/en/rankings/?round={first}&area={site.area}",
        "methodology": "/en/methodology/",
        "questionnaires": "/en/questionnaires/",
        "a questionnaire": f"/en/questionnaires/{site.questionnaire_key}/",
        "open data": "/en/data/",
        "data dictionary": "/en/data/dictionary/",
        "API docs": "/api/v1/docs",
        "sign-in": "/accounts/login/",
    }


def describe(violation: dict[str, Any]) -> str:
    nodes = "\n".join(
        f"      {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}"
        for node in violation["nodes"][:8]
    )
    more = f"\n      … and {len(violation['nodes']) - 8} more" if len(violation["nodes"]) > 8 else ""
    return f"  {violation['id']} ({violation['impact']}): {violation['help']}\n{nodes}{more}"


@pytest.fixture
def public_site(transactional_db) -> Site:
    return build_site()


@pytest.fixture
def contexts(browser: Browser, live_server) -> Iterator[dict[tuple[str, str], Page]]:
    """A page per language and viewport."""
    opened = []
    pages = {}
    for language, locale in LOCALES.items():
        for width, viewport in VIEWPORTS.items():
            context = browser.new_context(base_url=live_server.url, locale=locale, viewport=viewport)  # type: ignore[arg-type]
            context.set_default_timeout(15_000)
            opened.append(context)
            pages[language, width] = context.new_page()
    try:
        yield pages
    finally:
        for context in opened:
            context.close()


def test_every_public_page_type_meets_wcag_21_aa(public_site, contexts):
    axe = Axe()
    failures = []
    for (language, width), page in contexts.items():
        for name, english_url in page_types(public_site).items():
            # The public pages in the reader's language: its address says which.
            url = f"/{language}/{english_url[4:]}" if english_url.startswith("/en/") else english_url
            response = page.goto(url)
            assert response is not None and response.status == 200, f"{url}: {response and response.status}"
            if url.startswith("/api/"):
                page.locator(".swagger-ui .info").wait_for()  # the docs are drawn by script
            else:
                expect(page.locator("html")).to_have_attribute("lang", language)
            results = axe.run(page, options=AXE_OPTIONS)
            violations = results.response["violations"]
            if violations:
                failures.append(
                    f"{name} ({url}), {language}, {width}:\n" + "\n".join(map(describe, violations))
                )
    if failures:
        pytest.fail("WCAG 2.1 AA violations:\n" + "\n".join(failures), pytrace=False)


def test_the_map_cities_are_reached_with_tab_and_show_their_focus(page: Page, transactional_db):
    for name, lat, lon, country, status in CITIES:
        CityFactory(
            name_en=name, slug=name.lower().replace(" ", "-").replace("â", "a").replace("é", "e"),
            country=country, status=status, latitude=Decimal(lat), longitude=Decimal(lon),
        )  # fmt: skip
    page.goto("/")
    first_city = page.locator("a.map-city").first
    expect(first_city).to_be_visible()
    marker = first_city.locator(".map-marker")
    before = marker.evaluate("m => getComputedStyle(m).fill + ' ' + getComputedStyle(m).stroke")

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.map-city')"):
            break
    else:
        pytest.fail("no city on the map is reachable with Tab")

    focused = page.locator("a.map-city:focus")
    label = focused.get_attribute("aria-label") or ""
    assert label.endswith(("member city", "candidate city")), label
    after = focused.locator(".map-marker").evaluate(
        "m => getComputedStyle(m).fill + ' ' + getComputedStyle(m).stroke"
    )
    assert after != before, "the focused city looks the same as before: no visible focus style"
    focused.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/cities/[-a-z]+/$"))
