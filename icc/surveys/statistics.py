"""The statistics of a residents' survey (pure: numpy and the standard library, no Django).

- `rake`: weights that make the answers' age bands and genders match the city's population (iterative
  proportional fitting on the two margins), capped, with Kish's design effect;
- `wilson`: the 95 % interval of a share; with weights, computed on the effective sample size (Kish);
- `share_table`: per question, the weighted share of each answer among those who gave one, "don't know"
  apart, and small cells (fewer than MIN_CELL answers) suppressed.

Why our own IPF rather than a library: `ipfn` (the usual package) has had no release since 2021, and
`samplics` (maintained) brings its own data-frame stack and changed its API between 0.4 and 0.6; raking on
two margins is the short loop below, tested against hand-computed cases (tests/surveys/test_statistics.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Z95 = 1.959963984540054
MIN_CELL = 10  # fewer answers than this in a cell: the share is not shown ("<10")
WEIGHT_CAP = 5.0  # no answer counts for more than five times the mean (nor less than a fifth)
DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class Weights:
    values: list[float]  # one per answer, mean 1 over the answers
    raked: int  # answers whose age band and gender were both known and in the population structure
    iterations: int
    converged: bool
    capped: int  # answers whose weight the cap changed
    design_effect: float  # Kish: n * sum(w^2) / sum(w)^2

    @property
    def effective_n(self) -> float:
        return len(self.values) / self.design_effect if self.values else 0.0


def _normalise(margin: Mapping[str, float]) -> dict[str, float]:
    total = float(sum(v for v in margin.values() if v > 0))
    return {k: float(v) / total for k, v in margin.items() if v > 0} if total > 0 else {}


def rake(
    cells: Sequence[tuple[str | None, str | None]],
    margins: Mapping[str, Mapping[str, float]],
    *,
    cap: float = WEIGHT_CAP,
    tolerance: float = 1e-8,
    max_iterations: int = 200,
) -> Weights:
    """Weights for answers whose (age band, gender) are `cells`, raked to `margins` {"age": {...}, "gender":
    {...}} (shares or counts; each margin is normalised). An answer with an unknown dimension, or a category
    the margins do not have (e.g. a gender the city's statistics do not count), keeps weight 1: it is not
    raked and says so in `raked`. A margin category with no answer cannot be reached: it is dropped and the
    others rescaled (the page lists the categories with no answer)."""
    n = len(cells)
    age_margin = _normalise(margins.get("age", {}))
    gender_margin = _normalise(margins.get("gender", {}))
    weights = np.ones(n)
    index = [i for i, (a, g) in enumerate(cells) if a in age_margin and g in gender_margin]
    iterations, converged, capped = 0, True, 0
    if index and age_margin and gender_margin:
        ages = np.array([cells[i][0] for i in index])
        genders = np.array([cells[i][1] for i in index])
        present = [(ages, {k: v for k, v in age_margin.items() if (ages == k).any()})]
        present.append((genders, {k: v for k, v in gender_margin.items() if (genders == k).any()}))
        w = np.ones(len(index))
        converged = False
        for _iteration in range(max_iterations):
            iterations += 1
            previous = w.copy()
            for column, margin in present:
                total = w.sum()
                scale = sum(margin.values())
                for category, share in margin.items():
                    mask = column == category
                    w[mask] *= (share / scale) * total / w[mask].sum()
            # The cap is applied inside the loop so that the margins are fitted again around capped weights.
            mean = w.mean()
            capped = int(np.sum((w < mean / cap) | (w > mean * cap)))
            w = np.clip(w, mean / cap, mean * cap)
            if np.abs(w - previous).max() < tolerance:
                converged = True
                break
        # Capping last, until no weight is beyond the cap of the final mean: the margins then hold only
        # approximately, the price of not letting a few answers speak for many (the page says how many).
        for _round in range(100):
            w = w / w.mean()
            if w.max() <= cap * (1 + 1e-9) and w.min() >= (1 - 1e-9) / cap:
                break
            w = np.clip(w, 1 / cap, cap)
        capped = int(np.sum((w >= cap * (1 - 1e-6)) | (w <= (1 + 1e-6) / cap)))
        weights[index] = w
    weights = weights / weights.mean() if n else weights
    deff = float(n * np.sum(weights**2) / np.sum(weights) ** 2) if n else 1.0
    return Weights(
        values=[float(x) for x in weights],
        raked=len(index) if (age_margin and gender_margin) else 0,
        iterations=iterations,
        converged=converged,
        capped=capped,
        design_effect=deff,
    )


def wilson(share: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a share (0..1) observed on `n` answers (an effective size may be
    fractional); (0, 1) with no answer."""
    if n <= 0:
        return (0.0, 1.0)
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def kish_effective_n(weights: Sequence[float]) -> float:
    total = sum(weights)
    squares = sum(w * w for w in weights)
    return total * total / squares if squares > 0 else 0.0


@dataclass(frozen=True)
class Share:
    """One answer's share among the answers that gave an opinion (not "don't know"), with its interval."""

    option: str
    count: int  # unweighted
    share: float | None  # weighted, 0..1; None when suppressed
    low: float | None
    high: float | None

    @property
    def suppressed(self) -> bool:
        return self.share is None


@dataclass
class QuestionResult:
    question: str
    answered: int  # answers other than blank, "don't know" included
    substantive: int  # answers other than blank and "don't know"
    effective_n: float
    shares: list[Share] = field(default_factory=list)
    dont_know: Share | None = None  # share of "don't know" among all who answered
    positive: Share | None = (
        None  # the share of the question's positive answers (e.g. agree + strongly agree)
    )

    @property
    def suppressed(self) -> bool:
        return self.substantive < MIN_CELL


def _share(option: str, hits: np.ndarray, weights: np.ndarray, min_cell: int) -> Share:
    n = len(weights)
    count = int(hits.sum())
    if n < min_cell:
        return Share(option, count, None, None, None)
    value = float(weights[hits].sum() / weights.sum())
    low, high = wilson(value, kish_effective_n(weights.tolist()))
    return Share(option, count, value, low, high)


def question_result(
    question: str,
    answers: Sequence[Any],
    weights: Sequence[float],
    options: Sequence[str],
    *,
    positive: Sequence[str] = (),
    min_cell: int = MIN_CELL,
) -> QuestionResult:
    """Shares of `options` among the substantive answers (None = not answered, DONT_KNOW apart); a cell
    of fewer than `min_cell` answers has no share (shown "<10")."""
    pairs = [(a, w) for a, w in zip(answers, weights, strict=True) if a not in (None, "")]
    all_w = np.array([w for _a, w in pairs], dtype=float)
    is_dk = np.array([a == DONT_KNOW for a, _w in pairs], dtype=bool)
    values = [a for a, _w in pairs if a != DONT_KNOW]
    sub_w = np.array([w for a, w in pairs if a != DONT_KNOW], dtype=float)
    column = np.array(values, dtype=object)
    result = QuestionResult(
        question=question,
        answered=len(pairs),
        substantive=len(values),
        effective_n=kish_effective_n(sub_w.tolist()) if len(values) else 0.0,
    )
    for option in options:
        result.shares.append(_share(option, column == option, sub_w, min_cell))
    if len(pairs):
        result.dont_know = _share(DONT_KNOW, is_dk, all_w, min_cell)
    if positive:
        result.positive = _share("positive", np.isin(column, list(positive)), sub_w, min_cell)
    return result


def design_summary(weights: Weights) -> dict[str, float | int | bool]:
    values = weights.values
    return {
        "n": len(values),
        "raked": weights.raked,
        "effective_n": round(weights.effective_n, 1),
        "design_effect": round(weights.design_effect, 3),
        "min_weight": round(min(values), 3) if values else 0.0,
        "max_weight": round(max(values), 3) if values else 0.0,
        "capped": weights.capped,
        "iterations": weights.iterations,
        "converged": weights.converged,
    }
