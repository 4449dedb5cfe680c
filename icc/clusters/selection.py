"""The policy lab's selection and its attendance continuity, with no Django: tested with plain data.

Selection: the secretariat scores each application on every criterion of the call (criteria are data: a
weight and a maximum score each). An application's total is the weighted mean of its scores, each taken as a
share of its criterion's maximum, in percent:

    total = 100 x sum(weight x score / max) / sum(weight)

An application not yet scored on every criterion has no total and is not ranked. Ranking is by total
(rounded to one decimal, so that float noise never breaks a tie), highest first; equal totals share a rank
("1, 2, 2, 4") and are listed by name.

Continuity: the lab keeps the same members across its 2-3 sessions a year. For each member, the sessions held
since they joined and how many of them they attended; for the cohort, the share of all those expected
attendances that happened, and how many members attended every session.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

PRECISION = 1


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: float  # > 0
    max_score: int  # >= 1; scores run from 0 to max_score


def score_error(criterion: Criterion, value: object) -> str | None:
    """Why `value` is not a valid score on `criterion` (a code: "not_whole", "out_of_range"), or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "not_whole"
    if value < 0 or value > criterion.max_score:
        return "out_of_range"
    return None


@dataclass(frozen=True)
class Total:
    value: float | None  # percent, one decimal; None until every criterion is scored
    scored: int  # criteria scored
    criteria: int  # criteria of the call

    @property
    def complete(self) -> bool:
        return self.value is not None


def application_total(criteria: Sequence[Criterion], scores: Mapping[str, int | None]) -> Total:
    """The weighted total of one application's scores (`scores`: criterion key -> score or None)."""
    scored = [c for c in criteria if scores.get(c.key) is not None]
    if not criteria or len(scored) < len(criteria):
        return Total(None, len(scored), len(criteria))
    weights = sum(c.weight for c in criteria)
    if weights <= 0:
        return Total(None, len(scored), len(criteria))
    earned = sum(c.weight * (scores[c.key] or 0) / c.max_score for c in criteria)
    return Total(round(100.0 * earned / weights, PRECISION), len(scored), len(criteria))


@dataclass(frozen=True)
class Ranked:
    key: object  # the caller's identifier of the application
    name: str
    total: float
    rank: int  # competition ranking: equal totals share a rank


def rank_applications(totals: Iterable[tuple[object, str, Total]]) -> list[Ranked]:
    """Complete applications by total, highest first; equal totals share a rank and are listed by name."""
    complete = [(key, name, total.value) for key, name, total in totals if total.value is not None]
    ordered = sorted(complete, key=lambda row: (-round(row[2], PRECISION), row[1].casefold(), str(row[0])))
    ranked: list[Ranked] = []
    for position, (key, name, value) in enumerate(ordered, start=1):
        rounded = round(value, PRECISION)
        rank = ranked[-1].rank if ranked and ranked[-1].total == rounded else position
        ranked.append(Ranked(key, name, rounded, rank))
    return ranked


# --------------------------------------------------------------------------------------------- continuity


@dataclass(frozen=True)
class Session:
    key: object
    held_on: datetime.date


@dataclass(frozen=True)
class MemberAttendance:
    member: object  # the caller's identifier of the member
    joined_on: datetime.date | None  # None: a member from the first session
    attended: frozenset[object]  # keys of the sessions the member attended


@dataclass(frozen=True)
class MemberContinuity:
    member: object
    expected: int  # sessions held since the member joined
    attended: int  # of those, attended

    @property
    def share(self) -> float | None:
        return round(100.0 * self.attended / self.expected, PRECISION) if self.expected else None

    @property
    def every_session(self) -> bool:
        return self.expected > 0 and self.attended == self.expected


@dataclass(frozen=True)
class CohortContinuity:
    members: tuple[MemberContinuity, ...]
    sessions: int  # sessions held

    @property
    def expected(self) -> int:
        return sum(m.expected for m in self.members)

    @property
    def attended(self) -> int:
        return sum(m.attended for m in self.members)

    @property
    def share(self) -> float | None:
        """The share of expected attendances that happened, in percent (None before any session)."""
        return round(100.0 * self.attended / self.expected, PRECISION) if self.expected else None

    @property
    def every_session(self) -> int:
        """Members who attended every session held since they joined."""
        return sum(1 for m in self.members if m.every_session)


def continuity(
    sessions: Sequence[Session], members: Sequence[MemberAttendance], *, today: datetime.date
) -> CohortContinuity:
    """Attendance continuity of a cohort: only sessions held (on or before `today`) count, and for each member
    only those on or after the day they joined; attending a session that does not count is ignored."""
    held = [s for s in sessions if s.held_on <= today]
    rows = []
    for member in members:
        expected = {s.key for s in held if member.joined_on is None or s.held_on >= member.joined_on}
        rows.append(MemberContinuity(member.member, len(expected), len(expected & set(member.attended))))
    return CohortContinuity(tuple(rows), len(held))
