"""The statistics of the "mind the gap" tool (../shared/docs/gap-format.md), pure: no Django.

`compute_gaps` turns checked rows (icc.gaps.format) into one `GapRecord` per city, indicator, period
and focal group: both rates, the gap in percentage points with Newcombe's hybrid score interval, the
ratio on the favourable form with Katz's log interval, the parity index, the gap score, suppression and
low reliability. `gap_score_change` gives the change of a gap score between two periods with a
parametric bootstrap interval; `domain_score` rolls indicators' gap scores up to a domain.
Decisions where the contract is silent: docs/gaps-format-notes.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

    def as_dict(self) -> dict[str, Any]:
        """The contract's record, keys in the contract's order; intervals as two-item lists."""
        raise NotImplementedError


def compute_gaps(rows: list[GapRow], thresholds: Thresholds = Thresholds()) -> list[GapRecord]:
    """One record per city, indicator, period and focal group, sorted by those four (plain string order).

    The rows must be checked ones (icc.gaps.format): one reference per (city, indicator, period).
    """
    raise NotImplementedError


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
    """
    raise NotImplementedError


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
    raise NotImplementedError
