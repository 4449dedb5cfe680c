"""Progress between rounds: a city's change per area and in the aggregate since its previous scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from icc.index.scoring.scores import CityScores


@dataclass(frozen=True)
class Change:
    previous: float | None
    current: float | None
    delta: float | None  # None unless comparable and both have a score
    comparable: bool


@dataclass(frozen=True)
class Progress:
    city: str
    previous_questionnaire: str
    current_questionnaire: str
    areas: dict[str, Change]
    aggregate: Change

    def to_dict(self) -> dict[str, Any]:
        def change(c: Change) -> dict[str, Any]:
            return {
                "previous": c.previous,
                "current": c.current,
                "delta": c.delta,
                "comparable": c.comparable,
            }

        return {
            "city": self.city,
            "previous_questionnaire": self.previous_questionnaire,
            "current_questionnaire": self.current_questionnaire,
            "areas": {a: change(c) for a, c in self.areas.items()},
            "aggregate": change(self.aggregate),
        }


def progress(previous: CityScores, current: CityScores, comparable_areas: set[str] | None = None) -> Progress:
    """A city's change per area and in the aggregate since its previous scores.

    Within one questionnaire version (comparable_areas None) every area is comparable. Across
    versions only the areas in `comparable_areas` (from the version mapping) are; with None there,
    nothing is. The aggregate is comparable across versions only when every area of both is.
    """
    same_version = previous.questionnaire == current.questionnaire
    if comparable_areas is None:
        comparable_areas = set(previous.areas) | set(current.areas) if same_version else set()
    area_ids = list(current.areas) + [a for a in previous.areas if a not in current.areas]

    def change(before: float | None, after: float | None, comparable: bool) -> Change:
        delta = after - before if comparable and before is not None and after is not None else None
        return Change(before, after, delta, comparable)

    areas = {
        a: change(
            previous.areas.get(a),
            current.areas.get(a),
            a in comparable_areas and a in previous.areas and a in current.areas,
        )
        for a in area_ids
    }
    aggregate_comparable = same_version or set(area_ids) <= comparable_areas
    return Progress(
        city=current.city,
        previous_questionnaire=previous.questionnaire,
        current_questionnaire=current.questionnaire,
        areas=areas,
        aggregate=change(previous.aggregate, current.aggregate, aggregate_comparable),
    )
