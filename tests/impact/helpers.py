"""Synthetic Index results and outcomes with a known association, for the impact tests."""

from __future__ import annotations

from typing import Any

import numpy as np

AREAS = ["commitment", "education", "neighbourhoods", "public_services", "business", "mediation"]
YEARS = [2014, 2022, 2026]
BANDS_POP = ["<100k", "100k-200k", "200k-500k", ">=500k"]
BANDS_DIV = ["<10%", "10-15%", "15-20%", ">=20%"]


def synthetic(
    *,
    cities: int = 60,
    seed: int = 0,
    slope: float = 0.3,
    noise: float = 5.0,
    kinds: tuple[str, ...] = ("employment",),
) -> dict[str, Any]:
    """`analysis_inputs()`-shaped data: one scores document per year (newest first) and outcome figures
    y = 50 + slope · (Index of the same round) + the city's own level + noise (slope 0: independent)."""
    rng = np.random.default_rng(seed)
    base = rng.normal(55, 12, cities)
    documents = []
    outcomes = []
    level = {kind: rng.normal(0, noise, cities) for kind in kinds}
    for t, year in enumerate(YEARS):
        entries = []
        for c in range(cities):
            areas = {a: float(np.clip(base[c] + rng.normal(0, 8) + 2 * t, 0, 100)) for a in AREAS}
            aggregate = float(np.mean(list(areas.values())))
            entries.append(
                {
                    "city": f"City {c}",
                    "slug": f"city-{c}",
                    "aggregate": aggregate,
                    "areas": areas,
                    "peer_groups": {"population": BANDS_POP[c % 4], "diversity": BANDS_DIV[(c // 4) % 4]},
                }
            )
            for kind in kinds:
                value = 50 + slope * aggregate + level[kind][c] + rng.normal(0, noise)
                outcomes.append({"city": f"city-{c}", "year": year, "kind": kind, "value": float(value)})
        documents.append({"round": {"id": t + 1, "name": f"Index {year}"}, "cities": entries})
    return {"scores": list(reversed(documents)), "outcomes": outcomes}
