"""The map of the network's cities: an inline SVG drawn from country shapes shipped with the project.

Nothing is fetched at run time and nothing is scripted. `tools/build_map_shapes.py` projected Natural
Earth's country outlines once, with the projections below, into `icc/public/data/map_shapes.json`;
this module projects the cities with the same functions, so they land on the same drawing.

Two panels, because the network is European with a few members far away:
- "europe", the main map: a Lambert azimuthal equal-area projection centred on 10°E 52°N (the
  parameters of the EU's ETRS89-LAEA grid), so areas are true and shapes barely bent across the whole
  of the Council of Europe, from the Canary Islands and Iceland to the Caucasus, with Morocco and
  Israel in the same frame;
- "world", a compact Equal Earth map of every city outside that frame (Canada, Mexico, Japan, Korea,
  Australia...), with the main map's area outlined. A single world map would squeeze the hundred-odd
  European cities into a few hundred pixels; insets per far country would multiply panels as the
  network grows.
Every city appears on exactly one panel, as one link.

Pure: no ORM and no Django. Usage (see `icc/public/selectors/map.py` for where the cities come from):

    from icc.public.map import network_map
    from icc.public.selectors.map import city_url, map_cities

    context["network_map"] = network_map(map_cities(), url_for=city_url)

and in the template `{% include "public/_map.html" with map=network_map %}` (the page links
`public/map.css`). Names, countries and statuses are put into words by the template, in the reader's
language.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "map_shapes.json"
EARTH_RADIUS_KM = 6371.0088

MEMBER = "member"
CANDIDATE = "candidate"

# Size of the markers in viewBox units (both panels are 1000 units wide). Members and candidates differ
# by shape and fill, not only colour: a filled circle against a hollow diamond.
MEMBER_RADIUS = 5.0
CANDIDATE_HALF = 6.0
HIT_RADIUS = 12.0


# --- Projections: (longitude, latitude) in degrees -> (x, y) in km, y pointing north -----------------


def laea(longitude: float, latitude: float, *, lon0: float = 10.0, lat0: float = 52.0) -> tuple[float, float]:
    """Lambert azimuthal equal-area (spherical), centred on (lon0, lat0)."""
    lam = math.radians(longitude - lon0)
    phi = math.radians(latitude)
    phi0 = math.radians(lat0)
    denominator = 1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    # Only the antipode (170°W 52°S, open ocean) has no image; park it far outside every frame.
    k = math.sqrt(2 / denominator) if denominator > 1e-12 else 1e6
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x * EARTH_RADIUS_KM, y * EARTH_RADIUS_KM


def laea_inverse(x: float, y: float, *, lon0: float = 10.0, lat0: float = 52.0) -> tuple[float, float]:
    """The (longitude, latitude) that `laea` sends to (x, y)."""
    x, y = x / EARTH_RADIUS_KM, y / EARTH_RADIUS_KM
    rho = math.hypot(x, y)
    if rho < 1e-12:
        return lon0, lat0
    c = 2 * math.asin(min(1.0, rho / 2))
    phi0 = math.radians(lat0)
    phi = math.asin(math.cos(c) * math.sin(phi0) + y * math.sin(c) * math.cos(phi0) / rho)
    lam = math.atan2(x * math.sin(c), rho * math.cos(phi0) * math.cos(c) - y * math.sin(phi0) * math.sin(c))
    return lon0 + math.degrees(lam), math.degrees(phi)


_EE = (1.340264, -0.081106, 0.000893, 0.003796)


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson and Jenny, 2018), centred on Greenwich."""
    a1, a2, a3, a4 = _EE
    theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * math.radians(longitude)
        * math.cos(theta)
        / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    )
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x * EARTH_RADIUS_KM, y * EARTH_RADIUS_KM


# --- Panels: a projection and the window of it that is drawn --------------------------------------


@dataclass(frozen=True)
class Panel:
    """A projection and a window on it, in km, drawn `width` viewBox units wide."""

    name: str
    project: Callable[[float, float], tuple[float, float]]
    west: float
    east: float
    south: float
    north: float
    width: int = 1000
    marker_size: float = 1.0  # a panel drawn smaller on the page needs larger markers in its units

    @property
    def scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    def to_view(self, x: float, y: float) -> tuple[float, float]:
        """Projected km -> viewBox units (y down)."""
        return (x - self.west) * self.scale, (self.north - y) * self.scale

    def place(self, longitude: float, latitude: float) -> tuple[float, float]:
        return self.to_view(*self.project(longitude, latitude))

    def contains(self, longitude: float, latitude: float, *, margin: float = 0.0) -> bool:
        """Whether the point falls inside the drawn window, `margin` viewBox units in from its edges."""
        x, y = self.place(longitude, latitude)
        return margin <= x <= self.width - margin and margin <= y <= self.height - margin


