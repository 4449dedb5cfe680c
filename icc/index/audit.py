"""The statistical audit of a round: how far its scores and ranks can be trusted.

Pure computation (numpy only, no Django), as the OECD/JRC Handbook on composite indicators and its
reference implementation COINr audit an index before it is published:

- data checks: completeness per city and per question, questions that do not discriminate between
  cities, "n/a" shares, unusual answer patterns;
- correlations between areas (Spearman, pairwise complete), redundant (> 0.9) and conflicting (< 0)
  pairs, each area's correlation with the aggregate, Cronbach's alpha of each group of areas and of
  the areas that count, the first principal component's share of variance;
- sensitivity: a variance-based first-order index of each area's weight (and of the choice of
  aggregation) on each city's rank, from the Monte Carlo runs of `scoring.robustness` (same seed, same
  draws), and the cities whose rank is least stable;
- the effect of each methodological choice (equal weights, geometric mean, optional areas counted) on
  the ranking.

`audit(questionnaire, responses)` returns an `Audit`; `Audit.to_dict()` is the JSON document (keys
documented on each dataclass; floats rounded to 4 decimals; null where a statistic is undefined).
docs/methodology.md explains each statistic, its formula and its limits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from icc.index.scoring import (
    _HIDDEN,
    _NOT_APPLICABLE,
    _UNANSWERED,
    Questionnaire,
    Response,
    ResponseSet,
    _apply_conditions,
    _area_scores,
    _geometric_means,
    _weighted_means,
    competition_ranks,
)

AUDIT_VERSION = "1"

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

REDUNDANT = 0.9  # a pair of areas correlated above this says much the same thing twice
MIN_PATTERN_QUESTIONS = 5  # an answer pattern over fewer questions is not unusual
MOVERS = 5  # largest movers listed per methodological choice
UNSTABLE = 10  # least stable cities listed
DIGITS = 4


def _clean(value: Any) -> Any:
    """JSON-ready: floats rounded to DIGITS decimals, NaN and infinities as None, numpy scalars as Python."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(item) for item in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return round(number, DIGITS) + 0.0 if math.isfinite(number) else None  # + 0.0: no -0.0
    return value


def _share(part: float, whole: float) -> float:
    return part / whole if whole else math.nan


# --------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class CityCompleteness:
    """A city's scored questions: `shown` to it (follow-ups whose condition is unmet are not shown),
    `answered`, `na` (answered "n/a"), `unanswered`; `share` = answered / shown."""

    city: str
    shown: int
    answered: int
    na: int
    unanswered: int
    share: float


@dataclass(frozen=True)
class QuestionCheck:
    """A scored question over the sample: `shown` to how many cities, `answered` by how many,
    `completeness` = answered / shown, `na_share` = "n/a" answers / shown, `distinct` answers given,
    `discriminates` false when at least two cities answered and all gave the same answer."""

    question: str
    area: str
    shown: int
    answered: int
    completeness: float
    na_share: float
    distinct: int
    discriminates: bool


@dataclass(frozen=True)
class Pattern:
    """An unusual answer pattern of a city over `questions` answered questions: `same_option` (every
    single-choice question answered with the option in the same position), `all_maximum` (every answered
    question earned its full points), `all_minimum` (none earned any point)."""

    city: str
    pattern: str
    questions: int


@dataclass(frozen=True)
class AreaPair:
    """Spearman's rank correlation `rho` of two areas over the `n` cities scored in both; `flag` is
    "redundant" above REDUNDANT, "conflict" below 0, else None."""

    first: str
    second: str
    rho: float
    n: int
    flag: str | None


@dataclass(frozen=True)
class AreaWithAggregate:
    """Spearman's rho of an area with the aggregate, over the `n` cities with both."""

    area: str
    rho: float
    n: int
    optional: bool


@dataclass(frozen=True)
class Alpha:
    """Cronbach's alpha of a set of areas (a group, or "aggregate": the areas that count) over the `n`
    cities scored in all of them."""

    group: str
    areas: list[str]
    alpha: float
    n: int


