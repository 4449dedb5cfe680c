"""Index rounds and their published results (`icc/index/selectors/publication.py` decides what is
public); the secretariat also sees the rounds whose results are not published yet."""

import datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import StringConstraints

from icc.api.auth import PUBLIC, PUBLIC_SECURITY, user_of
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.api.schemas import Id
from icc.index.models import Response, Round
from icc.index.selectors.audit import round_public_audit, round_stored_audit
from icc.index.selectors.publication import (
    PublicStatistic,
    public_round_results,
    published_responses,
    published_rounds,
)
from icc.public.page_cache import public_cache

router = Router(tags=["rounds and scores"])


class RoundOut(Schema):
    id: int
    name: str
    questionnaire: str = Field(..., description="The questionnaire version's key.")
    opens_on: datetime.date
    deadline: datetime.date
    status: str = Field(..., description="draft, open or closed")
    results_published_at: datetime.datetime | None


def round_out(round_: Round) -> dict[str, Any]:
    return {
        "id": round_.pk,
        "name": round_.name,
        "questionnaire": round_.questionnaire.key,
        "opens_on": round_.opens_on,
        "deadline": round_.deadline,
        "status": round_.status,
        "results_published_at": round_.results_published_at,
    }


def rounds_for(user: Any) -> QuerySet[Round]:
    """Rounds with published results for everyone; every round for the secretariat."""
    if user.is_authenticated and user.has_perm("index.manage_rounds"):
        return Round.objects.select_related("questionnaire")
    return published_rounds()


def _round(user: Any, pk: int) -> Round:
    round_ = rounds_for(user).defer("questionnaire__document").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


