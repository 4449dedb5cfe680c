"""The public list of cities and a city's public page: register facts, published Index results only.

Also home of the `world` and `anonymous` fixtures the other public-site tests import. The world: one
published round where Lyon and Reggio Emilia agreed to publish, Porto refused and Bergamo never
submitted; and a later round where Lyon's validated, agreed response waits for the round's results to
be published.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from icc.index.models import Response, ResponseScore, Round, RoundStatus
from icc.index.selectors.scores import score_text
from icc.index.services.publication import response_publication_decide, round_results_publish
from icc.index.services.responses import answer_save
from icc.index.services.rounds import round_change_status
from icc.network.models import CityStatus
from icc.reports.models import Report, ReportVersion
from tests.factories import (
    CityContactFactory,
    CityFactory,
    MembershipPeriodFactory,
    ResponseFactory,
    RoundFactory,
)
from tests.index.helpers import ANSWERS, fill_and_submit, validate


@dataclass
class World:
    round: Round  # results published
    lyon: Response  # agreed
    reggio: Response  # agreed
    porto: Response  # refused
    bergamo: Response  # answering, never validated (agreement recorded all the same)
    later: Round  # results not published
    later_lyon: Response  # validated and agreed

    def aggregate(self, response: Response) -> float:
        return ResponseScore.objects.get(response=response).scores["aggregate"]

    def text(self, response: Response) -> str:
        return score_text(self.aggregate(response))


@pytest.fixture(name="world")
def world_fixture(
    alice, lyon, porto, reggio, bergamo, index_round, django_capture_on_commit_callbacks
) -> World:
    capture = django_capture_on_commit_callbacks
    validated = {}
    for city, answers in ((lyon, "Lyon"), (porto, "Porto"), (reggio, "Reggio Emilia")):
        response = ResponseFactory(round=index_round, city=city)
        fill_and_submit(response, answers)
        validated[answers] = validate(response, alice, capture)
    bergamo_response = ResponseFactory(round=index_round, city=bergamo)
    for question, value in ANSWERS["Bergamo"].items():
        answer_save(response=bergamo_response, question=question, value=value, by=None, check_access=False)
    round_change_status(round=index_round, status=RoundStatus.CLOSED, by=alice)
    for name, agreed in (("Lyon", True), ("Reggio Emilia", True), ("Porto", False)):
        validated[name] = response_publication_decide(response=validated[name], agreed=agreed, by=alice)
    Response.objects.filter(pk=bergamo_response.pk).update(publication_agreed=True)
    round_results_publish(round=index_round, by=alice)

    later = RoundFactory(
        name="Index 2029",
        questionnaire=index_round.questionnaire,
        opens_on=datetime.date(2029, 9, 1),
        deadline=datetime.date(2029, 12, 15),
    )
    later_lyon = ResponseFactory(round=later, city=lyon)
    fill_and_submit(later_lyon, "Porto")  # other answers, so other scores than in the published round
    later_lyon = validate(later_lyon, alice, capture)
    later_lyon = response_publication_decide(response=later_lyon, agreed=True, by=alice)
    index_round.refresh_from_db()
    return World(
        round=index_round,
        lyon=validated["Lyon"],
        reggio=validated["Reggio Emilia"],
        porto=validated["Porto"],
        bergamo=bergamo_response,
        later=later,
        later_lyon=later_lyon,
    )


@pytest.fixture(name="anonymous")
def anonymous_client() -> Client:
    return Client()


def _page(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


# A city's page ---------------------------------------------------------------------------------------


def test_a_city_page_shows_its_public_facts(anonymous, lyon):
    lyon.region = "Auvergne-Rhône-Alpes"
    lyon.population_year, lyon.population_source = 2021, "INSEE"
    lyon.member_since = datetime.date(2008, 5, 1)
    lyon.save()

    page = _page(anonymous, "/en/cities/lyon/")

    assert "<h1>Lyon" in page
    assert "France" in page and "Auvergne-Rhône-Alpes" in page
    assert "522,000" in page and "(2021, source: INSEE)" in page
    assert "May 2008" in page
    assert "Member" in page


def test_a_city_page_never_shows_contacts_notes_fees_or_internal_statuses(anonymous, lyon):
    CityContactFactory(city=lyon, name="Jeanne Secret", email="jeanne@lyon.example.org", phone="+33 4 00 00")
    MembershipPeriodFactory(city=lyon, year=2025, invoice_reference="INV-LYON-2025")
    lyon.notes = "Mayor hesitant about renewal."
    lyon.eligibility_justification = "Admitted despite the rules."
    lyon.save()
    suspended = CityFactory(name_en="Suspendia", slug="suspendia", status=CityStatus.SUSPENDED)

    page = _page(anonymous, "/en/cities/lyon/")

    for secret in (
        "Jeanne Secret",
        "jeanne@lyon.example.org",
        "INV-LYON-2025",
        "Mayor hesitant",
        "Admitted despite",
    ):
        assert secret not in page
    assert anonymous.get(f"/en/cities/{suspended.slug}/").status_code == 404
    assert anonymous.get("/en/cities/atlantis/").status_code == 404


def test_a_city_page_shows_published_results_with_rank_and_the_published_average(anonymous, world):
    lyon, reggio = world.aggregate(world.lyon), world.aggregate(world.reggio)

    page = _page(anonymous, "/en/cities/lyon/")

    assert world.round.name in page
    assert world.text(world.lyon) in page
    assert "1 of 3 cities" in page  # ranked among every validated city of the round
    # The average is over the published cities only (Lyon and Reggio Emilia), never Porto.
    assert score_text((lyon + reggio) / 2) in page
    assert "(2 cities)" in page
    assert 'role="img"' in page  # the chart of its area scores
    assert f"/en/compare/?city=lyon&amp;peer=population&amp;round={world.round.pk}" in page


def test_unpublished_scores_never_reach_a_city_page(anonymous, world):
    lyon_page = _page(anonymous, "/en/cities/lyon/")
    porto_page = _page(anonymous, "/en/cities/porto/")
    bergamo_page = _page(anonymous, "/en/cities/bergamo/")

    # The later round's results are not published: neither its name nor Lyon's score in it shows.
    assert world.later.name not in lyon_page
    assert world.text(world.later_lyon) not in lyon_page
    # Porto refused publication; Bergamo's response was never validated.
    for page in (porto_page, bergamo_page):
        assert "This city has no published Index results." in page
        assert world.round.name not in page
    assert world.text(world.porto) not in porto_page


def test_progress_between_published_rounds_is_charted(anonymous, world, alice):
    round_change_status(round=world.later, status=RoundStatus.CLOSED, by=alice)
    round_results_publish(round=world.later, by=alice)

    page = _page(anonymous, "/en/cities/lyon/")

    assert "Progress between rounds" in page
    assert "Aggregate index of Lyon in each published round" in page
    assert world.text(world.later_lyon) in page and world.text(world.lyon) in page
    assert page.index(world.round.name) < page.rindex(world.later.name)


def test_published_reports_are_listed_for_download(anonymous, world):
    report = Report.objects.create(response=world.lyon)
    version = ReportVersion.objects.create(
        report=report,
        number=2,
        published_at=timezone.now(),
        content={},
        html_en="reports/x.html",
        html_fr="reports/x.fr.html",
        pdf_en="reports/x.pdf",
        pdf_fr="reports/x.fr.pdf",
    )

    refused = ReportVersion.objects.create(
        report=Report.objects.create(response=world.porto),
        number=1,
        published_at=timezone.now(),
        content={},
    )

    page = _page(anonymous, "/en/cities/lyon/")
    porto_page = _page(anonymous, "/en/cities/porto/")

    assert f"/reports/published/{refused.pk}/" not in porto_page  # Porto refused publication
    assert "No report on this city is published yet." in porto_page
    assert f"Analytical report, {world.round.name} (version 2" in page
    assert f'href="/reports/published/{version.pk}/en.pdf"' in page
    assert f'href="/reports/published/{version.pk}/fr.pdf"' in page
    assert "No report on this city is published yet." not in page


def test_a_french_reader_reads_the_city_page_in_french(anonymous, world):
    page = _page(anonymous, "/fr/cities/reggio-emilia/")

    assert '<html lang="fr">' in page
    assert "Italie" in page and "Réseau national" in page
    assert score_text(world.aggregate(world.reggio)).replace(".", ",") in page


# The list ---------------------------------------------------------------------------------------------


def test_the_list_shows_members_and_candidates_only(anonymous, lyon, bergamo, reggio):
    CityFactory(name_en="Enquiria", status=CityStatus.ENQUIRY)
    CityFactory(name_en="Withdrawnia", status=CityStatus.WITHDRAWN)

    page = _page(anonymous, "/en/cities/")

    assert "Lyon" in page and "Bergamo" in page and "Reggio Emilia" in page
    assert "Enquiria" not in page and "Withdrawnia" not in page
    assert "Candidate" in page


def test_the_list_filters_by_country_status_and_search(anonymous, lyon, porto, reggio, bergamo):
    assert "Reggio Emilia" in _page(anonymous, "/en/cities/?country=IT")
    assert "Lyon" not in _page(anonymous, "/en/cities/?country=IT")
    candidates = _page(anonymous, "/en/cities/?status=candidate")
    assert "Bergamo" in candidates and "Reggio Emilia" not in candidates
    found = _page(anonymous, "/en/cities/?q=port")
    assert "Porto" in found and "Lyon" not in found


def test_the_list_marks_cities_with_published_results(anonymous, world):
    page = _page(anonymous, "/en/cities/")

    assert page.count("#results-h") == 2  # Lyon and Reggio Emilia; not Porto, not Bergamo


def test_the_list_needs_a_bounded_number_of_queries(anonymous, world, django_assert_max_num_queries):
    CityFactory.create_batch(30)

    # The page's own reads (countries, counts, one page of rows) plus the frame's (session, settings).
    with django_assert_max_num_queries(10):
        page = _page(anonymous, "/en/cities/")

    assert page.count("<tr>") >= 30
