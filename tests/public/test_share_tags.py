"""A city's page, shared, says what it is: its description, Open Graph and Twitter card tags, and an image
of its latest published results."""

import re

import pytest
from django.core.cache import cache

from icc.public.views import cities as city_views
from tests.public.test_city_pages import World, _page, anonymous_client, world_fixture  # noqa: F401

pytestmark = pytest.mark.cache  # the share image is drawn once and kept in the cache


def _meta(page: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    assert found, key
    return found.group(1)


def test_a_city_page_has_share_tags_with_an_image_of_its_results(anonymous, world: World):
    page = _page(anonymous, "/fr/cities/lyon/")
    assert _meta(page, "og:title") == "Lyon"
    assert _meta(page, "og:url") == "http://testserver/fr/cities/lyon/"
    assert _meta(page, "og:description") == _meta(page, "description")
    assert "Lyon" in _meta(page, "description") and "Indice" in _meta(page, "description")
    assert page.count('<meta name="description"') == 1
    image = _meta(page, "og:image")
    assert image == f"http://testserver/fr/cities/lyon/areas-{world.round.pk}.png"
    assert _meta(page, "twitter:card") == "summary_large_image"
    response = anonymous.get(image.removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_a_city_without_published_results_is_shared_without_an_image(anonymous, world: World):
    page = _page(anonymous, "/en/cities/bergamo/")
    assert "og:image" not in page
    assert _meta(page, "twitter:card") == "summary"
    assert _meta(page, "description").startswith("Bergamo, a city of the Intercultural Cities network")


def test_the_share_image_is_drawn_once_per_published_data_and_language(anonymous, world: World, monkeypatch):
    cache.clear()
    drawn = []
    draw = city_views.area_chart_image
    monkeypatch.setattr(city_views, "area_chart_image", lambda *a: drawn.append(a) or draw(*a))
    url = f"/fr/cities/lyon/areas-{world.round.pk}.png"
    first, second = anonymous.get(url).content, anonymous.get(url).content
    assert first == second and len(drawn) == 1
    anonymous.get(f"/en/cities/lyon/areas-{world.round.pk}.png")
    assert len(drawn) == 2
