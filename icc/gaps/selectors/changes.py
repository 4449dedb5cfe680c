"""The change of a gap score between two periods, with its 95 % interval (statistics.gap_score_change).

The bootstrap redraws the groups' counts, which the stored records leave out (the contract's output has
rates, not counts): the records are computed again here from the city's observations, by the same engine
and thresholds as the stored ones, so that the change is the one of the figures the pages show.
"""

from __future__ import annotations

from dataclasses import dataclass

from icc.gaps.services.compute import city_gap_rows, gap_thresholds
from icc.gaps.statistics import GapChange, GapRecord, compute_gaps, gap_score_change
from icc.network.models import City

SEED = 0  # the same figures give the same interval on every page and download

RecordKey = tuple[str, str, str]  # (indicator key, period, focal group key)


def city_records(city: City, *, indicator_key: str | None = None) -> dict[RecordKey, GapRecord]:
    """The engine's records of the city's observations (with their counts), by indicator, period and focal
    group: the rows and thresholds the stored records come from (icc.gaps.services.compute)."""
    rows = [row for row in city_gap_rows(city) if indicator_key is None or row.indicator == indicator_key]
    if not rows:
        return {}
    return {(r.indicator, r.period, r.focal): r for r in compute_gaps(rows, gap_thresholds())}


@dataclass(frozen=True)
class Change:
    indicator_key: str
    focal_key: str
    change: GapChange

    @property
    def narrowed(self) -> bool:
        """A clear move towards parity: the gap score rose, and its interval excludes 0."""
        return self.change.clear and self.change.change > 0

    @property
    def widened(self) -> bool:
        return self.change.clear and self.change.change < 0


def change_between(
    records: dict[RecordKey, GapRecord], indicator_key: str, focal_key: str, earlier: str, later: str
) -> Change | None:
    """None when either period has no record, or either record is suppressed."""
    before = records.get((indicator_key, earlier, focal_key))
    after = records.get((indicator_key, later, focal_key))
    if before is None or after is None or before.suppressed or after.suppressed:
        return None
    change = gap_score_change(before, after, seed=SEED)
    return None if change is None else Change(indicator_key, focal_key, change)
