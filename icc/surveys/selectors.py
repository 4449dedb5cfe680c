"""Reads of the residents' questionnaires: who may see and change a survey (decided here, once), the
surveys a person sees, and the results (weighted shares with intervals, breakdown by born abroad, the
city's Index answers beside them), computed by icc/surveys/statistics.py."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from icc.accounts.selectors import user_roles_summary
from icc.core.history import HistoryEntry, history_entries
from icc.index.models import Answer as IndexAnswer
from icc.index.models import Response, ResponseStatus
from icc.index.selectors.publication import PUBLISHED_RESPONSE
from icc.surveys.models import Survey, SurveyAnswer
from icc.surveys.questionnaire import Question, text_in
from icc.surveys.statistics import (
    MIN_CELL,
    QuestionResult,
    Weights,
    design_summary,
    question_result,
    rake,
)

# ------------------------------------------------------------------------------------------------ access


@dataclass(frozen=True)
class SurveyAccess:
    secretariat: bool
    coordinator: bool
    contributor: bool

    @property
    def can_read(self) -> bool:
        return self.secretariat or self.coordinator or self.contributor

    @property
    def can_edit(self) -> bool:
        return self.secretariat or self.coordinator


def survey_access(user: Any, city_id: int) -> SurveyAccess:
    summary = user_roles_summary(user)
    return SurveyAccess(
        secretariat=summary.secretariat,
        coordinator=city_id in summary.coordinated_city_ids,
        contributor=city_id in summary.contributed_city_ids,
    )


def get_survey_for_user(user: Any, pk: int) -> tuple[Survey, SurveyAccess]:
    """The survey and what `user` may do with it; 404 for anyone outside its city team or the secretariat."""
    survey: Survey = get_object_or_404(Survey.objects.select_related("city", "questionnaire"), pk=pk)
    access = survey_access(user, survey.city_id)
    if not access.can_read:
        raise Http404
    return survey, access


def cities_for_new_survey(user: Any) -> QuerySet[Any]:
    from icc.network.models import City

    summary = user_roles_summary(user)
    if summary.secretariat:
        return City.objects.order_by("name")
    return City.objects.filter(pk__in=summary.coordinated_city_ids).order_by("name")


def visible_surveys(user: Any) -> QuerySet[Survey]:
    summary = user_roles_summary(user)
    surveys = Survey.objects.select_related("city", "questionnaire").annotate(n_answers=Count("answers"))
    if summary.secretariat:
        return surveys
    return surveys.filter(city_id__in=summary.city_ids)


def public_surveys() -> QuerySet[Survey]:
    return (
        Survey.objects.public().select_related("city", "questionnaire").annotate(n_answers=Count("answers"))
    )


def get_public_survey(pk: int) -> Survey:
    return get_object_or_404(public_surveys(), pk=pk)


def survey_history(survey: Survey) -> list[HistoryEntry]:
    return history_entries(survey)


# ----------------------------------------------------------------------------------------------- results


@dataclass
class Row:
    question: Question
    text: str
    overall: QuestionResult
    unweighted: QuestionResult
    born_abroad: QuestionResult | None
    born_here: QuestionResult | None
    labels: list[str] = field(default_factory=list)
    index: list[dict[str, str]] = field(default_factory=list)  # the city's Index answers it mirrors


@dataclass
class Results:
    survey: Survey
    n: int
    weighted: bool
    weights: Weights
    design: dict[str, Any]
    rows: list[Row]
    areas: list[tuple[str, list[Row]]]
    missing_categories: list[str]
    index_round: str = ""


def _column(answers: Sequence[dict[str, str]], qid: str | None) -> list[str | None]:
    return [a.get(qid) if qid else None for a in answers]


def survey_results(survey: Survey, language: str, *, public: bool = False) -> Results:
    """Shares per question, weighted to the city's population by age band and gender when it gave one,
    with the design effect, the breakdown by born abroad, and the city's Index answers on the same themes
    (its latest validated response; on public pages only a published one)."""
    questionnaire = survey.questionnaire.parsed()
    answers: list[dict[str, str]] = list(
        SurveyAnswer.objects.filter(survey=survey).order_by("pk").values_list("answers", flat=True)
    )
    age_q = questionnaire.demographic("age_band")
    gender_q = questionnaire.demographic("gender")
    born_q = questionnaire.demographic("born_abroad")
    cells = list(
        zip(
            _column(answers, age_q.id if age_q else None),
            _column(answers, gender_q.id if gender_q else None),
            strict=True,
        )
    )
    weighted = bool(survey.population.get("age") and survey.population.get("gender"))
    weights = rake(cells, survey.population if weighted else {})
    ones = [1.0] * len(answers)
    born = _column(answers, born_q.id if born_q else None)
    abroad_idx = [i for i, b in enumerate(born) if b == "yes"]
    here_idx = [i for i, b in enumerate(born) if b == "no"]
    missing = [
        category
        for margin in ("age", "gender")
        for category, share in (survey.population.get(margin) or {}).items()
        if share and not any((c[0] if margin == "age" else c[1]) == category for c in cells)
    ]
    index_answers, index_round = _index_answers(survey, language, public=public)
    rows: list[Row] = []
    areas: list[tuple[str, list[Row]]] = []
    for area in questionnaire.areas:
        area_rows = []
        for question in area.questions:
            if question.demographic and question.type in ("age_band", "gender"):
                pass  # shown too: the answers' structure beside the population's
            column = _column(answers, question.id)
            options = list(question.option_ids)

            def result(
                idx: list[int], w: Sequence[float], *, q: Question = question, col: list[Any] = column
            ) -> QuestionResult:
                return question_result(
                    q.id, [col[i] for i in idx], [w[i] for i in idx], q.option_ids, positive=q.positive
                )

            everyone = list(range(len(answers)))
            row = Row(
                question=question,
                text=text_in(question.text, language),
                overall=result(everyone, weights.values),
                unweighted=result(everyone, ones),
                born_abroad=result(abroad_idx, weights.values)
                if born_q and not question.demographic
                else None,
                born_here=result(here_idx, weights.values) if born_q and not question.demographic else None,
                labels=[question.label(o, language) for o in options],
                index=[index_answers[i] for i in question.index_questions if i in index_answers],
            )
            rows.append(row)
            area_rows.append(row)
        areas.append((text_in(area.title, language), area_rows))
    return Results(
        survey=survey,
        n=len(answers),
        weighted=weighted,
        weights=weights,
        design=design_summary(weights),
        rows=rows,
        areas=areas,
        missing_categories=missing,
        index_round=index_round,
    )


def _index_answers(survey: Survey, language: str, *, public: bool) -> tuple[dict[str, dict[str, str]], str]:
    """The city's answers in its latest validated Index response (published only, for public pages):
    {question id: {"question": text, "answer": option label}}."""
    from icc.index.scoring import parse_questionnaire as parse_index

    responses = Response.objects.filter(city_id=survey.city_id)
    responses = (
        responses.filter(PUBLISHED_RESPONSE) if public else responses.filter(status=ResponseStatus.VALIDATED)
    )
    response = (
        responses.select_related("round", "round__questionnaire").order_by("-round__opens_on", "-pk").first()
    )
    if response is None:
        return {}, ""
    wanted = {i for q in survey.questionnaire.parsed().questions for i in q.index_questions}
    values = dict(
        IndexAnswer.objects.filter(response=response, question__in=wanted).values_list("question", "value")
    )
    try:
        index = parse_index(response.round.questionnaire.document)
    except Exception:  # a stored version is valid; if not, show no side by side rather than fail the page
        return {}, ""
    found: dict[str, dict[str, str]] = {}
    for area in index.areas:
        for question in area.questions:
            if question.id not in values or values[question.id] in (None, ""):
                continue
            value = values[question.id]
            label = str(value)
            for option in question.options:
                if option.id == value:
                    label = text_in(option.label, language)
            found[question.id] = {
                "id": question.id,
                "question": text_in(question.text, language),
                "answer": label,
            }
    return found, str(response.round)


def format_share(share: Any) -> str:
    """A share for display: "<10" when suppressed, else a whole percentage."""
    if share is None:
        return "–"
    if share.suppressed:
        return f"<{MIN_CELL}"
    return f"{round(share.share * 100)} %"


# ------------------------------------------------------------------------------------------ needs you


def few_answers(survey: Survey, count: int, today: datetime.date) -> bool:
    """Half of the survey's time has gone and it has fewer than half of the answers its pace should give."""
    days = (survey.closes_on - survey.opens_on).days + 1
    elapsed = (today - survey.opens_on).days + 1
    if not survey.is_open(today) or elapsed * 2 < days:
        return False
    return count * 2 < survey.target_answers * elapsed / days


def few_answer_surveys(city_ids: set[int]) -> list[Survey]:
    today = timezone.localdate()
    surveys = (
        Survey.objects.open_on(today)
        .filter(city_id__in=city_ids)
        .annotate(n=Count("answers"))
        .select_related("city")
    )
    return [s for s in surveys if few_answers(s, s.n, today)]


def unpublished_closed(city_ids: set[int] | None) -> QuerySet[Survey]:
    surveys = Survey.objects.filter(closes_on__lt=timezone.localdate(), published_at=None)
    return surveys if city_ids is None else surveys.filter(Q(city_id__in=city_ids))