@dataclass(frozen=True)
class PrincipalComponent:
    """The first principal component of the standardized scores of `areas` (those that count and vary)
    over `n` complete cities: its `share` of the total variance and each area's `loadings`."""

    areas: list[str]
    n: int
    share: float
    loadings: dict[str, float]


@dataclass(frozen=True)
class AreaSensitivity:
    """First-order sensitivity index of an input (an area's weight, or "aggregation": arithmetic or
    geometric) on the cities' ranks: `mean` over the cities whose rank varies, and the `max`."""

    input: str
    mean: float
    max: float


@dataclass(frozen=True)
class UnstableCity:
    """A city whose rank varies most over the Monte Carlo runs: its `rank` (official), the 5th and
    95th percentiles of its ranks, `width` = p95 - p05, and the input with the largest first-order
    index on its rank (`driver`)."""

    city: str
    rank: int | None
    p05: float
    p95: float
    width: float
    driver: str | None


@dataclass(frozen=True)
class Mover:
    city: str
    official: int
    alternative: int
    shift: int  # alternative - official: positive means a worse (larger) rank


@dataclass(frozen=True)
class ChoiceEffect:
    """The ranking under one other methodological `choice` ("equal_weights", "geometric",
    "with_optional_areas") against the official one, over the `n` cities ranked in both:
    `mean_abs_shift` of rank, `max_abs_shift`, `changed` share of cities whose rank changes, `movers`."""

    choice: str
    n: int
    mean_abs_shift: float
    max_abs_shift: int
    changed: float
    movers: list[Mover]


@dataclass(frozen=True)
class Audit:
    """A round's statistical audit. `to_dict()` gives the JSON document, with these keys:

    version, questionnaire, cities (how many), runs, seed, perturbation, geometric_floor, bins;
    data: {cities: [CityCompleteness], questions: [QuestionCheck], patterns: [Pattern]};
    correlations: {pairs: [AreaPair], with_aggregate: [AreaWithAggregate], redundant: int,
    conflicts: int}; consistency: {alpha: [Alpha], pc1: PrincipalComponent | null};
    sensitivity: {inputs: [AreaSensitivity], unstable: [UnstableCity]}; choices: [ChoiceEffect].
    """

    questionnaire: str
    cities: int
    runs: int
    seed: int
    perturbation: float
    geometric_floor: float
    bins: int
    completeness: list[CityCompleteness]
    questions: list[QuestionCheck]
    patterns: list[Pattern]
    pairs: list[AreaPair]
    with_aggregate: list[AreaWithAggregate]
    alphas: list[Alpha]
    pc1: PrincipalComponent | None
    sensitivity: list[AreaSensitivity]
    unstable: list[UnstableCity]
    choices: list[ChoiceEffect]

    def to_dict(self) -> dict[str, Any]:
        def items(rows: Sequence[Any]) -> list[dict[str, Any]]:
            return [asdict(row) for row in rows]

        return _clean(
            {
                "version": AUDIT_VERSION,
                "questionnaire": self.questionnaire,
                "cities": self.cities,
                "runs": self.runs,
                "seed": self.seed,
                "perturbation": self.perturbation,
                "geometric_floor": self.geometric_floor,
                "bins": self.bins,
                "data": {
                    "cities": items(self.completeness),
                    "questions": items(self.questions),
                    "patterns": items(self.patterns),
                },
                "correlations": {
                    "pairs": items(self.pairs),
                    "with_aggregate": items(self.with_aggregate),
                    "redundant": sum(p.flag == "redundant" for p in self.pairs),
                    "conflicts": sum(p.flag == "conflict" for p in self.pairs),
                },
                "consistency": {
                    "alpha": items(self.alphas),
                    "pc1": asdict(self.pc1) if self.pc1 is not None else None,
                },
                "sensitivity": {"inputs": items(self.sensitivity), "unstable": items(self.unstable)},
                "choices": items(self.choices),
            }
        )


# --------------------------------------------------------------------------------------------------
# Statistics (plain functions of arrays, tested on their own)


