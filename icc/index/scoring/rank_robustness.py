"""Rank robustness: how much each city's rank depends on the weights and the aggregation method
(equal weights, geometric mean, Monte Carlo runs of perturbed weights).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from icc.index.scoring.kernels import (
    _area_scores,
    _geometric_means,
    _nullable,
    _weighted_means,
    competition_ranks,
)
from icc.index.scoring.layout import _apply_conditions
from icc.index.scoring.questionnaire import Questionnaire
from icc.index.scoring.responses import Response, ResponseSet


@dataclass(frozen=True)
class CityRobustness:
    city: str
    nominal: int | None
    equal_weights: int | None
    geometric: int | None
    median: float | None
    p05: float | None
    p95: float | None


@dataclass(frozen=True)
class Robustness:
    runs: int
    perturbation: float
    seed: int
    geometric_floor: float
    cities: tuple[CityRobustness, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "perturbation": self.perturbation,
            "seed": self.seed,
            "geometric_floor": self.geometric_floor,
            "cities": [vars(c).copy() for c in self.cities],
        }


def robustness(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    runs: int = 1000,
    perturbation: float = 0.25,
    seed: int = 0,
    *,
    geometric_floor: float = 1.0,
) -> Robustness:
    """How much each city's sample rank depends on the weights and the aggregation method.

    Scenarios, as in the OECD/JRC handbook and COINr: equal weights; the weighted geometric mean
    with the nominal weights; and `runs` Monte Carlo runs that multiply each weight by a factor drawn
    uniformly from [1 - perturbation, 1 + perturbation] and aggregate arithmetically or geometrically
    (drawn with equal odds). The geometric mean needs positive scores: area scores below
    `geometric_floor` (in points, 0-100) count as `geometric_floor`, so a 0 lowers the aggregate
    strongly without making it 0. Median and 5th-95th percentile ranks are over all 2 + runs scenarios.
    """
    if runs < 1 or not 0 <= perturbation < 1 or geometric_floor <= 0:
        raise ValueError("runs must be >= 1, perturbation within [0, 1) and geometric_floor > 0")
    rs = ResponseSet.encode(questionnaire, responses)
    layout = questionnaire.layout
    areas = _area_scores(layout, *_apply_conditions(layout, rs.single, rs.multi))
    weights = layout.aggregate_weights
    nominal = _weighted_means(areas, weights[:, None])[0]
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - perturbation, 1 + perturbation, size=(len(weights), runs))
    perturbed = weights[:, None] * factors  # (areas, runs)
    geometric_runs = rng.random(runs) < 0.5
    monte_carlo = np.where(
        geometric_runs[:, None],
        _geometric_means(areas, perturbed, geometric_floor),
        _weighted_means(areas, perturbed),
    )  # (runs, cities)
    equal = _weighted_means(areas, (weights > 0).astype(np.float64)[:, None])
    geometric = _geometric_means(areas, weights[:, None], geometric_floor)
    scenarios = np.vstack([equal, geometric, monte_carlo]).T  # (cities, 2 + runs)
    ranks = competition_ranks(scenarios).astype(np.float64)
    ranked = ~np.isnan(nominal)
    ranks[~ranked] = np.nan
    p05, median, p95 = np.percentile(ranks, [5, 50, 95], axis=1)
    nominal_ranks = competition_ranks(nominal).tolist()
    return Robustness(
        runs=runs,
        perturbation=perturbation,
        seed=seed,
        geometric_floor=geometric_floor,
        cities=tuple(
            CityRobustness(
                city=city,
                nominal=nominal_ranks[i] or None,
                equal_weights=int(ranks[i, 0]) if ranked[i] else None,
                geometric=int(ranks[i, 1]) if ranked[i] else None,
                median=_nullable(float(median[i])),
                p05=_nullable(float(p05[i])),
                p95=_nullable(float(p95[i])),
            )
            for i, city in enumerate(rs.cities)
        ),
    )
