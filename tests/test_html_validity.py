"""The pages' HTML as a validator and the Content-Security-Policy see it, crawled as every standard person.

From a few starting pages per person (public site, back office, the answer-entry page, report pages, the
API docs) the crawl follows the site's own links, so a new page is checked once something links to it.
On every HTML page:
- the Content-Security-Policy header is there;
- every id named by aria-describedby, aria-labelledby, aria-controls or a label's `for` exists, and no id
  is used twice;
- no bare hx-* attribute (htmx attributes are written data-hx-*, which HTML allows);
- nothing the policy blocks: no style attribute, no inline event handler (onclick=...), no inline script
  or <style> without the request's nonce.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.utils import timezone

from icc.accounts.models import User
from icc.reports.models import Report, ReportVersion
from icc.reports.selectors.city_report import city_report_content
from tests.conftest import client_for

PEOPLE = ["anonymous", "alice", "bob", "carol", "dave", "erin", "frank", "grace"]
REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")
NOT_PAGES = (".csv", ".xlsx", ".pdf", ".json", ".xml", ".txt", ".png", ".svg")
MAX_PAGES_PER_PERSON = 70


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)
        self.problems: list[str] = []
        self.links: list[str] = []
        self._inline: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.append(values["id"])
        for name in REFERENCES:
            if name in values and (name != "for" or tag == "label"):
                self.references += [(tag, name, ref) for ref in values[name].split()]
        for name in values:
            if name.startswith("hx-"):
                self.problems.append(f"<{tag} {name}>: write it data-{name}")
            elif name == "style":
                self.problems.append(f'<{tag} style="{values[name]}">: the CSP blocks it; use a class')
            elif name.startswith("on"):
                self.problems.append(f"<{tag} {name}>: the CSP blocks inline handlers; use a static script")
        data_only = values.get("type") in ("application/json", "application/ld+json")
        if tag == "script" and "src" not in values and "nonce" not in values and not data_only:
            self.problems.append("<script> inline without the nonce: the CSP blocks it")
        if tag == "style" and "nonce" not in values:
            self.problems.append("<style> without the nonce: the CSP blocks it")
        if tag == "a" and values.get("href", "").startswith("/"):
            self.links.append(values["href"])

    handle_startendtag = handle_starttag


def check(path: str, response) -> tuple[list[str], list[str]]:
    """The page's problems, and the pages it links to."""
    problems = []
    if "Content-Security-Policy" not in response:
        problems.append("no Content-Security-Policy header")
    page = Page()
    page.feed(response.content.decode())
    problems += page.problems
    ids = set(page.ids)
    problems += [
        f'<{tag} {attr}="{ref}">: no element has this id'
        for tag, attr, ref in page.references
        if ref not in ids
    ]
    problems += [f'id="{i}" used {n} times' for i, n in Counter(page.ids).items() if n > 1]
    return [f"{path}: {p}" for p in problems], page.links


def crawl(client, seeds: list[str]) -> tuple[list[str], set[str]]:
    problems: list[str] = []
    queue, seen = deque(seeds), set(seeds)
    checked: set[str] = set()
    while queue and len(checked) < MAX_PAGES_PER_PERSON:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        checked.add(path)
        found, links = check(path, response)
        problems += found
        for link in links:
            target = urlsplit(link).path
            # One visit per address (the query string only sorts or filters the same page).
            if target not in seen and not target.endswith(NOT_PAGES) and not target.startswith("/admin/"):
                seen.add(target)
                queue.append(target)
    return problems, checked


@pytest.fixture
def site(request, published, alice):
    """Lyon's results published, with its report (a draft shared with the city, erin assigned, version 1
    published); Porto's scored but not public; the standard people."""
    lyon, _porto = published
    people = {person: request.getfixturevalue(person) for person in PEOPLE[1:]}
    content = {lang: city_report_content(lyon, language=lang).to_dict() for lang in ("en", "fr")}
    now = timezone.now()
    report = Report.objects.create(
        response=lyon, draft_content=content, draft_generated_at=now, shared_at=now, last_published_at=now
    )
    report.experts.add(User.objects.get(email="erin@example.org"))
    version = ReportVersion.objects.create(report=report, number=1, published_at=now, content=content)
    return {"people": people, "lyon": lyon, "report": report, "version": version}


@pytest.mark.parametrize("person", PEOPLE)
def test_every_page_a_person_reaches_is_valid_html_under_the_policy(site, person):
    lyon = site["lyon"]
    seeds = [
        "/",
        f"/en/compare/?cities=lyon&round={lyon.round_id}",
        "/api/v1/docs",
        "/accounts/login/",
    ]
    if person != "anonymous":
        seeds += [
            "/manage/dashboard/",
            f"/index/responses/{lyon.pk}/sections/commitment/",
            f"/reports/manage/{site['report'].pk}/",
            f"/reports/manage/versions/{site['version'].pk}/",
            f"/reports/network/rounds/{lyon.round_id}/",
        ]

    problems, checked = crawl(client_for(site["people"].get(person)), seeds)

    assert len(checked) >= 4, checked
    assert problems == [], "\n".join(problems)


def test_the_checks_catch_what_a_validator_and_the_policy_would():
    html = (
        '<label for="missing">Name</label><input id="a"><p id="a" aria-describedby="a nowhere"></p>'
        '<form hx-post="/x/"></form><div style="color: red" onclick="go()"></div>'
        "<script>alert(1)</script><style>p {}</style>"
        '<script type="application/json" id="settings">{}</script><a href="/en/cities/">Cities</a>'
    )

    problems, links = check("/page/", HttpResponse(html))

    assert problems == [
        "/page/: no Content-Security-Policy header",
        "/page/: <form hx-post>: write it data-hx-post",
        '/page/: <div style="color: red">: the CSP blocks it; use a class',
        "/page/: <div onclick>: the CSP blocks inline handlers; use a static script",
        "/page/: <script> inline without the nonce: the CSP blocks it",
        "/page/: <style> without the nonce: the CSP blocks it",
        '/page/: <label for="missing">: no element has this id',
        '/page/: <p aria-describedby="nowhere">: no element has this id',
        '/page/: id="a" used 2 times',
    ]
    assert links == ["/en/cities/"]
