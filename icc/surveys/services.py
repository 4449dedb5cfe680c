"""Writes of the residents' questionnaires: load a questionnaire version, create and edit a city's survey,
record a resident's answers, import answers collected offline (dry run, all or nothing), publish the
results, and the daily notices to coordinators (few answers; closed and not published)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.spreadsheets import read_table
from icc.index.files import DocumentError, load_document
from icc.network.models import City
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify
from icc.surveys.models import AnswerSource, Survey, SurveyAnswer, SurveyQuestionnaire
from icc.surveys.questionnaire import (
    AGE_BANDS,
    GENDERS,
    QuestionnaireError,
    answer_problems,
    parse_questionnaire,
)
from icc.surveys.selectors import few_answers

SHIPPED_DIR = Path(__file__).resolve().parent / "questionnaires"
SHARE_TOLERANCE = 0.02  # shares given as fractions or percentages must add up to 1 (or 100) within 2 %


# ------------------------------------------------------------------------------------------ questionnaires


def questionnaire_load_document(
    *, document: Any, by: User | None = None, source: str = ""
) -> SurveyQuestionnaire:
    """Store a questionnaire version; loading the same document again changes nothing. A version that a
    survey uses is frozen: a change must come as a new id."""
    try:
        parsed = parse_questionnaire(document)
    except QuestionnaireError as exc:
        prefix = f"{source}: " if source else ""
        raise ValidationError({"document": [prefix + p for p in exc.problems]}) from exc
    with transaction.atomic():
        existing = SurveyQuestionnaire.objects.select_for_update().filter(key=parsed.id).first()
        if existing is not None:
            if existing.document == document:
                return existing
            if existing.surveys.exists():
                raise ValidationError(
                    {
                        "document": _(
                            "The questionnaire %(key)s is used by a survey and cannot change; give the new "
                            "version a new id."
                        )
                        % {"key": parsed.id}
                    }
                )
        questionnaire = existing or SurveyQuestionnaire(key=parsed.id)
        questionnaire.title = dict(parsed.title)
        questionnaire.version_label = dict(parsed.version_label)
        questionnaire.languages = list(parsed.languages)
        questionnaire.document = document
        questionnaire.full_clean()
        record_change(questionnaire, by=by, reason=reason("surveys.questionnaire_loaded"))
        questionnaire.save()
        return questionnaire


def questionnaire_load(*, path: Path, by: User | None = None) -> SurveyQuestionnaire:
    """Load a JSON or YAML file with the Index's reader (icc.index.files)."""
    try:
        document = load_document(Path(path))
    except DocumentError as exc:
        raise ValidationError({"document": str(exc)}) from exc
    return questionnaire_load_document(document=document, by=by, source=str(path))


def questionnaire_load_shipped(*, by: User | None = None) -> list[SurveyQuestionnaire]:
    return [questionnaire_load(path=path, by=by) for path in sorted(SHIPPED_DIR.glob("*.yaml"))]


# ------------------------------------------------------------------------------------------------ surveys


def _population_problems(population: Any) -> list[str]:
    """The population structure: {"age": {band: share}, "gender": {"woman": share, "man": share}}."""
    if population in (None, {}):
        return []
    if not isinstance(population, Mapping):
        return [_("Give the shares by age band and by gender.")]
    problems = []
    for margin, allowed in (("age", AGE_BANDS), ("gender", GENDERS)):
        shares = population.get(margin) or {}
        unknown = [k for k in shares if k not in allowed]
        if unknown:
            problems.append(
                _("Unknown category %(names)s: use %(allowed)s.")
                % {"names": ", ".join(unknown), "allowed": ", ".join(allowed)}
            )
            continue
        values = list(shares.values())
        if any(not isinstance(v, int | float) or v < 0 or math.isnan(v) for v in values):
            problems.append(_("Every share is a number of zero or more."))
            continue
        total = sum(values)
        if values and not (abs(total - 1) <= SHARE_TOLERANCE or abs(total - 100) <= 100 * SHARE_TOLERANCE):
            problems.append(
                _("The shares by %(margin)s add up to %(total)s; they must add up to 100 %%.")
                % {"margin": _("age band") if margin == "age" else _("gender"), "total": f"{total:g}"}
            )
    return problems


