"""What of the Index is public: the one place that decides it (pages, downloads, sitemap, API, reports).

A city's results are public when all three hold:
- its response is validated and scored (`ResponseScore` exists),
- the secretariat has published the round's results (`Round.results_published_at`),
- the city has agreed to publication (`Response.publication_agreed`).
Everything else (answers, evidence, review threads, drafts, unpublished scores) stays internal.
"""

import math
import threading
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icc.core.public_version import public_version
from icc.core.search import collation_key
from icc.index import scoring
from icc.index.models import Response, ResponseStatus, Round, RoundScores, RoundStatus, localized
from icc.index.structure import structure_of
from icc.network.models import City

PUBLISHED_RESPONSE = Q(
    status=ResponseStatus.VALIDATED,
    publication_agreed=True,
    round__results_published_at__isnull=False,
    score__isnull=False,
)


def published_rounds() -> QuerySet[Round]:
    """Rounds whose results the secretariat has published, newest first."""
    return Round.objects.filter(results_published_at__isnull=False).select_related("questionnaire")


def published_responses() -> QuerySet[Response]:
    """Responses whose scores are public, with their round, city and stored scores."""
    return (
        Response.objects.filter(PUBLISHED_RESPONSE)
        .select_related("round", "round__questionnaire", "city", "score")
        # The questionnaire's document is large JSON: decoding it once per row cost 5 ms a city.
        .defer("round__questionnaire__document")
        .order_by("-round__opens_on", "city__name")
    )


def is_response_published(response: Response) -> bool:
    return Response.objects.filter(PUBLISHED_RESPONSE, pk=response.pk).exists()


# --------------------------------------------------------------------------------------------------
# A round's public results


@dataclass(frozen=True)
class PublicRankInterval:
    """Where a city's rank stays in 90 % of the plausible weightings: the 5th percentile rounded down to
    the 95th rounded up, over `runs` Monte Carlo weightings and the alternatives (as the city report)."""

    low: int
    high: int
    median: float | None
    runs: int


@dataclass(frozen=True)
class PublicCityResult:
    """One published city's scores in a round, as stored (ranks are within the round's whole sample)."""

    response_id: int
    city: City
    aggregate: float | None
    areas: dict[str, float | None]  # area id -> score, in questionnaire order
    peer_groups: dict[str, str | None]  # scale name ("population", "diversity") -> band label
    rank: int | None  # in the round's sample of every validated city
    complete: bool
    # The 90 % interval of the sample rank over the stored robustness scenarios (Monte Carlo weights and the
    # alternatives); only ever read for a published city.
    interval: PublicRankInterval | None = None
    # group id -> score, for the version's groups (a version without the gender lens has no such key)
    groups: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class PublicStatistic:
    n: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None
    q1: float | None
    q3: float | None


