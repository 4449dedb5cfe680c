"""The statistics of the "mind the gap" tool (../shared/docs/gap-format.md), pure: no Django.

`compute_gaps` turns checked rows (icc.gaps.format) into one `GapRecord` per city, indicator, period
and focal group: both rates, the gap in percentage points with Newcombe's hybrid score interval, the
ratio on the favourable form with Katz's log interval, the parity index, the gap score, suppression and
low reliability. `gap_score_change` gives the change of a gap score between two periods with a
parametric bootstrap interval; `domain_score` rolls indicators' gap scores up to a domain.
Decisions where the contract is silent: docs/gaps-format-notes.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from icc.gaps.format import GapRow

Z = 1.959963984540054  # two-sided 95 %

DOMAINS = (
    "employment",
    "education",
    "housing",
    "health",
    "civic_participation",
    "safety",
    "discrimination",
)


@dataclass(frozen=True)
class Thresholds:
    """Suppression (either denominator or numerator below its minimum) and low reliability (RSE above)."""

    min_denominator: int = 30
    min_numerator: int = 10
    max_rse: float = 0.3


@dataclass(frozen=True)
class GapRecord:
    """One output record of the contract, plus the raw counts (not in `as_dict`).

    When `suppressed`, every statistic is None: rates, group sizes, gap, interval, significance,
    ratio, parity index, gap score and low_reliability.
    """

    city: str
    indicator: str
    period: str
    focal: str
    reference: str
    polarity: int
    focal_rate: float | None
    reference_rate: float | None
    focal_n: int | None
    reference_n: int | None
    gap_pp: float | None
    gap_ci: tuple[float, float] | None
    significant: bool | None
    ratio: float | None
    ratio_ci: tuple[float, float] | None
    parity_index: float | None
    gap_score: float | None
    suppressed: bool
    low_reliability: bool | None
    # The raw counts, kept even when the record is suppressed (the change over time needs them); never
    # exported: `as_dict` leaves them out.
    focal_numerator: int
    focal_denominator: int
    reference_numerator: int
    reference_denominator: int

    # The contract's output keys, in its order.
    KEYS: ClassVar[tuple[str, ...]] = (
        "city",
        "indicator",
        "period",
        "focal",
        "reference",
        "polarity",
        "focal_rate",
        "reference_rate",
        "focal_n",
        "reference_n",
        "gap_pp",
        "gap_ci",
        "significant",
        "ratio",
        "ratio_ci",
        "parity_index",
        "gap_score",
        "suppressed",
        "low_reliability",
    )

    def as_dict(self) -> dict[str, Any]:
        """The contract's record, keys in the contract's order; intervals as two-item lists."""
        record = {key: getattr(self, key) for key in self.KEYS}
        for key in ("gap_ci", "ratio_ci"):
            if record[key] is not None:
                record[key] = list(record[key])
        return record


def compute_gaps(rows: list[GapRow], thresholds: Thresholds = Thresholds()) -> list[GapRecord]:
    """One record per city, indicator, period and focal group, sorted by those four (plain string order).

    The rows must be checked ones (icc.gaps.format): one reference per (city, indicator, period).
    A key with a reference group and no focal group gives no record.
    """
    references = {row.key: row for row in rows if row.role == "reference"}
    records = []
    for row in rows:
        if row.role != "focal":
            continue
        reference = references.get(row.key)
        if reference is None:
            raise ValueError(f"row {row.line}: {', '.join(row.key)} has no reference group")
        records.append(gap_record(row, reference, thresholds))
    records.sort(key=lambda record: (record.city, record.indicator, record.period, record.focal))
    return records


def wilson(x: int, n: int, z: float = Z) -> tuple[float, float]:
    """Wilson's score interval for the proportion x/n, without continuity correction."""
    p = x / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(x1: int, n1: int, x2: int, n2: int, z: float = Z) -> tuple[float, float]:
    """Newcombe's hybrid score interval (his method 10) for x1/n1 - x2/n2."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, z)
    l2, u2 = wilson(x2, n2, z)
    d = p1 - p2
    return (
        d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
        d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    )


def katz(x1: float, n1: int, x2: float, n2: int, z: float = Z) -> tuple[float, float] | None:
    """Katz's log interval for the ratio (x1/n1) / (x2/n2); None when x1 or x2 is 0."""
    if x1 <= 0 or x2 <= 0:
        return None
    f1, f2 = x1 / n1, x2 / n2
    log_ratio = math.log(f1 / f2)
    se = math.sqrt((1 - f1) / x1 + (1 - f2) / x2)
    return math.exp(log_ratio - z * se), math.exp(log_ratio + z * se)


