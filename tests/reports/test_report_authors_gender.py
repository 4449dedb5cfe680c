"""The gender balance of report authors (the experts assigned to city reports) on the secretariat's report
pages, counted one way (icc/core/gender.py): each person once, "<5" under 5, no share from fewer than 10."""

from icc.core.gender import MAN, NOT_STATED, WOMAN
from icc.reports.models import Report
from icc.reports.selectors.authors import report_authors_balance
from tests.conftest import client_for
from tests.factories import ResponseFactory, UserFactory


def _section(page: str) -> str:
    section = page[page.index('id="authors-gender-h"') :]
    return section[: section.index("</section>")]


def _reports(index_round, cities, authors):
    for city in cities:
        report = Report.objects.create(response=ResponseFactory(round=index_round, city=city))
        report.experts.set(authors)


def test_each_author_counts_once_whatever_their_number_of_reports(index_round, lyon, porto):
    women = [UserFactory(gender=WOMAN) for _ in range(6)]
    men = [UserFactory(gender=MAN) for _ in range(5)]
    _reports(index_round, [lyon, porto], [*women, *men, UserFactory()])

    authors = report_authors_balance()

    assert (authors.balance.count(WOMAN), authors.balance.count(MAN), authors.balance.count(NOT_STATED)) == (
        6,
        5,
        1,
    )
    assert authors.balance.women_share == 50.0
    assert report_authors_balance(index_round).balance.total == 12


def test_the_secretariat_sees_the_balance_with_small_counts_hidden(alice, index_round, lyon):
    _reports(index_round, [lyon], [UserFactory(gender=WOMAN) for _ in range(2)] + [UserFactory(gender=MAN)])

    for url in ("/reports/manage/", f"/reports/manage/rounds/{index_round.pk}/"):
        section = _section(client_for(alice).get(url).text)
        assert section.count("&lt;5") == 5  # every cell: 2 women, 1 man, 0 of the others
        assert "Share of women: not shown" in section


def test_an_expert_sees_no_balance_of_others(erin, index_round, lyon):
    _reports(index_round, [lyon], [erin, UserFactory(gender=WOMAN)])
    page = client_for(erin).get("/reports/manage/")
    assert page.status_code == 200 and "Lyon" in page.text  # the report she is assigned to
    assert 'id="authors-gender-h"' not in page.text
