"""The public site on a 375 px phone, in English and French: no page scrolls sideways, the key numbers are
on screen without scrolling a table (a ranking's score, a city's average and difference, every compared
city), chart text is drawn at 12 px at least and the map's cities are targets of 24 px at least (WCAG 2.5.8).
The site is the one of the accessibility test (two published rounds, several cities)."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.test_public_accessibility import LOCALES, build_site, page_types

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}

# Elements whose whole box must be inside the 375 px viewport, per page type (a selector and what it is).
ON_SCREEN = {
    "rankings": [("table.ranking thead th:nth-child(4)", "the score column")],
    "a city (results, progress chart)": [
        ("table.area-table thead th:nth-child(3)", "the average column"),
        ("table.area-table thead th:nth-child(4)", "the difference column"),
    ],
    "compare 3 cities": [("table.compare-table thead th", "every compared city")],
    "compare a city with its peers": [("table.compare-table thead th", "the city and its peers")],
}

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-wrap, .swagger-ui pre, .visually-hidden')) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      const cls = typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '';
      wide.push(el.tagName.toLowerCase() + cls + ' right=' + Math.round(box.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""

OUTSIDE = """(selector) => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll(selector)]
    .filter(el => { const b = el.getBoundingClientRect(); return b.left < -1 || b.right > width + 1; })
    .map(el => el.textContent.trim() + ' right=' + Math.round(el.getBoundingClientRect().right));
}"""

SMALL_CHART_TEXT = """() => [...document.querySelectorAll('svg.bar-chart text, svg.report-chart text')]
  .filter(t => t.textContent.trim())
  .map(t => [t.textContent.trim(), t.getBoundingClientRect().height])
  .filter(([, h]) => h > 0 && h < 12 * 1.1)
  .slice(0, 5)"""

SMALL_MAP_TARGETS = """() => [...document.querySelectorAll('a.map-city')]
  .map(a => [a.getAttribute('aria-label'), a.getBoundingClientRect()])
  .filter(([, b]) => b.width < 24 || b.height < 24)
  .map(([label, b]) => label + ' ' + Math.round(b.width) + 'x' + Math.round(b.height))
  .slice(0, 5)"""


LEGEND_FILLS = """() => [...document.querySelectorAll('.chart-legend .legend-key rect')]
  .map(r => getComputedStyle(r).fill)"""


@pytest.fixture
def phones(browser: Browser, live_server) -> Iterator[dict[str, Page]]:
    contexts = [
        browser.new_context(base_url=live_server.url, locale=locale, viewport=PHONE)  # type: ignore[arg-type]
        for locale in LOCALES.values()
    ]
    try:
        yield {language: context.new_page() for language, context in zip(LOCALES, contexts, strict=True)}
    finally:
        for context in contexts:
            context.close()


def test_every_public_page_type_fits_a_375_px_phone(transactional_db, phones):
    site = build_site()
    failures = []
    for language, page in phones.items():
        for name, url in page_types(site).items():
            response = page.goto(url)
            assert response is not None and response.status == 200, f"{url}: {response and response.status}"
            if url.startswith("/api/"):
                page.locator(".swagger-ui .info").wait_for()
            where = f"{name} ({url}, {language})"
            overflow = page.evaluate(OVERFLOW)
            if overflow["scroll"] > overflow["width"]:
                failures.append(f"{where}: the page is {overflow['scroll']} px wide: {overflow['wide']}")
            for selector, what in ON_SCREEN.get(name, []):
                if not page.locator(selector).count():
                    failures.append(f"{where}: {what} ({selector}) is missing")
                elif outside := page.evaluate(OUTSIDE, selector):
                    failures.append(f"{where}: {what} is off screen: {outside}")
            if small := page.evaluate(SMALL_CHART_TEXT):
                failures.append(f"{where}: chart text under 12 px: {small}")
            if name.startswith("compare 3") and len(set(page.evaluate(LEGEND_FILLS))) != 4:
                failures.append(f"{where}: the compared cities and the average share colours in the legend")
            if small := page.evaluate(SMALL_MAP_TARGETS):
                failures.append(f"{where}: map targets under 24 px: {small}")
    if failures:
        pytest.fail("On a 375 px phone:\n" + "\n".join(failures), pytrace=False)


HEADER_ROWS = """() => new Set([...document.querySelectorAll('.site-header .header-row > *')]
  .map(el => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2))).size"""


def test_the_header_stays_on_one_line_at_1366_px_in_both_languages(transactional_db, browser, live_server):
    for language, locale in LOCALES.items():
        context = browser.new_context(
            base_url=live_server.url, locale=locale, viewport={"width": 1366, "height": 800}
        )
        try:
            page = context.new_page()
            page.goto(f"/{language}/rankings/")
            assert page.evaluate(HEADER_ROWS) == 1, f"the header wraps at 1366 px in {language}"
        finally:
            context.close()