def relative_standard_error(x: int, n: int) -> float:
    """sqrt(p(1-p)/n)/p; infinite when p is 0 (the estimate is no better than nothing)."""
    p = x / n
    return math.sqrt(p * (1 - p) / n) / p if p > 0 else math.inf


def gap_record(focal: GapRow, reference: GapRow, thresholds: Thresholds = Thresholds()) -> GapRecord:
    """The record comparing a focal group's row with its reference group's row.

    Raises ValueError for counts that are no count of people (a numerator outside 0..denominator), and
    for a denominator of 0 unless the record is suppressed anyway: rows built by hand rather than read by
    icc.gaps.format get no silent division by 0.
    """
    for row in (focal, reference):
        if not 0 <= row.numerator <= row.denominator:
            raise ValueError(
                f"row {row.line}: counts {row.numerator}/{row.denominator} are not a group's count of people"
            )
    common: dict[str, Any] = {
        "city": focal.city,
        "indicator": focal.indicator,
        "period": focal.period,
        "focal": focal.group,
        "reference": reference.group,
        "polarity": focal.polarity,
        "focal_numerator": focal.numerator,
        "focal_denominator": focal.denominator,
        "reference_numerator": reference.numerator,
        "reference_denominator": reference.denominator,
    }
    suppressed = (
        min(focal.denominator, reference.denominator) < thresholds.min_denominator
        or min(focal.numerator, reference.numerator) < thresholds.min_numerator
    )
    if suppressed:
        return GapRecord(
            **common,
            focal_rate=None,
            reference_rate=None,
            focal_n=None,
            reference_n=None,
            gap_pp=None,
            gap_ci=None,
            significant=None,
            ratio=None,
            ratio_ci=None,
            parity_index=None,
            gap_score=None,
            suppressed=True,
            low_reliability=None,
        )
    for row in (focal, reference):
        if row.denominator == 0:
            raise ValueError(f"row {row.line}: a group of 0 people has no rate")
    polarity = focal.polarity
    x_f, n_f, x_r, n_r = focal.numerator, focal.denominator, reference.numerator, reference.denominator
    p_f, p_r = x_f / n_f, x_r / n_r
    low, high = newcombe(x_f, n_f, x_r, n_r)
    gap_ci = (100 * low, 100 * high) if polarity == 1 else (-100 * high, -100 * low)
    # The favourable form: the share of people with the good outcome, counted as x = n * f.
    fx_f, fx_r = (x_f, x_r) if polarity == 1 else (n_f - x_f, n_r - x_r)
    f_f, f_r = fx_f / n_f, fx_r / n_r
    ratio = f_f / f_r if f_r > 0 else None
    # No ratio (the reference's favourable rate is 0), no parity index: the gap score still says.
    parity_index = None if ratio is None else ratio if ratio <= 1 else 2 - 1 / ratio
    gap_score = 100.0 if max(f_f, f_r) == 0 else 100 * min(f_f, f_r) / max(f_f, f_r)
    rse = max(relative_standard_error(x_f, n_f), relative_standard_error(x_r, n_r))
    return GapRecord(
        **common,
        focal_rate=p_f,
        reference_rate=p_r,
        focal_n=n_f,
        reference_n=n_r,
        gap_pp=polarity * (p_f - p_r) * 100,
        gap_ci=gap_ci,
        significant=gap_ci[0] > 0 or gap_ci[1] < 0,
        ratio=ratio,
        ratio_ci=katz(fx_f, n_f, fx_r, n_r),
        parity_index=parity_index,
        gap_score=gap_score,
        suppressed=False,
        low_reliability=rse > thresholds.max_rse,
    )


