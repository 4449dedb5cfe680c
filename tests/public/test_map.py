"""The SVG map of the network's cities: projection, placement, markup and the selector behind it."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from icc.network.models import CityStatus
from icc.public.map import (
    EUROPE,
    SHAPES_FILE,
    WORLD,
    MapCity,
    MapView,
    equal_earth,
    laea,
    laea_inverse,
    load_shapes,
    network_map,
)
from icc.public.selectors.map import city_url, map_cities
from tests.factories import CityFactory

CAPITALS = {
    "Lisbon": (-9.14, 38.72),
    "Madrid": (-3.70, 40.42),
    "Paris": (2.35, 48.86),
    "Berlin": (13.40, 52.52),
    "Oslo": (10.75, 59.91),
    "Rome": (12.50, 41.90),
    "Athens": (23.73, 37.98),
    "Helsinki": (24.94, 60.17),
    "Reykjavik": (-21.94, 64.15),
    "Tbilisi": (44.79, 41.72),
}


def city(name: str, lon: float, lat: float, *, country: str = "FR", status: str = "member") -> MapCity:
    return MapCity(
        name=name,
        slug=name.lower().replace(" ", "-"),
        country=country,
        status=status,
        latitude=lat,
        longitude=lon,
    )


def url_for(c: MapCity) -> str:
    return f"/en/cities/{c.slug}/"


NETWORK = [
    city("Lyon", 4.84, 45.76),
    city("Lisbon", -9.14, 38.72, country="PT"),
    city("Oslo", 10.75, 59.91, country="NO"),
    city("Bergamo", 9.67, 45.70, country="IT", status="candidate"),
    city("Santa Cruz de Tenerife", -16.25, 28.47, country="ES"),
    city("Haifa", 34.99, 32.79, country="IL"),
    city("Rabat", -6.84, 34.02, country="MA"),
    city("Montreal", -73.57, 45.50, country="CA"),
    city("Hamamatsu", 137.73, 34.71, country="JP"),
    city("Ballarat", 143.85, -37.56, country="AU"),
    city("Mexico City", -99.13, 19.43, country="MX"),
]


def render(view: MapView) -> str:
    return render_to_string("public/_map.html", {"map": view})


def test_projection_keeps_european_capitals_in_their_relative_positions():
    at = {name: EUROPE.place(lon, lat) for name, (lon, lat) in CAPITALS.items()}
    # SVG y grows downwards: north is a smaller y.
    assert at["Lisbon"][0] < at["Madrid"][0] < at["Paris"][0] < at["Berlin"][0] < at["Athens"][0]
    assert at["Oslo"][1] < at["Berlin"][1] < at["Rome"][1] < at["Athens"][1]
    # Meridians converge northwards, so only north-south is asked of Reykjavik.
    assert at["Reykjavik"][1] < at["Oslo"][1]
    assert at["Helsinki"][0] > at["Oslo"][0]
    for name, (lon, lat) in CAPITALS.items():
        assert EUROPE.contains(lon, lat), f"{name} should be on the main map"


def test_the_inverse_projection_finds_the_same_place():
    # The build script outlines the main map's area on the world view through the inverse.
    for lon, lat in CAPITALS.values():
        x, y = laea(lon, lat)
        back = laea_inverse(x, y)
        assert back == pytest.approx((lon, lat), abs=1e-9)
    assert equal_earth(0, 0) == (0.0, 0.0)
    assert equal_earth(-120, 30)[0] < 0 < equal_earth(120, 30)[0]


def test_cities_outside_europe_appear_on_the_world_view_and_only_there():
    view = network_map(NETWORK, url_for=url_for)
    main = {p.name for p in view.main.points}
    assert view.world is not None
    world = {p.name for p in view.world.points}
    assert world == {"Montreal", "Hamamatsu", "Ballarat", "Mexico City"}
    assert {"Lyon", "Lisbon", "Oslo", "Bergamo", "Santa Cruz de Tenerife", "Haifa", "Rabat"} == main
    montreal, tokyo_way = (
        next(p for p in view.world.points if p.name == n) for n in ("Montreal", "Hamamatsu")
    )
    assert montreal.x < tokyo_way.x
    ballarat = next(p for p in view.world.points if p.name == "Ballarat")
    assert ballarat.y > montreal.y  # the southern hemisphere is below


def test_a_network_all_in_europe_has_no_world_view():
    view = network_map(NETWORK[:4], url_for=url_for)
    assert view.world is None
    assert "World map" not in render(view)


def test_a_city_on_the_edge_of_europe_goes_to_the_world_view_rather_than_being_cut():
    azores = city("Ponta Delgada", -25.67, 37.74, country="PT")
    view = network_map([azores], url_for=url_for)
    assert view.world is not None and view.world.points[0].name == "Ponta Delgada"


def test_the_svg_has_one_link_per_city_with_its_name_country_and_status():
    html = render(network_map(NETWORK, url_for=url_for))
    svg_links = re.findall(r'<a class="map-city map-(\w+)" href="([^"]+)" aria-label="([^"]+)">', html)
    assert len(svg_links) == len(NETWORK)
    assert sorted(href for _, href, _ in svg_links) == sorted(url_for(c) for c in NETWORK)
    labels = {label for _, _, label in svg_links}
    assert "Lyon, France, member city" in labels
    assert "Bergamo, Italy, candidate city" in labels
    assert "Hamamatsu, Japan, member city" in labels
    # Each label is also the tooltip, and the same links follow as a list.
    assert "<title>Lyon, France, member city</title>" in html
    assert html.count('href="/en/cities/lyon/"') == 2


def test_members_and_candidates_differ_by_shape_not_only_colour():
    view = network_map(NETWORK, url_for=url_for)
    html = render(view)
    bergamo = re.search(r'aria-label="Bergamo[^"]*">.*?</a>', html, re.S)
    lyon = re.search(r'aria-label="Lyon[^"]*">.*?</a>', html, re.S)
    assert bergamo and '<path class="map-marker' in bergamo.group(0)
    assert '<circle class="map-marker' not in bergamo.group(0)
    assert lyon and '<circle class="map-marker' in lyon.group(0)


def test_every_city_has_an_invisible_tap_target_larger_than_its_marker():
    html = render(network_map(NETWORK, url_for=url_for))
    for link in re.findall(r'<a class="map-city.*?</a>', html, re.S):
        hit = re.search(r'<circle class="map-hit"[^>]* r="([\d.]+)"', link)
        assert hit and float(hit.group(1)) >= 12, link  # 24 px across at desktop width; map.css: phones
    assert "Member cities (10)" in html
    assert "Candidate city (1)" in html


def test_the_map_sends_the_reader_to_no_other_host():
    html = render(network_map(NETWORK, url_for=url_for))
    assert "http" not in html
    assert "//" not in html.replace("://", "")  # no protocol-relative URL either
    assert "<script" not in html


def test_it_shows_the_main_map_area_on_the_world_view():
    html = render(network_map(NETWORK, url_for=url_for))
    assert 'class="map-frame"' in html
    assert "The outlined area is the map above." in html


def test_coordinates_stay_dots_for_french_readers():
    with translation.override("fr"):
        html = render(network_map(NETWORK, url_for=url_for))
    numbers = re.findall(r'(?:cx|cy|r|width|height)="([^"]+)"', html)
    assert numbers and all("," not in n and "\u202f" not in n and "\xa0" not in n for n in numbers)
    assert 'viewBox="0 0 1000 ' in html


def test_members_countries_are_shaded():
    view = network_map(NETWORK, url_for=url_for)
    shaded = {shape.code for shape in view.main.countries if shape.has_cities}
    assert {"FR", "PT", "NO", "ES", "IL", "MA"} <= shaded
    assert "IT" not in shaded  # Bergamo is only a candidate
    assert "DE" not in shaded


def test_the_list_under_the_map_is_in_alphabetical_order():
    view = network_map(NETWORK, url_for=url_for)
    names = [p.name for p in view.cities]
    assert names[:3] == ["Ballarat", "Bergamo", "Haifa"]


def test_keyboard_users_meet_the_cities_on_the_map_in_alphabetical_order():
    html = render(network_map(NETWORK, url_for=url_for))
    main_svg = html.split("</svg>")[0]
    labels = re.findall(r'<a class="map-city[^"]*" href="[^"]+" aria-label="([^,]+),', main_svg)
    assert labels == sorted(labels) and labels[0] == "Bergamo"


def test_an_unknown_status_is_refused_with_the_field_named():
    with pytest.raises(ValueError, match="status of 'Nowhere' must be"):
        network_map([city("Nowhere", 0, 45, status="withdrawn")], url_for=url_for)


def test_the_shape_file_loads_is_small_and_matches_the_code():
    assert SHAPES_FILE.stat().st_size < 300 * 1024
    shapes = load_shapes()
    assert "Natural Earth" in shapes["source"]
    for panel in (EUROPE, WORLD):
        data = shapes["panels"][panel.name]
        assert (data["width"], data["height"]) == (panel.width, panel.height), (
            "rebuild: tools/build_map_shapes.py"
        )
        codes = {code for code, _ in data["countries"]}
        assert {"FR", "PT", "NO", "MA", "IL"} <= codes
        assert all(re.fullmatch(r"[mlz0-9 \-]+", path) for _, path in data["countries"])
    assert {"CA", "JP", "AU", "KR", "MX"} <= {code for code, _ in shapes["panels"]["world"]["countries"]}


def test_map_cities_lists_members_and_candidates_with_coordinates_in_one_query(
    db, lyon, bergamo, django_assert_num_queries
):
    CityFactory(name_en="Udine", status=CityStatus.SUSPENDED)
    CityFactory(name_en="Olbia", status=CityStatus.WITHDRAWN)
    CityFactory(name_en="Nowhere", latitude=None, longitude=None)
    CityFactory(name_en="Ansan", country="KR", latitude=Decimal("37.32"), longitude=Decimal("126.83"))
    with django_assert_num_queries(1):
        cities = map_cities()
    by_name = {c.name: c for c in cities}
    assert set(by_name) == {"Lyon", "Bergamo", "Ansan"}
    assert by_name["Bergamo"].status == "candidate"
    assert by_name["Lyon"].status == "member"
    assert by_name["Ansan"].longitude == pytest.approx(126.83)
    view = network_map(cities, url_for=url_for)
    assert view.world is not None and [p.name for p in view.world.points] == ["Ansan"]


def test_city_url_points_to_the_public_city_page(db, lyon):
    [lyon_on_map] = map_cities()
    assert city_url(lyon_on_map).rstrip("/").endswith("/lyon")
