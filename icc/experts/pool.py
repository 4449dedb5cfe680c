"""The pool's figures, computed from plain facts about each expert (no Django: tested with plain data).

What the secretariat reads on the pool figures page: active experts by gender (counted by icc/core/gender.py:
under 5 people is shown "<5", so that nobody is singled out), by language spoken (French speakers first among
equals), by Index area covered, the areas and languages with fewer than 2 active experts, and each target's
progress.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from icc.core.gender import GenderCell, gender_balance

ACTIVE = "active"
THIN = 2  # an area or language with fewer active experts than this is thin
FRENCH = "fr"


@dataclass(frozen=True)
class ExpertFacts:
    """What the figures need to know about one expert."""

    status: str
    gender: str
    languages: frozenset[str]  # ISO 639-1 codes spoken at a working level or better
    areas: frozenset[str]  # Index area keys


@dataclass(frozen=True)
class KeyCount:
    key: str
    count: int

    @property
    def thin(self) -> bool:
        return self.count < THIN


@dataclass(frozen=True)
class TargetProgress:
    kind: str
    target: float
    due_on: date
    current: float | None  # None: not shown (a share of women computed from fewer than 5 people)

    @property
    def reached(self) -> bool:
        return self.current is not None and self.current >= self.target

    @property
    def percent(self) -> float | None:
        """How far along, 0-100 (capped): the current value as a share of the target."""
        if self.current is None:
            return None
        if self.target <= 0:
            return 100.0
        return round(min(100.0, 100.0 * self.current / self.target), 1)

    @property
    def missing(self) -> float | None:
        """How much is still missing (0 once reached)."""
        if self.current is None:
            return None
        return round(max(0.0, self.target - self.current), 1)


def active(facts: Iterable[ExpertFacts]) -> list[ExpertFacts]:
    return [fact for fact in facts if fact.status == ACTIVE]


def by_gender(facts: Iterable[ExpertFacts]) -> list[GenderCell]:
    """Active experts per self-declared gender, every gender listed (not stated last), counted the one way
    (icc/core/gender.py: "<5" under 5 people)."""
    return list(gender_balance(fact.gender for fact in active(facts)).cells)


def women_share(facts: Iterable[ExpertFacts]) -> float | None:
    """The share of women among active experts, in percent (one decimal); None when it would single people
    out (icc/core/gender.py: fewer than 10 people, or fewer than 5 women or others)."""
    return gender_balance(fact.gender for fact in active(facts)).women_share


def by_language(facts: Iterable[ExpertFacts], *, always: Sequence[str] = ("en", FRENCH)) -> list[KeyCount]:
    """Active experts per language they speak: every language any expert of the pool speaks (whatever
    their status) and the `always` ones, most speakers first, French and English before ties."""
    facts = list(facts)
    languages = set(always) | {code for fact in facts for code in fact.languages}
    counts = Counter(code for fact in active(facts) for code in fact.languages)
    order = {code: position for position, code in enumerate(always)}
    ranked = sorted(languages, key=lambda code: (-counts.get(code, 0), order.get(code, len(order)), code))
    return [KeyCount(code, counts.get(code, 0)) for code in ranked]


def french_speakers(facts: Iterable[ExpertFacts]) -> int:
    return sum(1 for fact in active(facts) if FRENCH in fact.languages)


def by_area(facts: Iterable[ExpertFacts], area_keys: Sequence[str]) -> list[KeyCount]:
    """Active experts per Index area, in the areas' order, every area listed (0 included)."""
    counts = Counter(key for fact in active(facts) for key in fact.areas)
    return [KeyCount(key, counts.get(key, 0)) for key in area_keys]


def thin(counts: Iterable[KeyCount]) -> list[KeyCount]:
    """The areas or languages with fewer than 2 active experts."""
    return [count for count in counts if count.thin]


def target_progress(kind: str, target: float, due_on: date, facts: Sequence[ExpertFacts]) -> TargetProgress:
    """Where the pool stands against one target: the share of women (%), French speakers, active experts."""
    current: float | None
    if kind == "women_share":
        current = women_share(facts)
    elif kind == "french_speakers":
        current = float(french_speakers(facts))
    elif kind == "active_experts":
        current = float(len(active(facts)))
    else:
        raise ValueError(f"unknown target kind {kind!r}")
    return TargetProgress(kind=kind, target=float(target), due_on=due_on, current=current)
