"""Residents' questionnaires in the JSON API: the surveys whose city published the results
(`Survey.objects.public()`, the same rule as the public pages) and their weighted results, with the same
suppression of small cells (a share over fewer than 10 answers is null, `suppressed: true`)."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.surveys.models import Survey
from icc.surveys.selectors import get_public_survey, public_surveys, survey_results

router = Router(tags=["residents' surveys"])


class SurveyOut(Schema):
    id: int
    city: str = Field(..., description="The city's slug.")
    city_name: str
    title: str = Field(
        ..., description="In the language asked for (Accept-Language or ?lang), English otherwise."
    )
    questionnaire: str = Field(..., description="The questionnaire version's id, e.g. residents-2026.")
    opens_on: datetime.date
    closes_on: datetime.date
    answers: int
    synthetic: bool = Field(..., description="True for demo data: generated answers, not residents'.")
    published_at: datetime.datetime


class ShareOut(Schema):
    option: str = Field(
        ..., description='The option id; dont_know for "don\'t know"; positive for the positive answers.'
    )
    label: str
    answers: int = Field(..., description="Unweighted count.")
    share: float | None = Field(..., description="Weighted share, 0..1; null when suppressed.")
    low: float | None = Field(..., description="Wilson 95 % interval on the effective sample size.")
    high: float | None
    suppressed: bool = Field(..., description="Fewer than 10 answers: the share is not given.")


class GroupOut(Schema):
    answered: int
    shares: list[ShareOut]
    dont_know: ShareOut | None
    positive: ShareOut | None


class QuestionOut(Schema):
    id: str
    text: str
    index_questions: list[str] = Field(..., description="The Index questions this question mirrors.")
    all: GroupOut
    born_abroad: GroupOut | None
    born_in_country: GroupOut | None


class ResultsOut(Schema):
    survey: SurveyOut
    answers: int
    weighted: bool = Field(..., description="Raked to the city's population by age band and gender.")
    design: dict[str, Any] = Field(
        ..., description="Effective sample size, design effect, weight range, capping."
    )
    population_source: str
    questions: list[QuestionOut]


class SurveyFilters(Schema):
    city: str | None = Field(None, max_length=100, description="A city's slug.")


def survey_out(survey: Survey) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "city": survey.city.slug,
        "city_name": survey.city.name,
        "title": survey.title,
        "questionnaire": survey.questionnaire.key,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "answers": getattr(survey, "n_answers", None) or survey.answers.count(),
        "synthetic": survey.synthetic,
        "published_at": survey.published_at,
    }


def _share(share: Any, label: str) -> dict[str, Any] | None:
    if share is None:
        return None
    return {
        "option": share.option,
        "label": label,
        "answers": share.count,
        "share": share.share,
        "low": share.low,
        "high": share.high,
        "suppressed": share.suppressed,
    }


def _group(result: Any, labels: list[str], dont_know_label: str) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "answered": result.answered,
        "shares": [_share(s, label) for s, label in zip(result.shares, labels, strict=True)],
        "dont_know": _share(result.dont_know, dont_know_label),
        "positive": _share(result.positive, "positive"),
    }


@router.get(
    "/surveys", response=documented({200: list[SurveyOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
@paginate(Pagination)
def list_surveys(request: HttpRequest, filters: Query[SurveyFilters]) -> Any:
    """Residents' surveys whose results the city published, by city then newest first. No token needed.
    Filter: `city` (a city's slug)."""
    rows = public_surveys()
    if filters.city:
        rows = rows.filter(city__slug=filters.city)
    return Mapped(rows.order_by("city__name", "-closes_on", "-pk"), survey_out)


@router.get(
    "/surveys/{survey_id}/results",
    response=documented({200: ResultsOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
def survey_results_view(request: HttpRequest, survey_id: int) -> Any:
    """A published survey's results: per question, the weighted share of each answer among those who gave
    an opinion with its Wilson 95 % interval, "don't know" apart, and the same for residents born abroad and
    born in the country. 404 for a survey whose results are not published."""
    from icc.surveys.questionnaire import DONT_KNOW_LABEL, text_in

    survey = get_public_survey(survey_id)
    language = (get_language() or "en")[:2]
    results = survey_results(survey, language, public=True)
    dk = text_in(DONT_KNOW_LABEL, language)
    return {
        "survey": survey_out(survey),
        "answers": results.n,
        "weighted": results.weighted,
        "design": results.design,
        "population_source": survey.population_source,
        "questions": [
            {
                "id": row.question.id,
                "text": row.text,
                "index_questions": list(row.question.index_questions),
                "all": _group(row.overall, row.labels, dk),
                "born_abroad": _group(row.born_abroad, row.labels, dk),
                "born_in_country": _group(row.born_here, row.labels, dk),
            }
            for row in results.rows
        ],
    }
