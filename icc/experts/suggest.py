"""Suggest experts for a piece of work: a ranked list, each suggestion with its reasons.

Pure: plain dataclasses in, plain dataclasses out, no Django. The secretariat chooses; this only orders the
pool and says why. The rules, in the order they weigh:

1. Experts who said in an open call that they are interested and available come first, whatever else.
2. No expert from the city's own country for a first visit (accession): a conflict of interest. Such experts
   are excluded and listed with that reason, so the secretariat sees why someone is missing.
3. Within each group, a score: speaking one of the city's languages, expertise in the city's weakest Index
   areas (its latest validated area scores), balancing the gender of the team already chosen, and a lighter
   workload this year.

Reasons are codes with their arguments (`Reason`); the view translates them into the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

FIRST_VISIT = "first_visit"
# The number of the city's lowest-scoring areas whose expertise counts.
WEAK_AREA_COUNT = 3
# Weights: one shared language outweighs one weak area covered; two weak areas outweigh a language.
LANGUAGE_WEIGHT = 3.0
EXTRA_LANGUAGE_WEIGHT = 0.5
WEAK_AREA_WEIGHT = 2.0
GENDER_WEIGHT = 1.5
WORKLOAD_WEIGHT = 1.0
# The genders a team is balanced between; "another" and "not given" are never counted against anyone.
BALANCED_GENDERS = ("woman", "man")

# Reason codes (the view holds their words).
INTERESTED_AVAILABLE = "interested_available"
INTERESTED_UNAVAILABLE = "interested_unavailable"
SPEAKS = "speaks"
NO_SHARED_LANGUAGE = "no_shared_language"
WEAK_AREAS = "weak_areas"
BALANCES_GENDER = "balances_gender"
WORKLOAD = "workload"
DATE_CLASH = "date_clash"
SAME_COUNTRY = "same_country"


@dataclass(frozen=True)
class Reason:
    """Why an expert is suggested, placed lower or excluded: a code and its arguments (language codes, area
    keys, a count, a country code)."""

    code: str
    items: tuple[str, ...] = ()
    count: int | None = None


@dataclass(frozen=True)
class Candidate:
    """One expert of the pool as the ranking sees them."""

    expert_id: int
    name: str
    country: str = ""
    gender: str = "not_given"
    languages: frozenset[str] = frozenset()  # the expert's working language codes ("fr", "en")
    areas: frozenset[str] = frozenset()  # Index area keys of the expert's expertise
    assignments_this_year: int = 0
    interested: bool = False  # said interested in this piece of work's open call
    available: bool = False  # ... and available on its dates
    clashes: bool = False  # already assigned elsewhere on overlapping dates


@dataclass(frozen=True)
class Work:
    """The piece of work to staff."""

    kind: str
    country: str = ""  # the city's (or network's) country
    languages: tuple[str, ...] = ()  # the city's languages, most used first
    area_scores: Mapping[str, float | None] = field(default_factory=dict)  # latest validated, by area key
    team_genders: tuple[str, ...] = ()  # the genders of the experts already chosen
    team_ids: frozenset[int] = frozenset()  # the experts already chosen (not suggested again)


@dataclass(frozen=True)
class Suggestion:
    rank: int
    candidate: Candidate
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Excluded:
    candidate: Candidate
    reason: Reason


@dataclass(frozen=True)
class Suggestions:
    ranked: tuple[Suggestion, ...]
    excluded: tuple[Excluded, ...]
    weak_areas: tuple[str, ...]  # the areas the ranking looked for, weakest first


def weakest_areas(area_scores: Mapping[str, float | None], count: int = WEAK_AREA_COUNT) -> tuple[str, ...]:
    """The `count` lowest-scoring areas, weakest first; areas without a score are left out; ties by key so the
    order never depends on the mapping's."""
    scored = [(round(score, 6), key) for key, score in area_scores.items() if score is not None]
    return tuple(key for _, key in sorted(scored)[:count])


def _needed_gender(team_genders: Sequence[str]) -> str | None:
    """The gender the team lacks, if it leans one way between women and men; None when balanced or empty."""
    counts = {gender: sum(1 for g in team_genders if g == gender) for gender in BALANCED_GENDERS}
    women, men = counts["woman"], counts["man"]
    if women == men:
        return None
    return "woman" if women < men else "man"


def _norm(code: str) -> str:
    """A language code's primary part, lower case: "fr-BE" and "FR" both speak "fr"."""
    return code.split("-")[0].split("_")[0].strip().lower()


def _assess(candidate: Candidate, work: Work, weak: Sequence[str], needed: str | None) -> Suggestion:
    reasons: list[Reason] = []
    score = 0.0
    if candidate.interested:
        reasons.append(Reason(INTERESTED_AVAILABLE if candidate.available else INTERESTED_UNAVAILABLE))
    spoken = {_norm(code) for code in candidate.languages}
    shared = tuple(code for code in dict.fromkeys(_norm(c) for c in work.languages) if code in spoken)
    if shared:
        score += LANGUAGE_WEIGHT + EXTRA_LANGUAGE_WEIGHT * (len(shared) - 1)
        reasons.append(Reason(SPEAKS, items=shared))
    elif work.languages:
        reasons.append(Reason(NO_SHARED_LANGUAGE))
    covered = tuple(area for area in weak if area in candidate.areas)
    if covered:
        score += WEAK_AREA_WEIGHT * len(covered)
        reasons.append(Reason(WEAK_AREAS, items=covered))
    if needed is not None and candidate.gender == needed:
        score += GENDER_WEIGHT
        reasons.append(Reason(BALANCES_GENDER, items=(needed,)))
    score -= WORKLOAD_WEIGHT * candidate.assignments_this_year
    reasons.append(Reason(WORKLOAD, count=candidate.assignments_this_year))
    if candidate.clashes:
        reasons.append(Reason(DATE_CLASH))
    return Suggestion(rank=0, candidate=candidate, score=round(score, 6), reasons=tuple(reasons))


def suggest(work: Work, candidates: Iterable[Candidate]) -> Suggestions:
    """Rank the candidates for the work: interested and available first, then by score, then fewer assignments
    this year, then name (so the same pool always gives the same list)."""
    weak = weakest_areas(work.area_scores)
    needed = _needed_gender(work.team_genders)
    assessed: list[Suggestion] = []
    excluded: list[Excluded] = []
    for candidate in candidates:
        if candidate.expert_id in work.team_ids:
            continue
        if work.kind == FIRST_VISIT and work.country and candidate.country == work.country:
            excluded.append(Excluded(candidate, Reason(SAME_COUNTRY, items=(work.country,))))
            continue
        assessed.append(_assess(candidate, work, weak, needed))
    assessed.sort(
        key=lambda s: (
            not (s.candidate.interested and s.candidate.available),
            s.candidate.clashes,
            -s.score,
            s.candidate.assignments_this_year,
            s.candidate.name.casefold(),
            s.candidate.expert_id,
        )
    )
    ranked = tuple(
        Suggestion(rank=i, candidate=s.candidate, score=s.score, reasons=s.reasons)
        for i, s in enumerate(assessed, start=1)
    )
    excluded.sort(key=lambda e: (e.candidate.name.casefold(), e.candidate.expert_id))
    return Suggestions(ranked=ranked, excluded=tuple(excluded), weak_areas=weak)