def average_ranks(values: FloatArray) -> FloatArray:
    """Ranks 1..n of the values, lowest first, ties sharing the mean of their positions."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    n = len(values)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if n else np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], n]
    mean_positions = (starts + ends + 1) / 2.0  # positions start..end-1, ranked from 1
    ranks = np.empty(n)
    ranks[order] = np.repeat(mean_positions, ends - starts)
    return ranks


def spearman(x: FloatArray, y: FloatArray) -> tuple[float, int]:
    """Spearman's rho over the pairs where both are known, and how many pairs; NaN when fewer than 3
    pairs or when either side does not vary."""
    both = ~(np.isnan(x) | np.isnan(y))
    n = int(both.sum())
    if n < 3:
        return math.nan, n
    rx, ry = average_ranks(x[both]), average_ranks(y[both])
    rx -= rx.mean()
    ry -= ry.mean()
    denominator = math.sqrt(float(rx @ rx) * float(ry @ ry))
    if denominator < 1e-12:
        return math.nan, n
    return max(-1.0, min(1.0, float(rx @ ry) / denominator)), n


def cronbach_alpha(matrix: FloatArray) -> tuple[float, int]:
    """Cronbach's alpha of the columns (items) of a (cities, items) matrix over its complete rows:
    k / (k - 1) × (1 - Σ var(item) / var(sum)), sample variances. NaN with fewer than 2 items or
    2 complete rows, or when the sum does not vary."""
    complete = matrix[~np.isnan(matrix).any(axis=1)]
    n, k = complete.shape
    if k < 2 or n < 2:
        return math.nan, n
    total = complete.sum(axis=1).var(ddof=1)
    if total < 1e-12:
        return math.nan, n
    return k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / total), n


def first_component(matrix: FloatArray) -> tuple[float, FloatArray, IntArray, int]:
    """The first principal component of the standardized columns of (cities, columns), complete rows
    only: (share of variance, loadings, the columns used (those that vary), complete rows)."""
    complete = matrix[~np.isnan(matrix).any(axis=1)]
    n = complete.shape[0]
    if n < 2:
        return math.nan, np.zeros(0), np.zeros(0, dtype=np.int64), n
    spread = complete.std(axis=0, ddof=1)
    used = np.flatnonzero(spread > 1e-9)  # a constant column has no standard score
    if len(used) < 2:
        return math.nan, np.zeros(0), used.astype(np.int64), n
    z = (complete[:, used] - complete[:, used].mean(axis=0)) / spread[used]
    _, singular, vt = np.linalg.svd(z, full_matrices=False)
    variances = singular**2
    loadings = vt[0] if vt[0].sum() >= 0 else -vt[0]  # the sign of a component is arbitrary
    return float(variances[0] / variances.sum()), loadings, used.astype(np.int64), n


def first_order_indices(ranks: FloatArray, inputs: FloatArray, bins: int) -> FloatArray:
    """Var(E[rank | input]) / Var(rank) for each city (rows of `ranks`, (cities, runs)) and input
    (rows of `inputs`, (inputs, runs)), E[rank | input] estimated in `bins` equal-count bins of the
    input's sampled values; (cities, inputs), NaN where a city's rank does not vary."""
    cities, runs = ranks.shape
    centred = ranks - ranks.mean(axis=1, keepdims=True)
    total = (centred**2).mean(axis=1)
    out = np.full((cities, len(inputs)), np.nan)
    varies = total > 1e-12
    for i, values in enumerate(inputs):
        distinct = np.unique(values)
        if len(distinct) <= bins:  # a discrete input (the aggregation method): one bin per value
            labels = np.searchsorted(distinct, values)
        else:
            labels = (np.argsort(np.argsort(values, kind="stable"), kind="stable") * bins) // runs
        counts = np.bincount(labels).astype(np.float64)
        one_hot = np.zeros((runs, len(counts)))
        one_hot[np.arange(runs), labels] = 1.0
        with np.errstate(invalid="ignore", divide="ignore"):
            means = (centred @ one_hot) / counts  # (cities, bins), deviations from each city's mean
            between = (means**2 @ counts) / runs
            out[:, i] = np.where(varies, between / total, np.nan)
    return out


def _rank_matrix(aggregates: FloatArray) -> FloatArray:
    """Competition ranks of (cities, k) aggregates per column, NaN where the aggregate is NaN."""
    ranks = competition_ranks(aggregates).astype(np.float64)
    ranks[np.isnan(aggregates)] = np.nan
    return ranks


# --------------------------------------------------------------------------------------------------
# The audit


def _data_checks(
    questionnaire: Questionnaire,
    cities: tuple[str, ...],
    single: npt.NDArray[np.int16],
    multi: IntArray,
    min_questions: int,
) -> tuple[list[CityCompleteness], list[QuestionCheck], list[Pattern]]:
    layout = questionnaire.layout
    codes = np.vstack([single.astype(np.int64), multi])  # (scored questions, cities), single rows first
    shown = codes != _HIDDEN
    answered = codes >= 0
    na = codes == _NOT_APPLICABLE
    unanswered = codes == _UNANSWERED
    completeness = [
        CityCompleteness(city, s, a, n, u, _share(a, s))
        for city, s, a, n, u in zip(
            cities,
            shown.sum(axis=0).tolist(),
            answered.sum(axis=0).tolist(),
            na.sum(axis=0).tolist(),
            unanswered.sum(axis=0).tolist(),
            strict=True,
        )
    ]
    row_of = {qid: j for qid, j in layout.single_col.items()}
    row_of.update({qid: layout.n_single + j for qid, j in layout.multi_col.items()})
    questions = []
    for area in questionnaire.areas:
        for q in area.questions:
            if q.id not in row_of:
                continue
            row = row_of[q.id]
            given = codes[row][answered[row]]
            n_shown, n_answered = int(shown[row].sum()), len(given)
            distinct = len(np.unique(given))
            questions.append(
                QuestionCheck(
                    question=q.id,
                    area=area.id,
                    shown=n_shown,
                    answered=n_answered,
                    completeness=_share(n_answered, n_shown),
                    na_share=_share(int(na[row].sum()), n_shown),
                    distinct=distinct,
                    discriminates=not (n_answered >= 2 and distinct == 1),
                )
            )

    patterns: list[Pattern] = []
    # Same option: single-choice questions (not yes/no, whose two options are no pattern) answered
    # with the option in the same position every time.
    choice_rows = np.array(
        [j for qid, j in layout.single_col.items() if layout.questions[qid].type == "single_choice"],
        dtype=np.int64,
    )
    if len(choice_rows):
        chosen = single[choice_rows].astype(np.int64)
        given = chosen >= 0
        count = given.sum(axis=0)
        low = np.where(given, chosen, np.iinfo(np.int64).max).min(axis=0)
        high = np.where(given, chosen, -1).max(axis=0)
        for i in np.flatnonzero((count >= min_questions) & (low == high)).tolist():
            patterns.append(Pattern(cities[i], "same_option", int(count[i])))
    # Full or no points on every answered question.
    earned, cap = _question_points(questionnaire, single, multi)
    scorable = answered & (cap > 0)
    count = scorable.sum(axis=0)
    enough = count >= min_questions
    at_max = np.where(scorable, earned >= cap - 1e-9, True).all(axis=0)
    at_min = np.where(scorable, earned <= 1e-9, True).all(axis=0)
    for i in np.flatnonzero(enough & at_max).tolist():
        patterns.append(Pattern(cities[i], "all_maximum", int(count[i])))
    for i in np.flatnonzero(enough & at_min).tolist():
        patterns.append(Pattern(cities[i], "all_minimum", int(count[i])))
    patterns.sort(key=lambda p: (p.city, p.pattern))
    return completeness, questions, patterns


def _question_points(
    questionnaire: Questionnaire, single: npt.NDArray[np.int16], multi: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Points earned per scored question and city, and each question's cap, rows as in `_data_checks`."""
    layout = questionnaire.layout
    n = single.shape[1]
    if layout.n_single:
        earned_single = layout.single_earned.take(single + layout.single_offsets[:, None])
    else:
        earned_single = np.zeros((0, n))
    multis = sorted(layout.multi_col.items(), key=lambda item: item[1])
    raw = np.zeros(multi.shape)
    chosen = np.maximum(multi, 0)
    for k in range(layout.multi_points.shape[1] if layout.n_multi else 0):
        raw += ((chosen >> k) & 1) * layout.multi_points[:, k : k + 1]
    earned_multi = np.clip(raw, 0.0, layout.multi_cap[:, None]) if layout.n_multi else np.zeros((0, n))
    singles = sorted(layout.single_col.items(), key=lambda item: item[1])
    caps = [layout.questions[qid].cap for qid, _ in singles] + [
        layout.questions[qid].cap for qid, _ in multis
    ]
    return np.vstack([earned_single, earned_multi]), np.array(caps, dtype=np.float64)[:, None]