@dataclass
class PublicRoundResults:
    """A round's published results: the cities that agreed, and statistics over those cities only.

    Ranks are the stored ranks within the whole sample (`sample_size` validated cities), so that a
    city's rank is the same here, in its report and in the API. Averages and other statistics are taken
    over the published cities only: statistics over the whole sample, next to the published scores,
    would let anyone work out the score of a city that did not agree to publication.
    """

    round: Round
    questionnaire_key: str
    area_titles: dict[str, str]  # area id -> title in the reader's language, questionnaire order
    sample_size: int
    cities: list[PublicCityResult]  # by rank, then name
    aggregate_statistics: PublicStatistic
    area_statistics: dict[str, PublicStatistic]
    group_titles: dict[str, str] = field(default_factory=dict)  # group id -> title, questionnaire order
    group_statistics: dict[str, PublicStatistic] = field(default_factory=dict)  # over the published cities
    _by_city: dict[int, PublicCityResult] | None = field(default=None, init=False, repr=False, compare=False)
    # What pages derive from these results (sorted lists, rendered options), kept as long as they are: once
    # per public content version, round and language (see `public_round_results`).
    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def city(self, city_id: int) -> PublicCityResult | None:
        if self._by_city is None:  # built once: a city page asks for one city of a 1,500-city round
            self._by_city = {c.city.pk: c for c in self.cities}
        return self._by_city.get(city_id)


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def _nullable(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _statistic(stats: dict[str, Any], row: int) -> PublicStatistic:
    values = {key: _nullable(float(stats[key][row])) for key in ("mean", "median", "min", "max", "q1", "q3")}
    return PublicStatistic(n=int(stats["n"][row]), **values)


# A round's public results are computed once per public content version, round and language in each
# process, whatever the number of pages and readers that show them: the city page shows one city of each of
# its rounds, and reading a 1,500-city round for it cost 200 ms. Kept for the current version only.
_MEMO: dict[tuple[str, int, str], PublicRoundResults] = {}
_MEMO_LOCK = threading.Lock()


def forget_public_round_results() -> None:
    """Empty this process's memo (the tests do, between tests that roll their data back)."""
    with _MEMO_LOCK:
        _MEMO.clear()


def public_round_results(round: Round) -> PublicRoundResults:
    """The published cities of a round with their stored scores; empty when the round's results are not
    published. One query (the public content version) when this process has computed them for the
    current version, five otherwise."""
    key = (public_version(), round.pk, get_language() or "")
    found = _MEMO.get(key)
    if found is not None:
        return found
    results = _public_round_results(round)
    with _MEMO_LOCK:
        if any(other[0] != key[0] for other in _MEMO):
            _MEMO.clear()  # an older version's results: no page will ask for them again
        _MEMO[key] = results
    return results


def _intervals(robustness: dict[str, Any], published: set[str]) -> dict[str, PublicRankInterval]:
    """The rank intervals of the published cities (by their name in the scores document), none other."""
    runs = int(robustness.get("runs") or 0)
    found = {}
    for entry in robustness.get("cities", []):
        name, low, high = entry.get("city"), entry.get("p05"), entry.get("p95")
        if name in published and low is not None and high is not None:
            found[name] = PublicRankInterval(
                low=math.floor(low), high=math.ceil(high), median=entry.get("median"), runs=runs
            )
    return found


def _public_round_results(round: Round) -> PublicRoundResults:
    structure = structure_of(round.questionnaire)
    titles = {area.id: area.title() for area in structure.areas if any(q.scored for q in area.questions)}
    group_titles = {g.id: localized(g.title) or g.id for g in structure.parsed.groups}
    responses = list(published_responses().filter(round=round)) if round.results_published_at else []
    # The sample is every validated, scored response of the round (the round document's "n"), counted
    # rather than read from the document, which holds every city's scores.
    sample_size = (
        Response.objects.filter(round=round, status=ResponseStatus.VALIDATED, score__isnull=False).count()
        if responses
        else 0
    )
    stored = RoundScores.objects.filter(round=round).values_list("robustness", flat=True)
    robustness = (stored.first() if responses else None) or {}
    intervals = _intervals(robustness, {str(r.score.scores.get("city")) for r in responses})
    cities = [
        PublicCityResult(
            response_id=r.pk,
            city=r.city,
            aggregate=r.score.scores.get("aggregate"),
            areas={a: r.score.scores.get("areas", {}).get(a) for a in titles},
            peer_groups=dict(r.score.scores.get("peer_groups", {})),
            rank=r.score.scores.get("rank", {}).get("sample"),
            complete=bool(r.score.scores.get("complete")),
            interval=intervals.get(str(r.score.scores.get("city"))),
            groups={g: (r.score.scores.get("groups") or {}).get(g) for g in group_titles},
        )
        for r in responses
    ]
    cities.sort(key=lambda c: (c.rank is None, c.rank or 0, collation_key(c.city.name)))
    matrix = [
        [_nan(c.aggregate) for c in cities],
        *[[_nan(c.areas[a]) for c in cities] for a in titles],
        *[[_nan(c.groups[g]) for c in cities] for g in group_titles],
    ]
    stats = scoring.row_statistics(matrix) if cities else None
    empty = PublicStatistic(n=0, mean=None, median=None, min=None, max=None, q1=None, q3=None)
    first_group = 1 + len(titles)  # the matrix's row of the first group: after the aggregate and the areas
    return PublicRoundResults(
        round=round,
        questionnaire_key=round.questionnaire.key,
        area_titles=titles,
        sample_size=sample_size,
        cities=cities,
        aggregate_statistics=_statistic(stats, 0) if stats else empty,
        area_statistics={a: (_statistic(stats, i + 1) if stats else empty) for i, a in enumerate(titles)},
        group_titles=group_titles,
        group_statistics={
            g: (_statistic(stats, first_group + i) if stats else empty) for i, g in enumerate(group_titles)
        },
    )


@dataclass(frozen=True)
class PublicationBlockers:
    """What stops a round's results from being published: each reason in words, and the responses still
    waiting for review (the page links each of them)."""

    reasons: list[str]
    waiting: list[Response]

    def __bool__(self) -> bool:
        return bool(self.reasons)


def round_publication_blockers(round: Round) -> PublicationBlockers:
    """The one list of what must happen before publishing (the page shows it before the click; the service
    refuses with the same words). Two queries."""
    reasons = []
    if round.status != RoundStatus.CLOSED:
        reasons.append(_("Close the round before publishing its results: answers may still change."))
    if not RoundScores.objects.filter(round=round).exists():
        reasons.append(_("The round has no scores yet: validate at least one response first."))
    waiting = list(
        Response.objects.filter(round=round, status=ResponseStatus.SUBMITTED)
        .select_related("city")
        .order_by("submitted_at", "pk")
    )
    if waiting:
        reasons.append(_("Some responses are still waiting for review: validate or return them first."))
    return PublicationBlockers(reasons=reasons, waiting=waiting)


@dataclass(frozen=True)
class RoundPublication:
    round: Round
    validated: int  # validated responses of the round
    agreed: int  # of those, the cities that agreed to publication
    undecided: int  # of those, the cities that have not decided yet
    blockers: PublicationBlockers | None = None  # while unpublished: what stops publishing

    @property
    def published(self) -> bool:
        return self.round.results_published_at is not None


def round_publication(round: Round) -> RoundPublication:
    """Where a round stands on publication, for the secretariat's round page: one query, and two more
    while the results are unpublished (what still blocks publishing)."""
    counts = Response.objects.filter(round=round, status=ResponseStatus.VALIDATED).aggregate(
        validated=Count("pk"),
        agreed=Count("pk", filter=Q(publication_agreed=True)),
        undecided=Count("pk", filter=Q(publication_decided_at__isnull=True)),
    )
    blockers = round_publication_blockers(round) if round.results_published_at is None else None
    return RoundPublication(round=round, blockers=blockers, **counts)
