"""Data checks: per city and area, how many of the scored questions shown to the city it answered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from icc.index.scoring.constants import _HIDDEN, _NOT_APPLICABLE, BoolArray, IntArray
from icc.index.scoring.layout import _add_segments, _apply_conditions, _Layout
from icc.index.scoring.scores import ScoresDocument


@dataclass(frozen=True)
class AreaCheck:
    """How many of an area's scored questions a city answered.

    scored = answered + not_applicable + unanswered + not_shown. A follow-up whose display condition
    is not met is `not_shown` (whatever was answered to it): the city was never asked it.
    """

    city: str
    area: str
    scored: int  # scored questions in the area
    answered: int  # given an option (not n/a, not unanswered), and shown
    not_applicable: int
    unanswered: int  # shown and unanswered
    flagged: bool  # the area rests on fewer than the threshold share of the questions shown
    not_shown: int = 0  # follow-ups whose display condition is not met

    @property
    def shown(self) -> int:
        return self.scored - self.not_shown

    @property
    def share(self) -> float | None:
        """The share of the questions shown to the city that it answered."""
        return self.answered / self.shown if self.shown else None


@dataclass(frozen=True)
class DataChecks:
    threshold: float
    checks: tuple[AreaCheck, ...]

    def flagged(self) -> list[AreaCheck]:
        return [c for c in self.checks if c.flagged]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for c in self.checks:
            out.setdefault(c.city, {})[c.area] = {
                "scored": c.scored,
                "answered": c.answered,
                "n/a": c.not_applicable,
                "unanswered": c.unanswered,
                "not shown": c.not_shown,
                "share": c.share,
                "flagged": c.flagged,
            }
        return {"threshold": self.threshold, "cities": out}


def _count_per_area(layout: _Layout, single_hits: BoolArray, multi_hits: BoolArray) -> IntArray:
    """Per city and area, shape (cities, areas), how many of its questions are hits."""
    counts = np.zeros((len(layout.area_ids), single_hits.shape[1]), dtype=np.int64)
    _add_segments(counts, single_hits, layout.single_segments)
    _add_segments(counts, multi_hits, layout.multi_segments)
    return counts.T


def data_checks(scores: ScoresDocument, threshold: float = 0.5) -> DataChecks:
    """Per city and area: how many scored questions shown to the city were answered; flagged when
    fewer than `threshold` of them. Follow-ups whose display condition is not met count as not shown."""
    layout = scores.layout
    single, multi = _apply_conditions(layout, scores.responses.single, scores.responses.multi)
    answered = _count_per_area(layout, single >= 0, multi >= 0)
    not_applicable = _count_per_area(layout, single == _NOT_APPLICABLE, multi == _NOT_APPLICABLE)
    not_shown = _count_per_area(layout, single == _HIDDEN, multi == _HIDDEN)
    scored = layout.scored_per_area
    shown = scored - not_shown
    unanswered = shown - answered - not_applicable
    flagged = (shown > 0) & (answered < threshold * shown)
    checks = tuple(
        AreaCheck(
            city=city,
            area=area,
            scored=int(scored[a]),
            answered=int(answered[i, a]),
            not_applicable=int(not_applicable[i, a]),
            unanswered=int(unanswered[i, a]),
            flagged=bool(flagged[i, a]),
            not_shown=int(not_shown[i, a]),
        )
        for i, city in enumerate(scores.city_names)
        for a, area in enumerate(layout.area_ids)
    )
    return DataChecks(threshold, checks)
