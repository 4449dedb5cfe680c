"""Build icc/public/data/map_shapes.json, the country shapes of the public map, from Natural Earth.

Run by hand when the shapes or the map's projections change (not by `make`; the result is committed):

    .venv/bin/python tools/build_map_shapes.py                 # fetches world-atlas with `npm pack`
    .venv/bin/python tools/build_map_shapes.py --source DIR    # an unpacked world-atlas package
    .venv/bin/python tools/build_map_shapes.py --source world-atlas-2.0.2.tgz

Source: the npm package `world-atlas` 2.0.2 (ISC licence, by Mike Bostock), which is Natural Earth
4.1.0's "Admin 0 - Countries" (public domain) as TopoJSON. The main map uses the 1:50m shapes, the
world view the 1:110m ones.

What it does, once per panel of `icc.public.map` (`EUROPE`, `WORLD`):
1. decodes the TopoJSON arcs (quantised, delta-encoded) into longitude/latitude;
2. projects every arc with the panel's projection into viewBox units;
3. simplifies each arc with Douglas-Peucker; arcs are shared by neighbours, so borders stay shared and
   no slivers open between countries;
4. assembles the rings of each country, clips them to the panel's window (plus a margin, so the cut
   edges fall outside the drawing), drops rings smaller than a pixel or two;
5. writes each country as one SVG path with integer, relative coordinates, keyed by ISO alpha-2 code.
On the world panel it also writes the outline of the main map's window. Antarctica is left out.

Only this script needs the network (the npm registry); the site reads the JSON file and nothing else.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from icc.public.map import EUROPE, SHAPES_FILE, WORLD, Panel, laea_inverse  # noqa: E402

PACKAGE = "world-atlas@2.0.2"
# Territories without an ISO 3166 numeric code in Natural Earth: Kosovo takes its customary code, the
# others are drawn as land without a country of their own.
CODES_BY_NAME = {"Kosovo": "XK"}
ANTARCTICA = "010"

Point = tuple[float, float]
Ring = list[Point]

# Per panel: which file, how much to simplify (viewBox units), smallest ring kept (square units),
# how far beyond the window to clip (units), and which part of the globe can reach the window at all.
SETTINGS: dict[str, dict[str, Any]] = {
    EUROPE.name: {
        "file": "countries-50m.json",
        "tolerance": 0.7,
        "min_area": 2.0,
        "clip_margin": 20.0,
        "lon_lat_box": (-50.0, 80.0, 10.0, 90.0),
    },
    WORLD.name: {
        "file": "countries-110m.json",
        "tolerance": 0.8,
        "min_area": 1.5,
        "clip_margin": 20.0,
        "lon_lat_box": (-180.0, 180.0, -90.0, 90.0),
    },
}


def fetch_package(workdir: Path) -> Path:
    npm = shutil.which("npm")
    if not npm:
        sys.exit("npm is needed to fetch world-atlas (or pass --source with an unpacked package or .tgz)")
    subprocess.run([npm, "pack", PACKAGE, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - fixed arguments
    return unpack(next(workdir.glob("world-atlas-*.tgz")), workdir)


def unpack(archive: Path, workdir: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (long coastlines would overflow a recursive one)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, worst_index = -1.0, -1
        for index in range(first + 1, last):
            px, py = points[index]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, worst_index = distance, index
        if worst > tolerance:
            keep[worst_index] = True
            stack.extend([(first, worst_index), (worst_index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def clip(ring: Ring, left: float, top: float, right: float, bottom: float) -> Ring:
    """Sutherland-Hodgman against a rectangle; edges left along the border lie outside the drawing."""

    def cut(points: Ring, inside: Any, intersect: Any) -> Ring:
        out: Ring = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    out.append(intersect(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(intersect(previous, current))
        return out

    def at_x(x: float) -> Any:
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y: float) -> Any:
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    points = ring
    for inside, intersect in (
        (lambda p: p[0] >= left, at_x(left)),
        (lambda p: p[0] <= right, at_x(right)),
        (lambda p: p[1] >= top, at_y(top)),
        (lambda p: p[1] <= bottom, at_y(bottom)),
    ):
        if not points:
            break
        points = cut(points, inside, intersect)
    return points


def area(ring: Iterable[Point]) -> float:
    points = list(ring)
    return (
        abs(
            sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
        )
        / 2
    )


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """Integer coordinates, relative moves, implicit repeated line-tos: the shortest plain SVG path."""

    def pair(dx: int, dy: int) -> str:
        return f"{dx}{'' if dy < 0 else ' '}{dy}"

    parts: list[str] = []
    cursor = (0, 0)
    for ring in rings:
        start = ring[0]
        parts.append("m" + pair(start[0] - cursor[0], start[1] - cursor[1]))
        steps = []
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            steps.append(pair(x1 - x0, y1 - y0))
        text = ""
        for step in steps:
            text += step if not text or step.startswith("-") else " " + step
        parts.append("l" + text + "z")
        cursor = start  # after "z" the current point is the ring's start
    return "".join(parts)


def build_panel(panel: Panel, topology: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    lon_lat_arcs = decode_arcs(topology)
    west, east, south, north = settings["lon_lat_box"]
    cache: dict[int, list[Point]] = {}

    def arc_points(index: int) -> list[Point]:
        arc = index if index >= 0 else ~index
        if arc not in cache:
            projected = [panel.place(lon, lat) for lon, lat in lon_lat_arcs[arc]]
            cache[arc] = simplify(projected, settings["tolerance"])
        points = cache[arc]
        return points if index >= 0 else points[::-1]

    def reaches_window(ring_arcs: list[int]) -> bool:
        for index in ring_arcs:
            for lon, lat in lon_lat_arcs[index if index >= 0 else ~index]:
                if west <= lon <= east and south <= lat <= north:
                    return True
        return False

    margin = settings["clip_margin"]
    window = (-margin, -margin, panel.width + margin, panel.height + margin)
    countries: list[list[str]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == ANTARCTICA:
            continue
        code = alpha_2(numeric, geometry["properties"]["name"])
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings: list[list[tuple[int, int]]] = []
        for polygon in polygons:
            if not reaches_window(polygon[0]):
                continue
            for ring_arcs in polygon:
                for ring in panel_rings(panel, ring_arcs, arc_points, lon_lat_arcs, settings["tolerance"]):
                    if panel is not WORLD:
                        ring = clip(ring, *window)
                    rounded: list[tuple[int, int]] = []
                    for x, y in ring:
                        point = (round(x), round(y))
                        if not rounded or point != rounded[-1]:
                            rounded.append(point)
                    if len(rounded) > 1 and rounded[0] == rounded[-1]:
                        rounded.pop()
                    if len(rounded) >= 3 and area(rounded) >= settings["min_area"]:
                        rings.append(rounded)  # open: "z" closes it
        if rings:
            countries.append([code, path_data(rings)])
    result: dict[str, Any] = {"width": panel.width, "height": panel.height, "countries": countries}
    if panel is WORLD:
        result["frame"] = frame_outline(EUROPE, WORLD)
    return result


def panel_rings(
    panel: Panel,
    ring_arcs: list[int],
    arc_points: Any,
    lon_lat_arcs: list[list[Point]],
    tolerance: float,
) -> list[Ring]:
    """One ring in viewBox units, or, on the world panel, the pieces of a ring cut at the antimeridian.

    Natural Earth's Russia and Fiji cross 180°; drawn as they are on a map centred on Greenwich they
    would draw lines across the whole world. Their longitudes are unwrapped, the ring is clipped to
    [-180°, 180°] at each 360° shift, and each piece is projected and simplified on its own.
    """
    lon_lat: Ring = []
    for index in ring_arcs:
        arc = lon_lat_arcs[index if index >= 0 else ~index]
        points = arc if index >= 0 else arc[::-1]
        lon_lat.extend(points[1:] if lon_lat else points)
    crosses = any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(lon_lat))
    if panel is not WORLD or not crosses:
        ring: Ring = []
        for index in ring_arcs:
            points = arc_points(index)
            ring.extend(points[1:] if ring else points)  # arcs share their end points
        return [ring]
    unwrapped: Ring = [lon_lat[0]]
    for lon, lat in lon_lat[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        shifted = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = clip(shifted, -180.0, -90.0, 180.0, 90.0)
        if piece:
            pieces.append(simplify([panel.place(lon, lat) for lon, lat in piece], tolerance))
    return pieces


def frame_outline(inner: Panel, outer: Panel, steps: int = 24) -> str:
    """The edge of `inner`'s window, as seen on `outer` (a curved quadrilateral)."""
    corners = [
        (inner.west, inner.north),
        (inner.east, inner.north),
        (inner.east, inner.south),
        (inner.west, inner.south),
    ]
    points: list[tuple[int, int]] = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        for step in range(steps):
            t = step / steps
            lon, lat = laea_inverse(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            x, y = outer.place(lon, lat)
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
    return path_data([points])


def alpha_2(numeric: str | None, name: str) -> str:
    import pycountry

    if numeric:
        country = pycountry.countries.get(numeric=numeric)
        if country:
            return str(country.alpha_2)
    return CODES_BY_NAME.get(name, "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="an unpacked world-atlas package or its .tgz")
    parser.add_argument("--output", type=Path, default=SHAPES_FILE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if args.source is None:
            package = fetch_package(workdir)
        elif args.source.is_file():
            package = unpack(args.source, workdir)
        else:
            package = args.source
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        panels = {}
        for panel in (EUROPE, WORLD):
            settings = SETTINGS[panel.name]
            topology = json.loads((package / settings["file"]).read_text(encoding="utf-8"))
            panels[panel.name] = build_panel(panel, topology, settings)
    document = {
        "source": f"Natural Earth 4.1.0 Admin 0 - Countries, via npm {meta['name']} {meta['version']}",
        "licence": "Natural Earth: public domain; world-atlas packaging: ISC",
        "built": datetime.date.today().isoformat(),
        "panels": panels,
    }
    args.output.write_text(
        json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    size = args.output.stat().st_size
    counts = ", ".join(f"{name}: {len(p['countries'])} countries" for name, p in panels.items())
    print(f"wrote {args.output} ({size / 1024:.0f} KB; {counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
