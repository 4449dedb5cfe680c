"""The scores document: `score` turns a sample of responses into area, group and aggregate scores,
peer groups, ranks and sample statistics (`ScoresDocument`, one `CityScores` per city).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from icc.index.scoring.bands import DEFAULT_BANDS, PeerBands
from icc.index.scoring.constants import _UNANSWERED, BoolArray, FloatArray, IntArray
from icc.index.scoring.kernels import (
    _STATS,
    _area_scores,
    _descending_order,
    _group_scores,
    _nullable,
    _ranks_within,
    _row_stats,
    _weighted_means,
)
from icc.index.scoring.layout import _apply_conditions, _Layout
from icc.index.scoring.questionnaire import Questionnaire
from icc.index.scoring.responses import Response, ResponseSet


@dataclass(frozen=True)
class CityScores:
    """One city's entry of the scores document."""

    city: str
    questionnaire: str
    complete: bool
    aggregate: float | None
    areas: dict[str, float | None]
    groups: dict[str, float | None]
    peer_groups: dict[str, str | None]
    rank: dict[str, int | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "complete": self.complete,
            "aggregate": self.aggregate,
            "areas": dict(self.areas),
            "groups": dict(self.groups),
            "peer_groups": dict(self.peer_groups),
            "rank": dict(self.rank),
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], questionnaire: str) -> CityScores:
        """A city entry read back from a stored scores document."""
        return cls(
            city=doc["city"],
            questionnaire=questionnaire,
            complete=doc["complete"],
            aggregate=doc["aggregate"],
            areas=dict(doc["areas"]),
            groups=dict(doc.get("groups", {})),
            peer_groups=dict(doc.get("peer_groups", {})),
            rank=dict(doc.get("rank", {})),
        )


