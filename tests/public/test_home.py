"""The public home page, and the methodology and questionnaire pages it leads to."""

from django.test import Client

from tests.conftest import client_for
from tests.public.test_city_pages import _page, anonymous_client, world_fixture  # noqa: F401


def test_the_home_page_shows_the_network_figures_and_its_map(anonymous, lyon, porto, reggio, bergamo, rici):
    page = _page(anonymous, "/en/")

    assert "<h1>Intercultural Cities</h1>" in page
    assert 'class="figure">3</span> member cities' in page
    assert 'class="figure">1</span> national networks' in page
    assert 'href="/en/cities/lyon/"' in page  # a city on the map is a link to its page
    assert "Sign in" in page


def test_the_home_page_shows_the_latest_published_results(anonymous, world):
    page = _page(anonymous, "/en/")

    assert f"Latest Index results: {world.round.name}" in page
    assert "3 cities took part; the results of the 2 that agreed to publish them are public." in page
    assert world.text(world.lyon) in page
    assert world.text(world.porto) not in page
    assert world.later.name not in page
    assert f'href="/en/rankings/?round={world.round.pk}"' in page


def test_a_signed_in_person_reads_the_public_home_with_a_link_to_their_dashboard(bob):
    response = client_for(bob).get("/en/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/manage/dashboard/">Go to my dashboard' in page
    assert "Go to my dashboard" not in Client().get("/en/").content.decode()


def test_the_home_page_is_french_for_a_french_reader(anonymous, lyon):
    page = _page(anonymous, "/fr/")

    assert '<html lang="fr">' in page
    assert "Aller au contenu" in page and "Villes" in page


def test_the_home_page_needs_a_bounded_number_of_queries(anonymous, world, django_assert_max_num_queries):
    # 12, the public content version (page_cache), the round's stored rank intervals (once per version) and
    # the latest news
    with django_assert_max_num_queries(15):
        _page(anonymous, "/en/")


# Methodology and questionnaires ----------------------------------------------------------------------


def test_the_methodology_is_public(anonymous, db):
    page = _page(anonymous, "/en/methodology/")

    assert "How the Intercultural Cities Index is scored" in page
    assert "area score = 100 × points earned ÷ points achievable" in page


def test_only_the_questionnaire_versions_of_published_rounds_are_public(anonymous, index_round, alice):
    assert "icc-example" not in _page(anonymous, "/en/questionnaires/")
    assert anonymous.get("/en/questionnaires/icc-example/").status_code == 404


def test_a_published_version_shows_its_areas_questions_and_points(anonymous, world):
    listing = _page(anonymous, "/en/questionnaires/")
    page = _page(anonymous, "/en/questionnaires/icc-example/")

    assert 'href="/en/questionnaires/icc-example/"' in listing
    assert world.later.name not in listing and world.later.name not in page
    assert "Commitment" in page and "Points" in page
    assert '<td class="num">2</td>' in page or '<td class="num">1</td>' in page


def test_a_published_version_reads_in_french(anonymous, world):
    page = _page(anonymous, "/fr/questionnaires/icc-example/")

    assert (
        "La ville au prisme de l&#x27;interculturel" in page
        or "La ville au prisme de l'interculturel" in page
    )
