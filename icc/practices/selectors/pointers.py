"""Practices where they help: pointers from a city's weak Index questions to the published practices of
other cities (the city report's recommendations), and the practices that answer a question from the cities
scoring its full points (an Index question's page, a city's scores page).

Ranking is icc/practices/ranking.py (pure); here the data comes from `Practice.objects.public()` and, for
"full points", from the published Index results only (`published_responses`): a city whose results are
not public is never named as scoring full points.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from icc.core.public_version import public_version
from icc.index import scoring
from icc.index.models import Response
from icc.index.selectors.publication import published_responses
from icc.index.selectors.scores import response_explanation
from icc.network.models import City
from icc.practices import ranking
from icc.practices.index_areas import index_question
from icc.practices.models import Practice
from icc.practices.selectors.catalogue import public_candidates

HOW_CHOSEN = gettext_lazy(
    "Practices from the network's collection of good practice, chosen for the questions of this area where "
    "the city earned less than half of the points: a practice that answers one of those questions comes "
    "before one that only serves the area; among those, practices of cities close in size and diversity "
    "and recently published or reviewed come first. At most one practice per city."
)
LOW_SHARE = 0.5
POINTERS_PER_AREA = 3


@dataclass(frozen=True)
class Pointer:
    title: str
    city: str
    summary: str
    url: str
    why: str


def _why(scored: ranking.Scored, questions: set[str]) -> str:
    matched = sorted(scored.candidate.questions & questions)
    if matched:
        question = index_question(matched[0])
        text = question.text if question else matched[0]
        return _("answers “%(question)s”") % {"question": text}
    return _("serves the same area")


def report_pointers(
    *, area_id: str, weak_questions: list[str], city: City, site_url: str = "", limit: int = POINTERS_PER_AREA
) -> list[Pointer]:
    """Up to `limit` published practices of other cities for an area where the city has weak questions
    (none when it has none), in the order of the ranking."""
    if not weak_questions:
        return []
    pool = public_candidates()
    by_id = {c.id: p for c, p in pool}
    diversity = city.diversity_share
    facts = ranking.CityFacts(city.population, float(diversity) if diversity is not None else None)
    chosen = ranking.recommend(
        [c for c, _p in pool],
        city_id=city.pk,
        city=facts,
        area=area_id,
        questions=weak_questions,
        this_year=timezone.localdate().year,
        limit=limit,
    )
    wanted = set(weak_questions)
    return [
        Pointer(
            title=by_id[s.candidate.id].title,
            city=by_id[s.candidate.id].city.name,
            summary=by_id[s.candidate.id].summary,
            url=site_url.rstrip("/") + by_id[s.candidate.id].get_absolute_url(),
            why=_why(s, wanted),
        )
        for s in chosen
    ]


def weak_questions_of(trace: scoring.AreaTrace) -> list[str]:
    """The questions of an area where the city earned less than half of the points (as the report's
    recommendations)."""
    return [
        t.question
        for t in trace.questions
        if t.status != "n/a" and t.achievable > 0 and t.earned < LOW_SHARE * t.achievable
    ]


# ------------------------------------------------------------------------------------- full points

_MEMO: dict[str, dict[str, set[int]]] = {}
_LOCK = threading.Lock()


def _full_points(response: Response) -> set[str]:
    try:
        explanation = response_explanation(response)
    except scoring.ScoringInputError:
        return set()
    return {
        t.question
        for area in explanation.areas
        for t in area.questions
        if t.status == "answered" and t.achievable > 0 and t.earned >= t.achievable - 1e-9
    }


def full_points_cities() -> dict[str, set[int]]:
    """Question id -> the cities scoring its full points in their latest published results. Computed once
    per public content version in each process."""
    version = public_version()
    found = _MEMO.get(version)
    if found is not None:
        return found
    cities: dict[str, set[int]] = defaultdict(set)
    seen: set[int] = set()
    for response in published_responses():  # newest round first
        if response.city_id in seen:
            continue
        seen.add(response.city_id)
        for question in _full_points(response):
            cities[question].add(response.city_id)
    with _LOCK:
        _MEMO.clear()
        _MEMO[version] = dict(cities)
    return _MEMO[version]


def forget_full_points() -> None:
    with _LOCK:
        _MEMO.clear()


def practices_from_full_points(question_id: str) -> list[Practice]:
    """Public practices answering the question, from cities that score its full points."""
    from icc.practices.selectors.catalogue import practices_answering

    return practices_answering(question_id, full_marks_city_ids=full_points_cities().get(question_id, set()))


@dataclass(frozen=True)
class QuestionHelp:
    question: str
    text: str
    practices: list[Practice]


def help_for_response(response: Response) -> list[QuestionHelp]:
    """For a city's response: each question where it did not earn the full points, with the published
    practices that answer it from cities that do (only the questions that have some)."""
    missing = [
        t
        for area in _explanation_areas(response)
        for t in area.questions
        if t.status in ("answered", "unanswered") and t.achievable > 0 and t.earned < t.achievable - 1e-9
    ]
    if not missing:
        return []
    full = full_points_cities()
    practices = [p for p in Practice.objects.public().select_related("city") if p.city_id != response.city_id]
    helps = []
    for t in missing:
        cities = full.get(t.question, set())
        found = [p for p in practices if t.question in (p.questions or []) and p.city_id in cities]
        if found:
            question = index_question(t.question)
            helps.append(QuestionHelp(t.question, question.text if question else t.question, found[:3]))
    return helps


def _explanation_areas(response: Response) -> tuple[scoring.AreaTrace, ...]:
    try:
        return response_explanation(response).areas
    except scoring.ScoringInputError:
        return ()
