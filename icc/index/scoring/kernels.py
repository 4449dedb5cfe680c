"""Array kernels: points and scores per area and city, weighted and geometric means, competition
ranks, and the sample statistics of each row.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from icc.index.scoring.constants import _NOT_APPLICABLE, TIE_TOLERANCE, FloatArray, IntArray
from icc.index.scoring.layout import _add_segments, _Layout


def _multi_points(layout: _Layout, multi: IntArray, rows: IntArray | None = None) -> FloatArray:
    """Points earned by the multiple-choice answers (questions, cities), of every row or of `rows`."""
    chosen = np.maximum(multi if rows is None else multi[rows], 0)  # unanswered and n/a choose nothing
    numbers = np.arange(layout.n_multi, dtype=np.int64) if rows is None else rows
    if layout.multi_table is not None:
        width = layout.multi_table.shape[1]
        return layout.multi_table.take(chosen + (numbers * width)[:, None])
    raw = np.zeros(chosen.shape)
    for k in range(layout.multi_points.shape[1]):
        raw += ((chosen >> k) & 1) * layout.multi_points[numbers, k : k + 1]
    return np.clip(raw, 0.0, layout.multi_cap[numbers][:, None])


def _area_sums(
    layout: _Layout, single: npt.NDArray[np.int16], multi: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Points earned and points achievable per area and city, shape (areas, cities)."""
    n, n_areas = single.shape[1], len(layout.area_ids)
    earned = np.zeros((n_areas, n))
    achievable = np.zeros((n_areas, n))
    if layout.n_single and n:
        index = single + layout.single_offsets[:, None]
        _add_segments(earned, layout.single_earned.take(index), layout.single_segments)
        _add_segments(achievable, layout.single_achievable.take(index), layout.single_segments)
    if layout.n_multi and n:
        caps = np.where(multi == _NOT_APPLICABLE, 0.0, layout.multi_cap[:, None])
        _add_segments(earned, _multi_points(layout, multi), layout.multi_segments)
        _add_segments(achievable, caps, layout.multi_segments)
    return earned, achievable


def _group_scores(
    layout: _Layout, single: npt.NDArray[np.int16], multi: IntArray, areas: FloatArray
) -> FloatArray:
    """Group scores, shape (groups, cities): the weighted mean of the member areas' scores, or for a
    group over questions 100 x points earned / points achievable over its questions (NaN where none)."""
    groups = _weighted_means(areas, layout.group_weights)
    n = single.shape[1]
    for g, rows, multi_rows in layout.question_groups:
        earned, achievable = np.zeros(n), np.zeros(n)
        if len(rows) and n:
            index = single[rows] + layout.single_offsets[rows][:, None]
            earned += layout.single_earned.take(index).sum(axis=0)
            achievable += layout.single_achievable.take(index).sum(axis=0)
        if len(multi_rows) and n:
            earned += _multi_points(layout, multi, multi_rows).sum(axis=0)
            caps = np.where(multi[multi_rows] == _NOT_APPLICABLE, 0.0, layout.multi_cap[multi_rows][:, None])
            achievable += caps.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            groups[g] = np.where(achievable > 0, 100.0 * earned / achievable, np.nan)
    return groups


def _area_scores(layout: _Layout, single: npt.NDArray[np.int16], multi: IntArray) -> FloatArray:
    """Area scores, shape (areas, cities), NaN where no points are achievable."""
    earned, achievable = _area_sums(layout, single, multi)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(achievable > 0, 100.0 * earned / achievable, np.nan)