def _check(survey: Survey) -> None:
    errors: dict[str, list[str]] = {}
    if survey.opens_on and survey.closes_on and survey.closes_on < survey.opens_on:
        errors["closes_on"] = [
            _("The survey closes before it opens: choose a closing date after the opening.")
        ]
    problems = _population_problems(survey.population)
    if problems:
        errors["population"] = problems
    if survey.population and not survey.population_source.strip():
        errors["population_source"] = [_("Say where the population figures come from (e.g. census 2021).")]
    if errors:
        raise ValidationError(errors)
    survey.full_clean()


@transaction.atomic
def survey_create(
    *,
    city: City,
    questionnaire: SurveyQuestionnaire,
    title_en: str,
    title_fr: str = "",
    opens_on: datetime.date,
    closes_on: datetime.date,
    target_answers: int,
    population: Mapping[str, Any] | None = None,
    population_source: str = "",
    consent_text_en: str = "",
    consent_text_fr: str = "",
    by: User | None,
) -> Survey:
    survey = Survey(
        city=city,
        questionnaire=questionnaire,
        title=title_en,
        title_en=title_en,
        title_fr=title_fr or title_en,
        opens_on=opens_on,
        closes_on=closes_on,
        target_answers=target_answers,
        population=dict(population or {}),
        population_source=population_source,
        consent_text_en=consent_text_en,
        consent_text_fr=consent_text_fr,
        created_by=by,
    )
    _check(survey)
    record_change(survey, by=by, reason=reason("surveys.created"))
    survey.save()
    return survey


EDITABLE = (
    "title_en",
    "title_fr",
    "opens_on",
    "closes_on",
    "target_answers",
    "population",
    "population_source",
    "consent_text_en",
    "consent_text_fr",
)


@transaction.atomic
def survey_update(*, survey: Survey, by: User | None, **changes: Any) -> Survey:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    for name, value in changes.items():
        setattr(survey, name, value)
    _check(survey)
    record_change(survey, by=by, reason=reason("surveys.changed"))
    survey.save()
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey, by: User, publish: bool = True) -> Survey:
    """Publish the results (or withdraw them). Only a survey that has closed, so that the public never
    reads shares that are still moving."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if publish and not survey.is_closed():
        raise ValidationError(
            {"published_at": _("The survey is still open: publish its results once it has closed.")}
        )
    if publish == survey.is_published:
        state = _("already published") if publish else _("not published")
        raise ValidationError({"published_at": _("The results are %(state)s.") % {"state": state}})
    survey.published_at = timezone.now() if publish else None
    survey.published_by = by if publish else None
    record_change(survey, by=by, reason=reason("surveys.published" if publish else "surveys.unpublished"))
    survey.save()
    return survey


# ------------------------------------------------------------------------------------------------ answers


def clean_answers(survey: Survey, raw: Mapping[str, Any]) -> dict[str, str]:
    """The answers to store: known questions and options only, blanks left out, follow-ups whose condition
    is not met left out. Raises a ValidationError keyed by question id."""
    questionnaire = survey.questionnaire.parsed()
    answers = {k: str(v).strip() for k, v in raw.items() if v not in (None, "") and str(v).strip()}
    problems = answer_problems(questionnaire, answers)
    if problems:
        raise ValidationError({k: [v] for k, v in problems.items()})
    for question in questionnaire.questions:
        if question.show_if and answers.get(question.show_if[0]) not in question.show_if[1]:
            answers.pop(question.id, None)
    if not any(not questionnaire.question(k).demographic for k in answers):  # type: ignore[union-attr]
        raise ValidationError({"__all__": [_("Answer at least one question before sending.")]})
    return answers


@transaction.atomic
def answer_submit(*, survey: Survey, answers: Mapping[str, Any], language: str = "") -> SurveyAnswer:
    """A resident's answers, online. Nothing about the person is stored: no account, no address."""
    if not survey.is_open():
        raise ValidationError(
            {
                "__all__": [
                    _("This survey is not open: it takes answers from %(opens)s to %(closes)s.")
                    % {"opens": survey.opens_on, "closes": survey.closes_on}
                ]
            }
        )
    answer = SurveyAnswer(survey=survey, answers=clean_answers(survey, answers), language=language[:12])
    answer.full_clean()
    answer.save()
    return answer