def _correlations(
    questionnaire: Questionnaire, areas: FloatArray, aggregate: FloatArray
) -> tuple[list[AreaPair], list[AreaWithAggregate]]:
    ids = [a.id for a in questionnaire.areas]
    pairs = []
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            rho, n = spearman(areas[i], areas[j])
            flag = "redundant" if rho > REDUNDANT else "conflict" if rho < 0 else None
            pairs.append(AreaPair(ids[i], ids[j], rho, n, flag))
    with_aggregate = []
    for i, a in enumerate(questionnaire.areas):
        rho, n = spearman(areas[i], aggregate)
        with_aggregate.append(AreaWithAggregate(a.id, rho, n, a.optional))
    return pairs, with_aggregate


def _consistency(
    questionnaire: Questionnaire, areas: FloatArray, counted: BoolArray
) -> tuple[list[Alpha], PrincipalComponent | None]:
    ids = [a.id for a in questionnaire.areas]
    sets = [("aggregate", np.flatnonzero(counted))]
    sets += [
        (g.id, np.array([ids.index(a) for a in g.areas], dtype=np.int64))
        for g in questionnaire.groups
        if not g.of_questions  # a group over questions has no areas of its own to be consistent
    ]
    alphas = []
    for name, members in sets:
        value, n = cronbach_alpha(areas[members].T)
        alphas.append(Alpha(name, [ids[m] for m in members], value, n))
    columns = np.flatnonzero(counted)
    share, loadings, used, n = first_component(areas[columns].T)
    pc1 = None
    if len(loadings):
        names = [ids[c] for c in columns[used]]
        pc1 = PrincipalComponent(names, n, share, dict(zip(names, loadings.tolist(), strict=True)))
    return alphas, pc1


