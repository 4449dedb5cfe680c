"""sitemap.xml lists the public pages only; robots.txt points to it and keeps crawlers out of the back
office."""

import re

from icc.network.models import CityStatus
from tests.factories import CityFactory
from tests.public.test_city_pages import anonymous_client, world_fixture  # noqa: F401


def _locations(anonymous) -> list[str]:
    response = anonymous.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>http://testserver(.*?)</loc>", response.content.decode())


def test_the_sitemap_lists_public_pages_cities_and_published_rounds(anonymous, world):
    locations = _locations(anonymous)

    for page in (
        "/en/",
        "/en/cities/",
        "/en/rankings/",
        "/en/compare/",
        "/en/methodology/",
        "/en/questionnaires/",
    ):
        assert page in locations
    for city in ("lyon", "porto", "reggio-emilia", "bergamo"):  # members and candidates
        assert f"/en/cities/{city}/" in locations
    assert f"/en/rankings/?round={world.round.pk}" in locations
    assert "/en/questionnaires/icc-example/" in locations


def test_the_sitemap_never_lists_what_is_not_public(anonymous, world):
    enquiry = CityFactory(name_en="Enquiria", slug="enquiria", status=CityStatus.ENQUIRY)
    withdrawn = CityFactory(name_en="Withdrawnia", slug="withdrawnia", status=CityStatus.WITHDRAWN)

    locations = _locations(anonymous)

    assert f"/en/cities/{enquiry.slug}/" not in locations
    assert f"/en/cities/{withdrawn.slug}/" not in locations
    assert f"/en/rankings/?round={world.later.pk}" not in locations  # results not published
    assert not any(location.startswith(("/manage/", "/index/", "/accounts/")) for location in locations)


def test_a_withdrawn_city_with_published_results_keeps_its_page_in_the_sitemap(anonymous, world):
    world.reggio.city.status = CityStatus.WITHDRAWN
    world.reggio.city.save()

    assert "/en/cities/reggio-emilia/" in _locations(anonymous)
    page = anonymous.get("/en/cities/reggio-emilia/").content.decode()
    assert "Withdrawn" not in page  # an internal status is never named


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_back_office(anonymous, db):
    response = anonymous.get("/robots.txt")

    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /manage/" in text and "Disallow: /accounts/" in text