@dataclass(frozen=True, eq=False)
class ScoresDocument:
    """Scores of a sample of cities, held as arrays; `to_dict()` gives the interchange format."""

    questionnaire: str
    city_names: tuple[str, ...]
    area_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    complete: BoolArray
    aggregate: FloatArray  # (cities,), NaN = null
    areas: FloatArray  # (cities, areas), a transposed view of the engine's (areas, cities)
    groups: FloatArray  # (cities, groups)
    peer_groups: dict[str, IntArray]  # scale name -> band index per city, -1 = null
    peer_labels: dict[str, tuple[str, ...]]
    ranks: dict[str, IntArray]  # "sample" and scale names -> rank per city, 0 = null
    stats: dict[str, FloatArray]  # index 0 the aggregate, then one per area
    responses: ResponseSet = field(repr=False)
    layout: _Layout = field(repr=False)

    def __len__(self) -> int:
        return len(self.city_names)

    def cities(self) -> list[CityScores]:
        areas, groups = self.areas.tolist(), self.groups.tolist()
        peers = {name: bands.tolist() for name, bands in self.peer_groups.items()}
        ranks = {name: r.tolist() for name, r in self.ranks.items()}
        return [
            CityScores(
                city=city,
                questionnaire=self.questionnaire,
                complete=complete,
                aggregate=_nullable(aggregate),
                areas={a: _nullable(s) for a, s in zip(self.area_ids, areas[i], strict=True)},
                groups={g: _nullable(s) for g, s in zip(self.group_ids, groups[i], strict=True)},
                peer_groups={
                    name: (self.peer_labels[name][band[i]] if band[i] >= 0 else None)
                    for name, band in peers.items()
                },
                rank={name: (r[i] or None) for name, r in ranks.items()},
            )
            for i, (city, complete, aggregate) in enumerate(
                zip(self.city_names, self.complete.tolist(), self.aggregate.tolist(), strict=True)
            )
        ]

    def city(self, name: str) -> CityScores:
        i = self.city_names.index(name)
        return CityScores(
            city=name,
            questionnaire=self.questionnaire,
            complete=bool(self.complete[i]),
            aggregate=_nullable(float(self.aggregate[i])),
            areas={a: _nullable(float(s)) for a, s in zip(self.area_ids, self.areas[i], strict=True)},
            groups={g: _nullable(float(s)) for g, s in zip(self.group_ids, self.groups[i], strict=True)},
            peer_groups={
                name: (self.peer_labels[name][b] if (b := int(band[i])) >= 0 else None)
                for name, band in self.peer_groups.items()
            },
            rank={name: (int(r[i]) or None) for name, r in self.ranks.items()},
        )

    def _stats_dict(self, column: int) -> dict[str, Any]:
        out: dict[str, Any] = {key: _nullable(float(self.stats[key][column])) for key in _STATS}
        out["n"] = int(self.stats["n"][column])
        return out

    def _city_dicts(self) -> list[dict[str, Any]]:
        """`[c.to_dict() for c in self.cities()]`, built from whole columns: nulls are put in by numpy."""

        def rows(matrix: npt.NDArray[Any], null: BoolArray) -> list[Any]:
            values = matrix.astype(object)  # Python floats and ints
            values[null] = None
            return values.tolist()

        scales, rank_names = list(self.peer_groups), list(self.ranks)
        peers = np.empty((len(self), len(scales)), dtype=object)
        for s, name in enumerate(scales):
            labels = np.array([*self.peer_labels[name], None], dtype=object)
            peers[:, s] = labels[self.peer_groups[name]]  # band -1: the None at the end
        ranks = np.stack([self.ranks[name] for name in rank_names], axis=1)
        area_ids, group_ids = self.area_ids, self.group_ids
        return [
            {
                "city": city,
                "complete": complete,
                "aggregate": aggregate,
                "areas": dict(zip(area_ids, areas, strict=True)),
                "groups": dict(zip(group_ids, groups, strict=True)),
                "peer_groups": dict(zip(scales, peer, strict=True)),
                "rank": dict(zip(rank_names, rank, strict=True)),
            }
            for city, complete, aggregate, areas, groups, peer, rank in zip(
                self.city_names,
                self.complete.tolist(),
                rows(self.aggregate, np.isnan(self.aggregate)),
                rows(self.areas, np.isnan(self.areas)),
                rows(self.groups, np.isnan(self.groups)),
                peers.tolist(),
                rows(ranks, ranks == 0),
                strict=True,
            )
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "questionnaire": self.questionnaire,
            "cities": self._city_dicts(),
            "sample": {
                "n": len(self.city_names),
                "aggregate": self._stats_dict(0),
                "areas": {a: self._stats_dict(i + 1) for i, a in enumerate(self.area_ids)},
            },
        }


def score(
    questionnaire: Questionnaire, responses: Sequence[Response], *, bands: PeerBands = DEFAULT_BANDS
) -> ScoresDocument:
    """Score a sample of cities as `docs/index-format.md` specifies."""
    rs = ResponseSet.encode(questionnaire, responses)
    layout = questionnaire.layout
    single, multi = _apply_conditions(layout, rs.single, rs.multi)
    areas = _area_scores(layout, single, multi)
    aggregate = _weighted_means(areas, layout.aggregate_weights[:, None])[0]
    groups = _group_scores(layout, single, multi, areas)
    complete = ~((single == _UNANSWERED).any(axis=0) | (multi == _UNANSWERED).any(axis=0))
    peer_groups = {scale.name: scale.assign(rs.fact_values(scale.fact)) for scale in bands.scales}
    order = _descending_order(aggregate)
    ranks = {"sample": _ranks_within(aggregate, order)}
    for scale in bands.scales:
        ranks[scale.name] = _ranks_within(aggregate, order, peer_groups[scale.name])
    return ScoresDocument(
        questionnaire=questionnaire.id,
        city_names=rs.cities,
        area_ids=layout.area_ids,
        group_ids=layout.group_ids,
        complete=complete,
        aggregate=aggregate,
        areas=areas.T,
        groups=groups.T,
        peer_groups=peer_groups,
        peer_labels={scale.name: scale.labels for scale in bands.scales},
        ranks=ranks,
        stats=_row_stats(np.vstack([aggregate, areas])),
        responses=rs,
        layout=layout,
    )