# Europe from the Canaries and Iceland to the Caucasus and the Urals' foot, North Cape to Israel.
EUROPE = Panel("europe", laea, west=-2800.0, east=3300.0, south=-2350.0, north=2400.0)
# The inhabited world without Antarctica (cropped at 58°S).
_WORLD_EAST, _ = equal_earth(180.0, 0.0)
_, _WORLD_NORTH = equal_earth(0.0, 84.0)
_, _WORLD_SOUTH = equal_earth(0.0, -58.0)
WORLD = Panel(
    "world",
    equal_earth,
    west=-_WORLD_EAST,
    east=_WORLD_EAST,
    south=_WORLD_SOUTH,
    north=_WORLD_NORTH,
    marker_size=1.8,
)
PANELS = {panel.name: panel for panel in (EUROPE, WORLD)}
# A city this close to the main map's edge goes to the world view rather than being cut in half.
EDGE_MARGIN = CANDIDATE_HALF + 2


# --- Shapes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryShape:
    code: str  # ISO 3166-1 alpha-2, "XK" for Kosovo, "" for territories without one
    path: str  # SVG path data in the panel's viewBox units
    has_cities: bool = False


@cache
def load_shapes() -> dict[str, Any]:
    """The projected country shapes, as written by tools/build_map_shapes.py (read once per process)."""
    with SHAPES_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


# --- The map -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapCity:
    """What the map needs of a city; built by `icc.public.selectors.map.map_cities`."""

    name: str
    slug: str
    country: str  # ISO 3166-1 alpha-2
    status: str  # MEMBER or CANDIDATE
    latitude: float
    longitude: float


@dataclass(frozen=True)
class MapPoint:
    name: str
    slug: str
    country: str
    status: str
    url: str
    x: float
    y: float
    panel: str

    @property
    def is_member(self) -> bool:
        return self.status == MEMBER

    # Coordinates as text: a float in a template would be localised ("12,5" in French) and break the SVG.
    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"

    size: float = 1.0  # marker scale: the world view is drawn about half as wide as the main map

    @property
    def radius(self) -> str:
        return f"{MEMBER_RADIUS * self.size:g}"

    @property
    def hit_radius(self) -> str:
        """An invisible disc around the marker: a target of 24 px at least (WCAG 2.5.8) at desktop width;
        map.css enlarges it on a phone, where the drawing shrinks."""
        return f"{HIT_RADIUS * self.size:g}"

    @property
    def diamond(self) -> str:
        """Path data of the candidate marker, a diamond centred on the point."""
        h = CANDIDATE_HALF * self.size
        return f"M{self.x:.1f} {self.y - h:.1f}l{h:g} {h:g} {-h:g} {h:g} {-h:g} {-h:g}z"


@dataclass(frozen=True)
class MapPanel:
    name: str
    width: int
    height: int
    countries: list[CountryShape]
    points: list[MapPoint]
    frame: str = ""  # on the world panel: the outline of the main map's area

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@dataclass(frozen=True)
class MapView:
    main: MapPanel
    world: MapPanel | None  # None when every city fits on the main map
    cities: list[MapPoint]  # every city, in the order of the list under the map
    members: int
    candidates: int


def _panel(name: str, points: list[MapPoint], highlighted: set[str]) -> MapPanel:
    panel = PANELS[name]
    data = load_shapes()["panels"][name]
    countries = [CountryShape(code, path, code in highlighted) for code, path in data["countries"]]
    # Points keep the list's order (by name): the keyboard and screen readers meet them in an order
    # that can be predicted, rather than in drawing order.
    return MapPanel(name, panel.width, panel.height, countries, points, data.get("frame", ""))


def network_map(
    cities: Sequence[MapCity],
    *,
    url_for: Callable[[MapCity], str],
    sort_key: Callable[[MapCity], Any] | None = None,
) -> MapView:
    """Place `cities` on the main map or, when they fall outside it, on the world view.

    `url_for` gives each city's link (the public city page); `sort_key` orders the list under the map
    (by default the name, case and accents aside, as the reader would look it up).
    """
    placed: list[MapPoint] = []
    for city in cities:
        if city.status not in (MEMBER, CANDIDATE):
            raise ValueError(
                f"status of {city.name!r} must be {MEMBER!r} or {CANDIDATE!r}, not {city.status!r}"
            )
        panel = EUROPE if EUROPE.contains(city.longitude, city.latitude, margin=EDGE_MARGIN) else WORLD
        x, y = panel.place(city.longitude, city.latitude)
        placed.append(
            MapPoint(
                name=city.name,
                slug=city.slug,
                country=city.country,
                status=city.status,
                url=url_for(city),
                x=round(x, 1),
                y=round(y, 1),
                panel=panel.name,
                size=panel.marker_size,
            )
        )
    by_slug = {city.slug: city for city in cities}
    key = sort_key or (lambda c: _fold(c.name))
    placed.sort(key=lambda p: key(by_slug[p.slug]))
    highlighted = {p.country for p in placed if p.is_member}
    far = [p for p in placed if p.panel == WORLD.name]
    return MapView(
        main=_panel(EUROPE.name, [p for p in placed if p.panel == EUROPE.name], highlighted),
        world=_panel(WORLD.name, far, highlighted) if far else None,
        cities=placed,
        members=sum(p.is_member for p in placed),
        candidates=sum(not p.is_member for p in placed),
    )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