@router.get("/rounds", response=documented({200: list[RoundOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY)
@public_cache
@paginate(Pagination)
def list_rounds(request: HttpRequest) -> Any:
    """Index rounds whose results are published, newest first (with a secretariat token: every round)."""
    rounds = rounds_for(user_of(request)).defer("questionnaire__document").order_by("-opens_on", "-pk")
    return Mapped(rounds, round_out)


@router.get(
    "/rounds/{round_id}",
    response=documented({200: RoundOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
def get_round(request: HttpRequest, round_id: Id) -> dict[str, Any]:
    """One round."""
    return round_out(_round(user_of(request), round_id))


class StatisticOut(Schema):
    n: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None
    q1: float | None
    q3: float | None


class ResultCityOut(Schema):
    response_id: int
    city: str = Field(..., description="The city's slug.")
    city_name: str
    country: str
    aggregate: float | None
    areas: dict[str, float | None] = Field(..., description="Score per area id, 0-100.")
    peer_groups: dict[str, str | None]
    rank: int | None = Field(..., description="Rank in the round's whole sample of validated cities.")
    rank_low: int | None = Field(
        ...,
        description=(
            "Best rank the city holds in 90 % of plausible weightings: the 5th percentile of its rank over "
            "the round's stored robustness scenarios (Monte Carlo weightings of the areas, equal weights, "
            "the geometric mean), rounded down. Null when no interval is stored."
        ),
    )
    rank_high: int | None = Field(
        ...,
        description="Worst rank in 90 % of plausible weightings: the 95th percentile, rounded up.",
    )
    rank_median: float | None = Field(..., description="Median rank over the same scenarios.")
    complete: bool


class RoundResultsOut(Schema):
    round: RoundOut
    sample_size: int = Field(..., description="Validated cities in the round's sample (published or not).")
    areas: dict[str, str] = Field(..., description="Area id to title, in questionnaire order.")
    cities: list[ResultCityOut] = Field(..., description="The cities that agreed to publication, by rank.")
    aggregate_statistics: StatisticOut = Field(..., description="Over the published cities only.")
    area_statistics: dict[str, StatisticOut]


def _statistic(stat: PublicStatistic) -> dict[str, Any]:
    return {"n": stat.n, "mean": stat.mean, "median": stat.median, "min": stat.min, "max": stat.max,
            "q1": stat.q1, "q3": stat.q3}  # fmt: skip


@router.get(
    "/rounds/{round_id}/results",
    response=documented({200: RoundResultsOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
def get_round_results(request: HttpRequest, round_id: Id) -> dict[str, Any]:
    """A round's published results: the cities that agreed to publication with their scores, ranks and
    peer groups, and statistics over those cities. Before the results are published the list is empty."""
    round_ = _round(user_of(request), round_id)
    results = public_round_results(Round.objects.select_related("questionnaire").get(pk=round_.pk))
    return {
        "round": round_out(round_),
        "sample_size": results.sample_size,
        "areas": results.area_titles,
        "cities": [
            {
                "response_id": c.response_id,
                "city": c.city.slug,
                "city_name": c.city.name,
                "country": c.city.country,
                "aggregate": c.aggregate,
                "areas": c.areas,
                "peer_groups": c.peer_groups,
                "rank": c.rank,
                "rank_low": c.interval.low if c.interval else None,
                "rank_high": c.interval.high if c.interval else None,
                "rank_median": c.interval.median if c.interval else None,
                "complete": c.complete,
            }
            for c in results.cities
        ],
        "aggregate_statistics": _statistic(results.aggregate_statistics),
        "area_statistics": {a: _statistic(s) for a, s in results.area_statistics.items()},
    }


class RoundAuditOut(Schema):
    round: RoundOut
    audit: dict[str, Any] = Field(
        ...,
        description=(
            "The round's statistical audit (docs/methodology.md, section 14): data checks, correlations "
            "between areas, Cronbach's alpha, the first principal component, first-order sensitivity of the "
            "ranks, the effect of each methodological choice. Its statistics are over the round's whole "
            "sample; the entries naming a city are kept only for the cities that agreed to publication. "
            "Empty until the round's scores are computed."
        ),
    )


@router.get(
    "/rounds/{round_id}/audit",
    response=documented({200: RoundAuditOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
def get_round_audit(request: HttpRequest, round_id: Id) -> dict[str, Any]:
    """A round's statistical audit: public once the round's results are published (naming only the cities
    that agreed to publication); with a secretariat token, the whole audit of any round."""
    user = user_of(request)
    round_ = _round(user, round_id)
    secretariat = user.is_authenticated and user.has_perm("index.manage_rounds")
    audit = round_stored_audit(round_) if secretariat else round_public_audit(round_)
    return {"round": round_out(round_), "audit": audit}


# Published scores, across rounds ----------------------------------------------------------------------


class PublishedScoreOut(Schema):
    response_id: int
    round_id: int
    round: str
    questionnaire: str
    city: str = Field(..., description="The city's slug.")
    city_name: str
    country: str
    aggregate: float | None
    areas: dict[str, float | None]
    groups: dict[str, float | None]
    peer_groups: dict[str, str | None]
    rank: dict[str, int | None] = Field(..., description="Rank in the sample and in each peer group.")
    complete: bool


def published_score_out(response: Response) -> dict[str, Any]:
    scores = response.score.scores
    return {
        "response_id": response.pk,
        "round_id": response.round_id,
        "round": response.round.name,
        "questionnaire": response.round.questionnaire.key,
        "city": response.city.slug,
        "city_name": response.city.name,
        "country": response.city.country,
        "aggregate": scores.get("aggregate"),
        "areas": scores.get("areas", {}),
        "groups": scores.get("groups", {}),
        "peer_groups": scores.get("peer_groups", {}),
        "rank": scores.get("rank", {}),
        "complete": bool(scores.get("complete")),
    }


class ScoreFilters(Schema):
    round: int | None = Field(None, ge=1, le=2**63 - 1, description="A round's id.")
    city: Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)] | None = Field(
        None, description="A city's slug."
    )
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")] | None = Field(
        None, description="ISO alpha-2 code."
    )


@router.get(
    "/scores",
    response=documented({200: list[PublishedScoreOut]}),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
@paginate(Pagination)
def list_published_scores(request: HttpRequest, filters: Query[ScoreFilters]) -> Any:
    """Published scores, newest round first: only the cities that agreed to publication, in rounds whose
    results are published. Filters: `round`, `city`, `country`. Other scores: `/responses/{id}/scores`."""
    responses = published_responses().defer("round__questionnaire__document")
    if filters.round:
        responses = responses.filter(round_id=filters.round)
    if filters.city:
        responses = responses.filter(city__slug=filters.city)
    if filters.country:
        responses = responses.filter(city__country=filters.country.upper())
    return Mapped(responses.order_by("-round__opens_on", "city__name", "pk"), published_score_out)
