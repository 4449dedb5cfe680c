"""Good-practice candidates: per area, the cities ranked best in it (`best_in_area`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from icc.index.scoring.constants import FloatArray
from icc.index.scoring.kernels import competition_ranks
from icc.index.scoring.scores import ScoresDocument


@dataclass(frozen=True)
class Candidate:
    city: str
    score: float
    rank: int


@dataclass(frozen=True, eq=False)
class AreaScoresTable:
    """Area scores read back from a stored scores document (`ScoresDocument.to_dict()`), enough for
    `best_in_area`: the platform stores the document, not the arrays."""

    city_names: tuple[str, ...]
    area_ids: tuple[str, ...]
    areas: FloatArray  # (cities, areas), NaN = null

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> AreaScoresTable:
        cities = doc.get("cities", [])
        area_ids = tuple(doc.get("sample", {}).get("areas", {}))
        areas = np.array(
            [[np.nan if (s := c["areas"].get(a)) is None else s for a in area_ids] for c in cities],
            dtype=np.float64,
        ).reshape(len(cities), len(area_ids))
        return cls(tuple(c["city"] for c in cities), area_ids, areas)


def best_in_area(scores: ScoresDocument | AreaScoresTable, n: int = 3) -> dict[str, list[Candidate]]:
    """Per area, the cities ranked n or better in it (more than n when tied), best first."""
    result: dict[str, list[Candidate]] = {}
    for a, area_id in enumerate(scores.area_ids):
        column = scores.areas[:, a]
        ranks = competition_ranks(column)
        chosen = np.flatnonzero((ranks > 0) & (ranks <= n))
        chosen = chosen[np.argsort(ranks[chosen], kind="stable")]
        result[area_id] = [Candidate(scores.city_names[i], float(column[i]), int(ranks[i])) for i in chosen]
    return result
