"""Matching cities for a learning cluster from the Index, with no Django: tested with plain data.

A learning cluster on a theme (refugee reception, anti-rumour, ...) brings together cities weak in the
theme's Index areas (learners) and cities that are strong in them (mentors). Given each city's published area
scores (0-100), its languages and its region, `suggest_membership` proposes a membership:

- a city's *theme score* is the mean of its scores in the theme's areas (the areas it has a score in; a city
  with none is left out and said so);
- mentors come from the strongest third of the cities (above the mean), learners from the weakest third
  (below it), so that a mentor always scores above every learner;
- within each group the choice is balanced: the next city picked is the one whose language and region are the
  least represented in the membership so far, then the strongest (mentors) or the weakest (learners), then by
  name and key, so that the same data always gives the same suggestion;
- a learner who shares a language with a chosen mentor is preferred over one who shares none (someone in the
  cluster can help it in its own language).

Each suggestion carries its reasons as codes with numbers (`Reason`), translated by the page that shows them,
and the scores it was chosen on. The secretariat chooses: a suggestion is never a membership by itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MENTOR = "mentor"
LEARNER = "learner"

# Reason codes (the page translates them; `values` fill the message).
STRONG = "strong"  # {"score", "mean"}: theme score above the sample's mean
WEAK = "weak"  # {"score", "mean"}
BEST_AREA = "best_area"  # {"area", "score"}: a mentor's strongest area of the theme
WEAKEST_AREA = "weakest_area"  # {"area", "score"}: a learner's weakest area of the theme
NEW_LANGUAGE = "new_language"  # {"language"}: no city chosen before speaks it
NEW_REGION = "new_region"  # {"region"}: no city chosen before is from there
SHARES_LANGUAGE = "shares_language"  # {"language", "mentors"}: a learner and that many mentors share it
PARTIAL = "partial"  # {"scored", "areas"}: scores in only some of the theme's areas
NO_SCORES = "no_scores"  # a city left out: no published score in any of the theme's areas
ALREADY_MEMBER = "already_member"  # a city left out: already in the cluster

PRECISION = 1  # scores are compared rounded, so that float noise never breaks a tie differently


@dataclass(frozen=True)
class CityScores:
    """What the matching knows of one city: its published area scores, languages (main first) and region."""

    key: str  # a stable identifier (the city's slug)
    name: str
    languages: tuple[str, ...]
    region: str
    scores: Mapping[str, float | None]  # Index area key -> score 0-100 (None: no published score)


@dataclass(frozen=True)
class Reason:
    code: str
    values: Mapping[str, str | float | int] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    key: str
    name: str
    role: str  # MENTOR or LEARNER
    theme_score: float
    area_scores: Mapping[str, float]  # the theme's areas the city has a score in, in the theme's order
    languages: tuple[str, ...]
    region: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class LeftOut:
    key: str
    name: str
    reason: Reason


@dataclass(frozen=True)
class Matching:
    areas: tuple[str, ...]
    mean: float | None  # the theme score's mean over the cities that have one
    mentors: tuple[Suggestion, ...]
    learners: tuple[Suggestion, ...]
    left_out: tuple[LeftOut, ...]
    candidates: int  # cities with a theme score

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        return self.mentors + self.learners

    def languages(self) -> Counter[str]:
        """How many suggested cities have each main language."""
        return Counter(s.languages[0] if s.languages else "" for s in self.suggestions)

    def regions(self) -> Counter[str]:
        return Counter(s.region for s in self.suggestions)


def _round(value: float) -> float:
    return round(float(value), PRECISION)


def theme_scores(city: CityScores, areas: Sequence[str]) -> dict[str, float]:
    """The city's scores in the theme's areas it has a score in, in the theme's order, rounded."""
    found = {}
    for area in areas:
        value = city.scores.get(area)
        if value is not None:
            found[area] = _round(value)
    return found


def theme_score(city: CityScores, areas: Sequence[str]) -> float | None:
    found = theme_scores(city, areas)
    if not found:
        return None
    return _round(sum(found.values()) / len(found))


@dataclass
class _Candidate:
    city: CityScores
    score: float
    areas: dict[str, float]


def _pick(
    pool: list[_Candidate],
    count: int,
    *,
    chosen: list[_Candidate],
    strongest_first: bool,
    mentor_languages: set[str] | None = None,
) -> list[_Candidate]:
    """`count` candidates of `pool`, one at a time: the least represented language, then region, among
    `chosen` (and those picked here), then (learners) sharing a mentor's language, then the score."""
    picked: list[_Candidate] = []
    remaining = list(pool)
    while remaining and len(picked) < count:
        members = chosen + picked
        languages = Counter(lang for c in members for lang in c.city.languages[:1])
        regions = Counter(c.city.region for c in members)
        best = min(
            remaining,
            key=lambda candidate: _order(
                candidate,
                languages,
                regions,
                strongest_first=strongest_first,
                mentor_languages=mentor_languages,
            ),
        )
        picked.append(best)
        remaining.remove(best)
    return picked


def _order(
    candidate: _Candidate,
    languages: Counter[str],
    regions: Counter[str],
    *,
    strongest_first: bool,
    mentor_languages: set[str] | None,
) -> tuple[int, int, int, float, str, str]:
    main = candidate.city.languages[0] if candidate.city.languages else ""
    shares = 0
    if mentor_languages is not None:
        shares = 0 if set(candidate.city.languages) & mentor_languages else 1
    return (
        shares,
        languages[main],
        regions[candidate.city.region],
        -candidate.score if strongest_first else candidate.score,
        candidate.city.name.casefold(),
        candidate.city.key,
    )