@dataclass(frozen=True)
class GapChange:
    """The change of a gap score from one period to another, with its 95 % bootstrap interval."""

    earlier_period: str
    later_period: str
    change: float  # later gap_score - earlier gap_score (observed)
    ci_low: float
    ci_high: float
    clear: bool  # False = "no clear change" (the interval includes 0)


def gap_score_change(
    earlier: GapRecord, later: GapRecord, *, runs: int = 2000, seed: int = 0
) -> GapChange | None:
    """The change of the gap score between two records of the same city, indicator and groups.

    Parametric bootstrap: each run redraws both groups' numerators, in both periods, from binomials
    with the observed rates and denominators (numpy.random.default_rng(seed)); the interval is the
    2.5th and 97.5th percentiles of the redrawn changes. None when either record is suppressed.
    The draws come in a fixed order (earlier focal, earlier reference, later focal, later reference,
    `runs` each), so one seed always gives one interval.
    """
    if runs < 1:
        raise ValueError("the bootstrap needs at least one run")
    if earlier.suppressed or later.suppressed or earlier.gap_score is None or later.gap_score is None:
        return None
    same = ("city", "indicator", "focal", "reference", "polarity")
    if any(getattr(earlier, name) != getattr(later, name) for name in same):
        raise ValueError("a change compares the same city, indicator, groups and polarity")
    rng = np.random.default_rng(seed)

    def redrawn_scores(record: GapRecord) -> npt.NDArray[np.float64]:
        n_f, n_r = record.focal_denominator, record.reference_denominator
        x_f = rng.binomial(n_f, record.focal_numerator / n_f, size=runs)
        x_r = rng.binomial(n_r, record.reference_numerator / n_r, size=runs)
        f_f, f_r = x_f / n_f, x_r / n_r
        if record.polarity == -1:
            f_f, f_r = 1 - f_f, 1 - f_r
        low, high = np.minimum(f_f, f_r), np.maximum(f_f, f_r)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(high > 0, 100 * low / np.where(high > 0, high, 1), 100.0)

    first = redrawn_scores(earlier)
    changes = redrawn_scores(later) - first
    ci_low, ci_high = (float(value) for value in np.percentile(changes, [2.5, 97.5]))
    return GapChange(
        earlier_period=earlier.period,
        later_period=later.period,
        change=later.gap_score - earlier.gap_score,
        ci_low=ci_low,
        ci_high=ci_high,
        clear=not (ci_low <= 0 <= ci_high),
    )


@dataclass(frozen=True)
class DomainScore:
    """A domain's mean gap score, with how many of its expected indicators have a score."""

    domain: str
    score: float | None  # None below two thirds coverage
    covered: int
    expected: int
    coverage: float


def domain_score(
    domain: str, gap_scores: dict[str, float | None], expected_indicators: list[str]
) -> DomainScore:
    """The mean gap score of the domain's expected indicators that have a (non-suppressed) score.

    `gap_scores` maps indicator to gap score (None when suppressed or missing); indicators not in
    `expected_indicators` are ignored. The score is None when fewer than two thirds are covered.
    """
    if domain not in DOMAINS:
        raise ValueError(f"unknown domain {domain!r}: one of {', '.join(DOMAINS)}")
    expected = list(dict.fromkeys(expected_indicators))
    scores = [score for name in expected if (score := gap_scores.get(name)) is not None]
    covered = len(scores)
    enough = expected and 3 * covered >= 2 * len(expected)
    return DomainScore(
        domain=domain,
        score=sum(scores) / covered if enough else None,
        covered=covered,
        expected=len(expected),
        coverage=covered / len(expected) if expected else 0.0,
    )
