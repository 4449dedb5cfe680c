"""Rank uncertainty on the public pages: where a published city's rank stays in 90 % of the plausible
weightings (the stored robustness of its round, see icc/index/scoring/rank_robustness.py), as a sentence,
a short range and an interval chart drawn on the scale of the round's ranks."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from icc.index.selectors.publication import PublicCityResult

# The chart's drawing area, in SVG user units: ranks 1 to n from left to right.
CHART_WIDTH = 240
CHART_MARGIN = 8


@dataclass(frozen=True)
class RankUncertainty:
    rank: int | None  # the official rank (in the round's sample)
    low: int  # best rank in 90 % of the weightings
    high: int  # worst rank in 90 % of the weightings
    sample_size: int
    runs: int

    @property
    def firm(self) -> bool:
        return self.low == self.high

    @property
    def range_text(self) -> str:
        """“4–9” (or “4” when the rank is firm): the rankings' column and the comparison's row."""
        return str(self.low) if self.firm else f"{self.low}–{self.high}"

    @property
    def csv_text(self) -> str:
        return str(self.low) if self.firm else f"{self.low}-{self.high}"

    @property
    def sentence(self) -> SafeString:
        # Ordinals are HTML in some languages (French “2<sup>e</sup>”); the rest is the catalogue's text.
        if self.firm:
            text = _("%(rank)s in 90%% of plausible weightings.") % {"rank": ordinal(self.low)}
        else:
            text = _("Between %(low)s and %(high)s in 90%% of plausible weightings.") % {
                "low": ordinal(self.low),
                "high": ordinal(self.high),
            }
        return mark_safe(text)

    @property
    def runs_text(self) -> str:
        return number_format(self.runs, force_grouping=True)

    def _x(self, rank: float) -> float:
        span = max(self.sample_size - 1, 1)
        return round(CHART_MARGIN + (rank - 1) / span * (CHART_WIDTH - 2 * CHART_MARGIN), 1)

    @property
    def chart(self) -> dict[str, float]:
        """Positions of the interval chart: the axis, the interval's bar and the official rank's mark."""
        low, high = self._x(self.low), self._x(self.high)
        return {
            "width": CHART_WIDTH,
            "axis_start": CHART_MARGIN,
            "axis_end": CHART_WIDTH - CHART_MARGIN,
            "low": low,
            "bar_width": max(high - low, 2.0),
            "rank": self._x(self.rank) if self.rank else low,
        }


def rank_uncertainty(result: PublicCityResult, sample_size: int) -> RankUncertainty | None:
    """A published city's rank interval; None when its round stored no robustness for it."""
    interval = result.interval
    if interval is None:
        return None
    return RankUncertainty(
        rank=result.rank, low=interval.low, high=interval.high, sample_size=sample_size, runs=interval.runs
    )