@dataclass
class ImportResult:
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    applied: bool = False


def answers_import(
    *, survey: Survey, content: bytes, extension: str, filename: str, by: User, dry_run: bool = True
) -> ImportResult:
    """Answers collected on paper or with another tool: one row per resident, one column per question id
    (the download of the empty template gives them), cells holding option ids or "dont_know". All or
    nothing: any problem refuses the whole file, naming row, column and the fix."""
    table = read_table(content, extension)
    questionnaire = survey.questionnaire.parsed()
    known = {q.id for q in questionnaire.questions}
    result = ImportResult()
    unknown = [c for c in table.header if c and c not in known]
    if unknown:
        result.problems.append(
            _("Unknown column %(names)s: the columns are question ids (%(example)s); download the template.")
            % {"names": ", ".join(unknown), "example": ", ".join(sorted(known)[:3]) + ", ..."}
        )
        return result
    rows: list[dict[str, str]] = []
    for number, cells in table.rows:
        raw = {name: cell for name, cell in zip(table.header, cells, strict=False) if name}
        try:
            rows.append(clean_answers(survey, raw))
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                where = _("row %(row)s") % {"row": number}
                if column != "__all__":
                    where += ", " + _("column %(column)s") % {"column": column}
                result.problems += [f"{where}: {m}" for m in messages]
    result.rows = len(rows)
    if not rows and not result.problems:
        result.problems.append(_("The file has no answers below its header row."))
    if result.problems or dry_run:
        return result
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        SurveyAnswer.objects.bulk_create(
            [SurveyAnswer(survey=locked, answers=row, source=AnswerSource.IMPORT) for row in rows]
        )
        locked.answers_imported += len(rows)
        record_change(locked, by=by, reason=reason("surveys.imported", words=filename, count=len(rows)))
        locked.save()
    result.applied = True
    return result


# ----------------------------------------------------------------------------------------------- notices


def coordinators(city_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, roles__kind=RoleKind.CITY_COORDINATOR, roles__city_id=city_id
        ).distinct()
    )


def surveys_few_answers_notify(*, today: datetime.date | None = None) -> int:
    """The daily run: tell the coordinators of each open survey with few answers, once per survey."""
    from django.db.models import Count

    today = today or timezone.localdate()
    told = 0
    for survey in Survey.objects.open_on(today).select_related("city").annotate(n=Count("answers")):
        if few_answers(survey, survey.n, today):
            result = notify(
                recipients=coordinators(survey.city_id),
                kind=NotificationKind.SURVEY_FEW_ANSWERS,
                obj=survey,
                context={"answers": survey.n, "target": survey.target_answers},
                link=reverse("surveys:detail", args=[survey.pk]),
                key=f"survey-few-answers:{survey.pk}",
            )
            told += len(result.people)
    return told


def surveys_closed_notify(*, today: datetime.date | None = None) -> int:
    """The daily run: tell the coordinators of each closed survey whose results are not published, once."""
    today = today or timezone.localdate()
    told = 0
    for survey in Survey.objects.filter(closes_on__lt=today, published_at=None).select_related("city"):
        result = notify(
            recipients=coordinators(survey.city_id),
            kind=NotificationKind.SURVEY_CLOSED,
            obj=survey,
            link=reverse("surveys:detail", args=[survey.pk]),
            key=f"survey-closed:{survey.pk}",
        )
        told += len(result.people)
    return told
