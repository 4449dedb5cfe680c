"""The analyses of evidence of impact: the Index against the cities' outcomes. Pure: numpy, pandas, scipy and
statsmodels only, no Django, so `icc impact analyse` runs them offline on the open-data files.

Inputs: `IndexPoint`s (a city's aggregate and area scores in the round of a year), `Outcome`s (a city's
figure for one outcome in a year) and `CityFacts` (population and share born abroad, the controls).
An outcome is paired with the Index of the round of the same year.

What `analyse` computes (docs/impact.md gives the formulas):
- cross-section, one point per city (its latest round with both figures): Pearson and Spearman correlations
  of the aggregate and of each area with each outcome, with 95 % intervals by Fisher's z (for Spearman the
  standard error sqrt(1.06 / (n - 3)) of Fieller, Hartley and Pearson, 1957), the partial correlation
  controlling for log population and diversity (residuals of both on the controls), and q-values by
  Benjamini-Hochberg across the outcomes (statsmodels' multipletests, "fdr_bh"), per predictor;
- panel: each outcome on the aggregate of the city's previous round, with city and year fixed effects,
  standard errors clustered by city (statsmodels OLS, cov_type="cluster", t with G - 1 degrees of freedom);
- robustness: the same correlation and panel on `runs` Monte Carlo variants of the aggregate, drawn as the
  Index's rank robustness draws them (icc/index/scoring/rank_robustness.py: each area weight multiplied by
  a factor uniform in [0.75, 1.25], arithmetic or geometric mean with equal odds, scores floored at 1 for
  the geometric mean), from equal nominal weights (the scores file holds no weights); the share of variants
  where the finding's sign and significance hold.
Deterministic: the only randomness is the variants', drawn from `seed`.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests

METHOD_VERSION = "1"
ALPHA = 0.05
Z95 = float(stats.norm.ppf(0.975))
PERTURBATION = 0.25
GEOMETRIC_FLOOR = 1.0
MIN_N = 5  # fewer cities than this: no correlation (the interval needs n > 3, and means nothing below 5)
AGGREGATE = "aggregate"


@dataclass(frozen=True)
class IndexPoint:
    city: str
    year: int
    aggregate: float | None
    areas: Mapping[str, float | None]


@dataclass(frozen=True)
class Outcome:
    city: str
    year: int
    kind: str
    value: float


@dataclass(frozen=True)
class CityFacts:
    population: float | None = None
    diversity: float | None = None  # share born abroad, percent (or the substitute the caller names)


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


# ------------------------------------------------------------------------------------------ correlations


def fisher_interval(r: float, n: int, *, se_factor: float = 1.0, controls: int = 0) -> tuple[float, float]:
    """The 95 % interval of a correlation by Fisher's z: tanh(atanh r ± 1.96 · sqrt(se_factor / (n - 3 - k)))
    with k controls (se_factor 1.06 for Spearman's rho)."""
    df = n - 3 - controls
    if df <= 0:
        return (math.nan, math.nan)
    z = math.atanh(max(min(r, 1 - 1e-12), -1 + 1e-12))
    half = Z95 * math.sqrt(se_factor / df)
    return (math.tanh(z - half), math.tanh(z + half))


def pearson(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    result = stats.pearsonr(x, y)
    r = float(result.statistic)
    low, high = fisher_interval(r, len(x))
    return {"r": r, "low": low, "high": high, "p": float(result.pvalue)}


def spearman(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    result = stats.spearmanr(x, y)
    r = float(result.statistic)
    low, high = fisher_interval(r, len(x), se_factor=1.06)
    return {"r": r, "low": low, "high": high, "p": float(result.pvalue)}


def partial(x: np.ndarray, y: np.ndarray, controls: np.ndarray) -> dict[str, float]:
    """Partial correlation of x and y given the controls' columns: the correlation of their residuals on
    [1, controls]; its p-value from t with n - 2 - k degrees of freedom (the same as the t of x in the
    regression of y on x and the controls)."""
    design = np.column_stack([np.ones(len(x)), controls])
    rx = x - design @ np.linalg.lstsq(design, x, rcond=None)[0]
    ry = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
    k = controls.shape[1]
    df = len(x) - 2 - k
    if df <= 0 or not rx.std() or not ry.std():
        return {"r": math.nan, "low": math.nan, "high": math.nan, "p": math.nan}
    r = float(np.corrcoef(rx, ry)[0, 1])
    t = r * math.sqrt(df / max(1 - r * r, 1e-300))
    p = float(2 * stats.t.sf(abs(t), df))
    low, high = fisher_interval(r, len(x), controls=k)
    return {"r": r, "low": low, "high": high, "p": p}


def bh(pvalues: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg q-values (NaN stays NaN)."""
    values = np.asarray(pvalues, dtype=float)
    out = np.full(len(values), math.nan)
    ok = ~np.isnan(values)
    if ok.any():
        out[ok] = multipletests(values[ok], method="fdr_bh")[1]
    return out.tolist()


# --------------------------------------------------------------------------------------------- panel


def _panel_frame(
    points: Sequence[tuple[str, int, float]], outcomes: Mapping[tuple[str, int], float]
) -> pd.DataFrame:
    """Rows (city, year, y, x_lag): the outcome in a round's year against the city's previous round's Index.
    Cities with a single such row are left out: their fixed effect absorbs them."""
    by_city: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for city, year, value in points:
        by_city[city].append((year, value))
    rows = []
    for city, series in by_city.items():
        series.sort()
        for (_prev_year, previous), (year, _value) in itertools.pairwise(series):
            y = outcomes.get((city, year))
            if y is not None:
                rows.append((city, year, y, previous))
    frame = pd.DataFrame(rows, columns=["city", "year", "y", "x"])
    counts = frame["city"].value_counts()
    return frame[frame["city"].isin(counts[counts >= 2].index)].reset_index(drop=True)


def _fe_design(frame: pd.DataFrame) -> np.ndarray:
    city = pd.get_dummies(frame["city"], prefix="city", drop_first=True, dtype=float)
    year = pd.get_dummies(frame["year"], prefix="year", drop_first=True, dtype=float)
    return np.column_stack([np.ones(len(frame)), city.to_numpy(), year.to_numpy()])


def panel(frame: pd.DataFrame) -> dict[str, Any] | None:
    """OLS of y on x with city and year fixed effects (dummies), standard errors clustered by city."""
    cities = frame["city"].nunique() if len(frame) else 0
    years = frame["year"].nunique() if len(frame) else 0
    if cities < MIN_N or years < 2:
        return None
    design = np.column_stack([frame["x"].to_numpy(dtype=float), _fe_design(frame)])
    groups = pd.factorize(frame["city"])[0]
    fit = sm.OLS(frame["y"].to_numpy(dtype=float), design).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    low, high = fit.conf_int(alpha=ALPHA)[0]
    return {
        "coef": float(fit.params[0]),
        "se": float(fit.bse[0]),
        "low": float(low),
        "high": float(high),
        "p": float(fit.pvalues[0]),
        "n_obs": len(frame),
        "n_cities": int(cities),
        "n_years": int(years),
    }


def panel_fast(frame: pd.DataFrame, x: np.ndarray, residualiser: np.ndarray) -> tuple[float, float]:
    """The panel's coefficient and p-value for another x, by Frisch-Waugh-Lovell (x and y residualised on the
    fixed effects once), with statsmodels' cluster correction G/(G-1)·(N-1)/(N-K) and t(G-1): equal to
    `panel` (tests check), fast enough for the Monte Carlo variants."""
    y = frame["y"].to_numpy(dtype=float)
    rx = x - residualiser @ x
    ry = y - residualiser @ y
    sxx = float(rx @ rx)
    if sxx <= 1e-12:
        return math.nan, math.nan
    beta = float(rx @ ry) / sxx
    resid = ry - beta * rx
    groups = pd.factorize(frame["city"])[0]
    scores = np.bincount(groups, weights=rx * resid)
    g = int(groups.max()) + 1
    n = len(y)
    k = residualiser_rank(residualiser) + 1
    variance = float(scores @ scores) / sxx**2 * (g / (g - 1)) * ((n - 1) / (n - k))
    t = beta / math.sqrt(variance) if variance > 0 else math.inf
    return beta, float(2 * stats.t.sf(abs(t), g - 1))


def residualiser_rank(residualiser: np.ndarray) -> int:
    return round(float(np.trace(residualiser)))


def _projection(frame: pd.DataFrame) -> np.ndarray:
    design = _fe_design(frame)
    return design @ np.linalg.pinv(design)


# ---------------------------------------------------------------------------------------- Monte Carlo


def variant_aggregates(points: Sequence[IndexPoint], *, runs: int, seed: int) -> tuple[np.ndarray, list[str]]:
    """(points, runs) aggregates under `runs` weightings drawn as the Index's rank robustness draws them,
    from equal nominal weights; and the area keys. A point's missing areas leave the mean (weights
    renormalised over its scored areas), as in the Index's aggregate."""
    keys = sorted({key for point in points for key in point.areas})
    scores = np.array(
        [
            [_finite(point.areas.get(key)) if point.areas.get(key) is not None else np.nan for key in keys]
            for point in points
        ],
        dtype=float,
    ).reshape(len(points), len(keys))
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - PERTURBATION, 1 + PERTURBATION, size=(len(keys), runs))
    geometric = rng.random(runs) < 0.5
    present = ~np.isnan(scores)
    filled = np.where(present, scores, 0.0)
    weights = present[:, :, None] * factors[None, :, :]  # (points, areas, runs)
    total = weights.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        arithmetic = np.einsum("pa,par->pr", filled, weights) / total
        logs = np.log(np.maximum(filled, GEOMETRIC_FLOOR))
        geometric_mean = np.exp(np.einsum("pa,par->pr", logs, weights) / total)
    return np.where(geometric[None, :], geometric_mean, arithmetic), keys


# ------------------------------------------------------------------------------------------- analyse


def _latest_pairs(
    index: Mapping[tuple[str, int], float], outcome: Mapping[tuple[str, int], float]
) -> list[tuple[str, int, float, float]]:
    """One (city, year, x, y) per city: its latest year with both figures."""
    best: dict[str, tuple[str, int, float, float]] = {}
    for (city, year), x in index.items():
        y = outcome.get((city, year))
        if y is None:
            continue
        if city not in best or year > best[city][1]:
            best[city] = (city, year, x, y)
    return [best[city] for city in sorted(best)]


def _controls(
    cities: Sequence[str], facts: Mapping[str, CityFacts]
) -> tuple[np.ndarray | None, list[str], np.ndarray]:
    """The controls' columns for the cities that have them, their names, and which cities have them."""
    population = np.array([_finite((facts.get(c) or CityFacts()).population) or np.nan for c in cities])
    diversity = np.array(
        [np.nan if (d := _finite((facts.get(c) or CityFacts()).diversity)) is None else d for c in cities]
    )
    columns, names = [], []
    if (population > 0).sum() >= MIN_N:
        columns.append(np.log(np.where(population > 0, population, np.nan)))
        names.append("log_population")
    if (~np.isnan(diversity)).sum() >= MIN_N:
        columns.append(diversity)
        names.append("diversity")
    if not columns:
        return None, [], np.zeros(len(cities), dtype=bool)
    matrix = np.column_stack(columns)
    return matrix, names, ~np.isnan(matrix).any(axis=1)


def _correlate(pairs: list[tuple[str, int, float, float]], facts: Mapping[str, CityFacts]) -> dict[str, Any]:
    n = len(pairs)
    row: dict[str, Any] = {"n": n, "pearson": None, "spearman": None, "partial": None}
    if n < MIN_N:
        return row
    x = np.array([pair[2] for pair in pairs])
    y = np.array([pair[3] for pair in pairs])
    if not x.std() or not y.std():
        return row
    row["pearson"] = pearson(x, y)
    row["spearman"] = spearman(x, y)
    matrix, names, ok = _controls([pair[0] for pair in pairs], facts)
    if matrix is not None and ok.sum() >= MIN_N + len(names):
        row["partial"] = {**partial(x[ok], y[ok], matrix[ok]), "n": int(ok.sum()), "controls": names}
    return row


def analyse(
    index: Sequence[IndexPoint],
    outcomes: Sequence[Outcome],
    facts: Mapping[str, CityFacts] | None = None,
    *,
    runs: int = 200,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Every analysis, as a JSON-ready dict (NaN written as None). `progress(done, runs)` hears of the
    Monte Carlo variants as they are done."""
    facts = facts or {}
    kinds = sorted({o.kind for o in outcomes})
    by_kind: dict[str, dict[tuple[str, int], float]] = {kind: {} for kind in kinds}
    for o in outcomes:
        if math.isfinite(o.value):
            by_kind[o.kind][(o.city, o.year)] = float(o.value)
    predictors: dict[str, dict[tuple[str, int], float]] = {AGGREGATE: {}}
    for point in index:
        if (value := _finite(point.aggregate)) is not None:
            predictors[AGGREGATE][(point.city, point.year)] = value
        for key, score in point.areas.items():
            if (value := _finite(score)) is not None:
                predictors.setdefault(f"area:{key}", {})[(point.city, point.year)] = value

    correlations: list[dict[str, Any]] = []
    points: dict[str, list[dict[str, Any]]] = {}
    for predictor, values in predictors.items():
        rows = []
        for kind in kinds:
            pairs = _latest_pairs(values, by_kind[kind])
            rows.append({"predictor": predictor, "outcome": kind, **_correlate(pairs, facts)})
            if predictor == AGGREGATE:
                points[kind] = [{"city": c, "year": yr, "x": x, "y": y} for c, yr, x, y in pairs]
        for method in ("pearson", "spearman", "partial"):
            qs = bh([row[method]["p"] if row[method] else math.nan for row in rows])
            for row, q in zip(rows, qs, strict=True):
                if row[method]:
                    row[method]["q"] = q
        correlations.extend(rows)

    aggregate_points = [(c, yr, v) for (c, yr), v in predictors[AGGREGATE].items()]
    panels: list[dict[str, Any]] = []
    frames: dict[str, pd.DataFrame] = {}
    for kind in kinds:
        frame = _panel_frame(aggregate_points, by_kind[kind])
        result = panel(frame)
        if result is not None:
            frames[kind] = frame
        panels.append({"outcome": kind, **(result or {"coef": None})})

    robustness = _robustness(
        index, by_kind, correlations, panels, frames, runs=runs, seed=seed, progress=progress
    )
    years = sorted({point.year for point in index})
    coverage = {
        "cities_with_index": len({point.city for point in index}),
        "index_years": years,
        "outcomes": {
            kind: {
                "cities": len({city for city, _ in by_kind[kind]}),
                "figures": len(by_kind[kind]),
                "years": sorted({year for _, year in by_kind[kind]}),
                "paired": sum(1 for key in by_kind[kind] if key in predictors[AGGREGATE]),
            }
            for kind in kinds
        },
    }
    return _clean(
        {
            "version": METHOD_VERSION,
            "alpha": ALPHA,
            "seed": seed,
            "runs": runs,
            "coverage": coverage,
            "correlations": correlations,
            "panel": panels,
            "robustness": robustness,
            "points": points,
        }
    )


def _robustness(
    index: Sequence[IndexPoint],
    by_kind: Mapping[str, Mapping[tuple[str, int], float]],
    correlations: list[dict[str, Any]],
    panels: list[dict[str, Any]],
    frames: Mapping[str, pd.DataFrame],
    *,
    runs: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """For each outcome: the share of the variants in which the aggregate's Pearson correlation keeps the
    nominal sign with q < alpha (BH across outcomes within the variant), and likewise the panel's
    coefficient with p < alpha. None where the nominal analysis has no result."""
    out: dict[str, Any] = {"runs": runs, "seed": seed, "perturbation": PERTURBATION, "outcomes": {}}
    scored = [point for point in index if point.areas]
    if runs < 1 or not scored:
        return out
    variants, _keys = variant_aggregates(scored, runs=runs, seed=seed)
    kinds = list(by_kind)
    nominal = {row["outcome"]: row for row in correlations if row["predictor"] == AGGREGATE}
    nominal_panel = {row["outcome"]: row for row in panels}
    corr_hits = dict.fromkeys(kinds, 0)
    panel_hits = dict.fromkeys(kinds, 0)
    projections = {kind: _projection(frame) for kind, frame in frames.items()}
    for run in range(runs):
        if progress is not None and run % 20 == 0:
            progress(run, runs)
        values = {
            (point.city, point.year): float(variants[i, run])
            for i, point in enumerate(scored)
            if math.isfinite(variants[i, run])
        }
        ps, signs = [], []
        for kind in kinds:
            pairs = _latest_pairs(values, by_kind[kind])
            if len(pairs) >= MIN_N and nominal[kind]["pearson"]:
                x = np.array([p[2] for p in pairs])
                y = np.array([p[3] for p in pairs])
                result = stats.pearsonr(x, y)
                ps.append(float(result.pvalue))
                signs.append(np.sign(result.statistic) == np.sign(nominal[kind]["pearson"]["r"]))
            else:
                ps.append(math.nan)
                signs.append(False)
        for kind, q, same in zip(kinds, bh(ps), signs, strict=True):
            if same and q < ALPHA:
                corr_hits[kind] += 1
        for kind, frame in frames.items():
            lagged = _lagged(frame, values)
            if lagged is None:
                continue
            beta, p = panel_fast(frame, lagged, projections[kind])
            if np.sign(beta) == np.sign(nominal_panel[kind]["coef"]) and p < ALPHA:
                panel_hits[kind] += 1
    for kind in kinds:
        out["outcomes"][kind] = {
            "correlation_share": corr_hits[kind] / runs if nominal[kind]["pearson"] else None,
            "panel_share": panel_hits[kind] / runs if kind in frames else None,
        }
    return out


def _lagged(frame: pd.DataFrame, values: Mapping[tuple[str, int], float]) -> np.ndarray | None:
    """The panel frame's x recomputed from a variant: the city's previous round under the variant."""
    by_city: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for (city, year), value in values.items():
        by_city[city].append((year, value))
    previous: dict[tuple[str, int], float] = {}
    for city, series in by_city.items():
        series.sort()
        for (_y0, v0), (y1, _v1) in itertools.pairwise(series):
            previous[(city, y1)] = v0
    xs = [previous.get((city, year)) for city, year in zip(frame["city"], frame["year"], strict=True)]
    if any(x is None for x in xs):
        return None
    return np.array(xs, dtype=float)


def _clean(value: Any) -> Any:
    """NaN and infinities as None, numpy scalars as Python's: the result is stored as JSON."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# ----------------------------------------------------------------------------- the open-data scores file

POPULATION_BANDS = {"<100k": 75_000.0, "100k-200k": 150_000.0, "200k-500k": 350_000.0, ">=500k": 750_000.0}
DIVERSITY_BANDS = {"<10%": 7.5, "10-15%": 12.5, "15-20%": 17.5, ">=20%": 25.0}


def round_year(document: Mapping[str, Any]) -> int:
    """A scores document's year: the first four-digit year in the round's name ("Index 2022"), else the year
    its results were published."""
    round_ = document.get("round") or {}
    for token in str(round_.get("name", "")).replace("-", " ").split():
        if len(token) == 4 and token.isdigit():
            return int(token)
    published = str(round_.get("results_published_at") or "")
    if len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    raise ValueError(
        "the scores file names no year: its round has no year in its name and no publication date"
    )


def points_from_scores_document(document: Mapping[str, Any]) -> tuple[list[IndexPoint], dict[str, CityFacts]]:
    """The Index points of one open-data scores.json (docs/open-data.md), and the controls it allows: the
    peer-group bands of population and diversity, read as their midpoints (the file has no exact figures)."""
    if not isinstance(document.get("cities"), list):
        raise ValueError(
            "the scores file has no list of cities: download <round id>/scores.json from the open data"
        )
    year = round_year(document)
    points: list[IndexPoint] = []
    facts: dict[str, CityFacts] = {}
    for entry in document["cities"]:
        city = str(entry.get("slug") or entry.get("city") or "")
        if not city:
            continue
        areas = {str(k): (float(v) if v is not None else None) for k, v in (entry.get("areas") or {}).items()}
        aggregate = entry.get("aggregate")
        points.append(IndexPoint(city, year, float(aggregate) if aggregate is not None else None, areas))
        bands = entry.get("peer_groups") or {}
        facts[city] = CityFacts(
            population=POPULATION_BANDS.get(str(bands.get("population"))),
            diversity=DIVERSITY_BANDS.get(str(bands.get("diversity"))),
        )
    return points, facts