def _effect(choice: str, cities: tuple[str, ...], official: FloatArray, other: FloatArray) -> ChoiceEffect:
    both = ~(np.isnan(official) | np.isnan(other))
    shift = np.where(both, other - official, 0.0)
    n = int(both.sum())
    moved = sorted(
        (i for i in np.flatnonzero(both & (shift != 0)).tolist()),
        key=lambda i: (-abs(shift[i]), cities[i]),
    )[:MOVERS]
    return ChoiceEffect(
        choice=choice,
        n=n,
        mean_abs_shift=float(np.abs(shift[both]).mean()) if n else math.nan,
        max_abs_shift=int(np.abs(shift[both]).max()) if n else 0,
        changed=_share(int((shift[both] != 0).sum()), n),
        movers=[Mover(cities[i], int(official[i]), int(other[i]), int(shift[i])) for i in moved],
    )


def audit(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    *,
    runs: int = 1000,
    seed: int = 0,
    perturbation: float = 0.25,
    geometric_floor: float = 1.0,
    bins: int = 10,
    min_pattern_questions: int = MIN_PATTERN_QUESTIONS,
) -> Audit:
    """The statistical audit of a sample of responses to one questionnaire.

    The Monte Carlo runs are drawn exactly as `scoring.robustness` draws them for the same `runs`,
    `perturbation` and `seed`: each weight times a factor uniform in [1 - perturbation, 1 + perturbation],
    the arithmetic or the geometric mean with equal odds. Deterministic for a given seed.
    """
    if runs < 1 or not 0 <= perturbation < 1 or geometric_floor <= 0 or bins < 2:
        raise ValueError("runs must be >= 1, perturbation within [0, 1), geometric_floor > 0, bins >= 2")
    rs = ResponseSet.encode(questionnaire, responses)
    layout = questionnaire.layout
    single, multi = _apply_conditions(layout, rs.single, rs.multi)
    areas = _area_scores(layout, single, multi)  # (areas, cities)
    weights = layout.aggregate_weights
    official = _weighted_means(areas, weights[:, None])[0]
    counted = np.array([not a.optional for a in questionnaire.areas], dtype=bool)

    completeness, questions, patterns = _data_checks(
        questionnaire, rs.cities, single, multi, min_pattern_questions
    )
    pairs, with_aggregate = _correlations(questionnaire, areas, official)
    alphas, pc1 = _consistency(questionnaire, areas, counted)

    # Monte Carlo, drawn as `robustness` draws it.
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - perturbation, 1 + perturbation, size=(len(weights), runs))
    perturbed = weights[:, None] * factors
    geometric_runs = rng.random(runs) < 0.5
    monte_carlo = np.where(
        geometric_runs[:, None],
        _geometric_means(areas, perturbed, geometric_floor),
        _weighted_means(areas, perturbed),
    ).T  # (cities, runs)
    ranked = ~np.isnan(official)
    mc_ranks = _rank_matrix(monte_carlo)[ranked]
    varied = np.flatnonzero(weights > 0)  # a zero weight stays zero whatever its factor
    input_names = [questionnaire.areas[a].id for a in varied] + ["aggregation"]
    inputs = np.vstack([perturbed[varied], geometric_runs.astype(np.float64)[None, :]])
    effective_bins = min(bins, runs // 2)
    sensitivity: list[AreaSensitivity] = []
    unstable: list[UnstableCity] = []
    official_ranks = _rank_matrix(official[:, None])[:, 0]
    if effective_bins >= 2 and mc_ranks.shape[0]:
        indices = first_order_indices(mc_ranks, inputs, effective_bins)  # (ranked cities, inputs)
        varies = ~np.isnan(indices[:, 0])
        for k, name in enumerate(input_names):
            column = indices[varies, k]
            sensitivity.append(
                AreaSensitivity(
                    name,
                    float(column.mean()) if len(column) else math.nan,
                    float(column.max()) if len(column) else math.nan,
                )
            )
        p05, p95 = np.percentile(mc_ranks, [5, 95], axis=1)
        width = p95 - p05
        names = [c for c, r in zip(rs.cities, ranked.tolist(), strict=True) if r]
        nominal = official_ranks[ranked]
        order = sorted(np.flatnonzero(width > 0).tolist(), key=lambda i: (-width[i], nominal[i], names[i]))
        for i in order[:UNSTABLE]:
            row = indices[i]
            driver = input_names[int(np.nanargmax(row))] if not np.isnan(row).all() else None
            unstable.append(UnstableCity(names[i], int(nominal[i]), p05[i], p95[i], width[i], driver))

    choices = [
        _effect(
            "equal_weights",
            rs.cities,
            official_ranks,
            _rank_matrix(_weighted_means(areas, (weights > 0).astype(np.float64)[:, None]).T)[:, 0],
        ),
        _effect(
            "geometric",
            rs.cities,
            official_ranks,
            _rank_matrix(_geometric_means(areas, weights[:, None], geometric_floor).T)[:, 0],
        ),
    ]
    if not counted.all():
        every = np.array([a.weight for a in questionnaire.areas])
        choices.append(
            _effect(
                "with_optional_areas",
                rs.cities,
                official_ranks,
                _rank_matrix(_weighted_means(areas, every[:, None]).T)[:, 0],
            )
        )

    return Audit(
        questionnaire=questionnaire.id,
        cities=len(rs),
        runs=runs,
        seed=seed,
        perturbation=perturbation,
        geometric_floor=geometric_floor,
        bins=effective_bins,
        completeness=completeness,
        questions=questions,
        patterns=patterns,
        pairs=pairs,
        with_aggregate=with_aggregate,
        alphas=alphas,
        pc1=pc1,
        sensitivity=sensitivity,
        unstable=unstable,
        choices=choices,
    )
