"""Which practices to point a city to: pure ranking over plain data (no Django), tested with plain data.

Two uses:
- `recommend`: for a city's weak Index questions of an area, the 2-3 published practices of other cities
  that best fit them, ranked by three things in this order:
    question match first: a practice answering one of the weak questions itself (1) comes before one
      that only serves their area (0.5); a practice of another area is not a candidate (0);
    then, within the same match, a score between 0 and 1 weighing city similarity (0.6) and recency (0.4):
      similarity is how close the two cities are in population (on a log scale: 10 times larger is as
      far as it gets) and in diversity (share of foreign-born or foreign residents: 20 points apart is as
      far as it gets), the mean of the two that are known, 0.5 when neither is; recency is 1 for a
      practice published or reviewed this year, falling linearly to 0 at ten years;
    ties broken by the newer practice, then the smaller id, so that the order is the same every time.
  At most one practice per city, so that the pointers show several cities' ways.
- `similar`: "more like this", the practices sharing the most questions, areas and themes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

WEIGHTS = {"similarity": 0.6, "recency": 0.4}  # within the same question match
POPULATION_SPAN = 1.0  # log10 units: a city 10 times larger or smaller is as far as it gets
DIVERSITY_SPAN = 20.0  # percentage points
RECENCY_YEARS = 10.0


@dataclass(frozen=True)
class CityFacts:
    population: int | None
    diversity: float | None  # percent


@dataclass(frozen=True)
class Candidate:
    id: int
    city_id: int
    city: CityFacts
    areas: frozenset[str]
    questions: frozenset[str]
    themes: frozenset[str] = frozenset()
    year: int = 0  # year of its latest publication or review


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    parts: dict[str, float] = field(default_factory=dict)


def question_match(candidate: Candidate, *, area: str, questions: Iterable[str] = ()) -> float:
    """1 when the practice answers one of the questions, 0.5 when only their area, else 0."""
    if candidate.questions & set(questions):
        return 1.0
    if area in candidate.areas:
        return 0.5
    return 0.0


def city_similarity(a: CityFacts, b: CityFacts) -> float:
    parts = []
    if a.population and b.population:
        distance = abs(math.log10(a.population) - math.log10(b.population)) / POPULATION_SPAN
        parts.append(max(0.0, 1.0 - distance))
    if a.diversity is not None and b.diversity is not None:
        parts.append(max(0.0, 1.0 - abs(a.diversity - b.diversity) / DIVERSITY_SPAN))
    return sum(parts) / len(parts) if parts else 0.5


def recency(year: int, *, this_year: int) -> float:
    age = max(0, this_year - year)
    return max(0.0, 1.0 - age / RECENCY_YEARS)


def recommend(
    candidates: Iterable[Candidate],
    *,
    city_id: int,
    city: CityFacts,
    area: str,
    questions: Iterable[str] = (),
    this_year: int,
    limit: int = 3,
) -> list[Scored]:
    """The best `limit` practices of other cities for a weak area and its weak questions, best first."""
    wanted = set(questions)
    scored = []
    for candidate in candidates:
        if candidate.city_id == city_id:
            continue
        match = question_match(candidate, area=area, questions=wanted)
        if match == 0:
            continue
        parts = {
            "question": match,
            "similarity": round(city_similarity(city, candidate.city), 6),
            "recency": round(recency(candidate.year, this_year=this_year), 6),
        }
        score = round(sum(weight * parts[name] for name, weight in WEIGHTS.items()), 6)
        scored.append(Scored(candidate, score, parts))
    scored.sort(key=lambda s: (-s.parts["question"], -s.score, -s.candidate.year, s.candidate.id))
    chosen: list[Scored] = []
    cities: set[int] = set()
    for item in scored:
        if item.candidate.city_id in cities:
            continue
        chosen.append(item)
        cities.add(item.candidate.city_id)
        if len(chosen) == limit:
            break
    return chosen


def similar(target: Candidate, candidates: Sequence[Candidate], *, limit: int = 4) -> list[Candidate]:
    """Practices most like `target`: shared questions count 3, shared areas 2, shared themes 1."""

    def overlap(other: Candidate) -> int:
        return (
            3 * len(target.questions & other.questions)
            + 2 * len(target.areas & other.areas)
            + len(target.themes & other.themes)
        )

    ranked = [(overlap(c), c) for c in candidates if c.id != target.id]
    ranked = [(score, c) for score, c in ranked if score > 0]
    ranked.sort(key=lambda pair: (-pair[0], -pair[1].year, pair[1].id))
    return [c for _score, c in ranked[:limit]]