def _weighted_means(scores: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted means of the non-null scores (areas, cities), one row per weight column (areas, k)."""
    has = ~np.isnan(scores)
    numerator = weights.T @ np.where(has, scores, 0.0)
    denominator = weights.T @ has.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def _geometric_means(scores: FloatArray, weights: FloatArray, floor: float) -> FloatArray:
    has = ~np.isnan(scores)
    logs = np.log(np.maximum(np.where(has, scores, 1.0), floor)) * has
    denominator = weights.T @ has.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, np.exp((weights.T @ logs) / denominator), np.nan)


def competition_ranks(values: FloatArray, tolerance: float = TIE_TOLERANCE) -> IntArray:
    """Standard competition ranks (1, 2, 2, 4), highest first, along axis 0; 0 where the value is NaN.

    Values within `tolerance` of the next one down share its rank. Works on (n,) or (n, runs).
    """
    v = np.asarray(values, dtype=np.float64)
    flat = v.ndim == 1
    if flat:
        v = v[:, None]
    ranks = np.zeros(v.shape, dtype=np.int64)
    if v.size:
        keyed = np.where(np.isnan(v), -np.inf, v)
        order = np.argsort(-keyed, axis=0, kind="stable")
        ordered = np.take_along_axis(keyed, order, axis=0)
        new_tie = np.ones(v.shape, dtype=bool)
        with np.errstate(invalid="ignore"):  # -inf - -inf (two missing values) is NaN: not a new tie
            new_tie[1:] = (ordered[:-1] - ordered[1:]) > tolerance
        positions = np.arange(v.shape[0])[:, None]
        starts = np.maximum.accumulate(np.where(new_tie, positions, 0), axis=0)
        np.put_along_axis(ranks, order, starts + 1, axis=0)
        ranks[np.isnan(v)] = 0
    return ranks[:, 0] if flat else ranks


def _descending_order(values: FloatArray) -> IntArray:
    return np.argsort(-np.where(np.isnan(values), -np.inf, values), kind="stable")


def _ranks_within(values: FloatArray, order: IntArray, groups: IntArray | None = None) -> IntArray:
    """Competition ranks within each group (one group when None); 0 for NaN values or group -1.

    `order` sorts `values` highest first; a stable sort by group keeps that order within each group,
    so one sort of the sample serves every peer-group scale.
    """
    n = len(values)
    if groups is not None:
        order = order[np.argsort(groups[order].astype(np.int16), kind="stable")]
    ordered = values[order]
    new_tie = np.ones(n, dtype=bool)
    new_group = np.zeros(n, dtype=bool)
    new_group[:1] = True
    if n > 1:
        new_tie[1:] = ~((ordered[:-1] - ordered[1:]) <= TIE_TOLERANCE)
        if groups is not None:
            sorted_groups = groups[order]
            new_group[1:] = sorted_groups[1:] != sorted_groups[:-1]
            new_tie |= new_group
    positions = np.arange(n)
    starts = np.maximum.accumulate(np.where(new_tie, positions, 0))
    group_starts = np.maximum.accumulate(np.where(new_group, positions, 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = starts - group_starts + 1
    ranks[np.isnan(values) if groups is None else np.isnan(values) | (groups < 0)] = 0
    return ranks


_STATS = ("mean", "median", "min", "max", "q1", "q3")


def _row_stats(matrix: FloatArray) -> dict[str, FloatArray]:
    """n, mean, median, min, max and quartiles of each row, ignoring NaN (NaN where n is 0)."""
    counts = (~np.isnan(matrix)).sum(axis=1)
    ordered = np.sort(matrix, axis=1)  # NaN sorts last
    rows = np.arange(matrix.shape[0])
    last = np.maximum(counts - 1, 0)
    empty = counts == 0

    def quantile(p: float) -> FloatArray:
        if not matrix.shape[1]:
            return np.full(matrix.shape[0], np.nan)
        position = p * last
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, last)
        below, above = ordered[rows, low], ordered[rows, high]
        return np.where(empty, np.nan, below + (above - below) * (position - low))

    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(empty, np.nan, np.nansum(matrix, axis=1) / counts)
    return {
        "n": counts.astype(np.float64),
        "mean": mean,
        "median": quantile(0.5),
        "min": quantile(0.0),
        "max": quantile(1.0),
        "q1": quantile(0.25),
        "q3": quantile(0.75),
    }


def row_statistics(matrix: npt.ArrayLike) -> dict[str, FloatArray]:
    """n, mean, median, min, max and quartiles (q1, q3) of each row of a (rows, cities) matrix, NaN
    ignored: the sample statistics of the scores document, for any subset of cities."""
    return _row_stats(np.atleast_2d(np.asarray(matrix, dtype=np.float64)))


def _nullable(value: float) -> float | None:
    return None if value != value else value