def _reasons(
    candidate: _Candidate,
    *,
    role: str,
    mean: float,
    before: list[_Candidate],
    areas: Sequence[str],
    mentors: list[_Candidate],
) -> tuple[Reason, ...]:
    reasons = [Reason(STRONG if role == MENTOR else WEAK, {"score": candidate.score, "mean": mean})]
    if candidate.areas:
        if role == MENTOR:
            area = max(candidate.areas, key=lambda a: (candidate.areas[a], -areas.index(a)))
            reasons.append(Reason(BEST_AREA, {"area": area, "score": candidate.areas[area]}))
        else:
            area = min(candidate.areas, key=lambda a: (candidate.areas[a], areas.index(a)))
            reasons.append(Reason(WEAKEST_AREA, {"area": area, "score": candidate.areas[area]}))
    if len(candidate.areas) < len(areas):
        reasons.append(Reason(PARTIAL, {"scored": len(candidate.areas), "areas": len(areas)}))
    main = candidate.city.languages[0] if candidate.city.languages else ""
    if main and all(main not in c.city.languages[:1] for c in before):
        reasons.append(Reason(NEW_LANGUAGE, {"language": main}))
    if candidate.city.region and all(c.city.region != candidate.city.region for c in before):
        reasons.append(Reason(NEW_REGION, {"region": candidate.city.region}))
    if role == LEARNER:
        for language in candidate.city.languages:
            sharing = sum(1 for m in mentors if language in m.city.languages)
            if sharing:
                reasons.append(Reason(SHARES_LANGUAGE, {"language": language, "mentors": sharing}))
                break
    return tuple(reasons)


def _suggestion(candidate: _Candidate, role: str, reasons: tuple[Reason, ...]) -> Suggestion:
    return Suggestion(
        key=candidate.city.key,
        name=candidate.city.name,
        role=role,
        theme_score=candidate.score,
        area_scores=dict(candidate.areas),
        languages=tuple(candidate.city.languages),
        region=candidate.city.region,
        reasons=reasons,
    )


def suggest_membership(
    cities: Iterable[CityScores],
    areas: Sequence[str],
    *,
    mentors: int = 3,
    learners: int = 6,
    exclude: Iterable[str] = (),
) -> Matching:
    """A suggested membership for a theme whose Index areas are `areas`: up to `mentors` strong cities and up
    to `learners` weak ones (see the module's docstring). `exclude`: keys of cities already in the cluster,
    left out of the suggestion (and said so)."""
    if mentors < 0 or learners < 0:
        raise ValueError("mentors and learners must not be negative")
    areas = tuple(dict.fromkeys(areas))
    excluded = set(exclude)
    left_out: list[LeftOut] = []
    candidates: list[_Candidate] = []
    everyone: list[float] = []  # every city's theme score, the cluster's members included
    for city in sorted(cities, key=lambda c: (c.name.casefold(), c.key)):
        score = theme_score(city, areas)
        if score is not None:
            everyone.append(score)
        if city.key in excluded:
            left_out.append(LeftOut(city.key, city.name, Reason(ALREADY_MEMBER)))
        elif score is None:
            left_out.append(LeftOut(city.key, city.name, Reason(NO_SCORES)))
        else:
            candidates.append(_Candidate(city, score, theme_scores(city, areas)))
    if not everyone or not areas:
        return Matching(areas, None, (), (), tuple(left_out), len(candidates))
    # Thirds and mean over every city with a theme score (members included): the reasons compare a city
    # with the network, whoever is in the cluster already.
    mean = _round(sum(everyone) / len(everyone))
    ordered = sorted(everyone, reverse=True)
    third = max(1, len(ordered) // 3)
    strong_from, weak_to = ordered[third - 1], ordered[-third]
    # The strongest third above the mean, the weakest third below it: a mentor always scores above every
    # learner, and equal scores (or a single city) give no suggestion rather than an arbitrary one.
    strong_pool = [c for c in candidates if c.score >= strong_from and c.score > mean]
    weak_pool = [c for c in candidates if c.score <= weak_to and c.score < mean]
    chosen_mentors = _pick(strong_pool, mentors, chosen=[], strongest_first=True)
    mentor_languages = {lang for c in chosen_mentors for lang in c.city.languages}
    chosen_learners = _pick(
        weak_pool,
        learners,
        chosen=chosen_mentors,
        strongest_first=False,
        mentor_languages=mentor_languages if chosen_mentors else None,
    )
    mentor_out = tuple(
        _suggestion(
            c,
            MENTOR,
            _reasons(c, role=MENTOR, mean=mean, before=chosen_mentors[:i], areas=areas, mentors=[]),
        )
        for i, c in enumerate(chosen_mentors)
    )
    learner_out = tuple(
        _suggestion(
            c,
            LEARNER,
            _reasons(
                c,
                role=LEARNER,
                mean=mean,
                before=chosen_mentors + chosen_learners[:i],
                areas=areas,
                mentors=chosen_mentors,
            ),
        )
        for i, c in enumerate(chosen_learners)
    )
    return Matching(areas, mean, mentor_out, learner_out, tuple(left_out), len(candidates))
