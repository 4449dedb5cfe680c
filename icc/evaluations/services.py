"""Writes to evaluations: the instrument built from the strategy and edited by the secretariat, opening it to
the city, the city's answers (autosave) and evidence, submitting and returning, the expert's report with its
recommendations and its draft / review / share / publish cycle, and the link to the next strategy.

Each write checks every field first (errors keyed by the field, naming the fix), then writes in one
transaction
with its history; notices go through icc.notifications (the e-mails after commit)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.public_version import public_content_changed
from icc.core.uploads import validate_upload
from icc.evaluations import instrument
from icc.evaluations.models import (
    ANSWERING,
    EVALUATION_WORKFLOW,
    REPORT_WORKFLOW,
    SCALE_VALUES,
    YES_NO_VALUES,
    Evaluation,
    EvaluationAnswer,
    EvaluationEvidence,
    EvaluationQuestion,
    EvaluationReport,
    EvaluationSection,
    EvaluationStatus,
    QuestionKind,
    QuestionSource,
    Recommendation,
    ReportStatus,
)
from icc.experts.models import Expert
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify, remember
from icc.strategies.models import (
    Action,
    DataPoint,
    PerformanceMeasure,
    Programme,
    Result,
    Strategy,
    StrategyStatus,
)

MAX_TEXT = 20_000
MAX_QUESTIONS = 300
MAX_EVIDENCE_PER_QUESTION = 10
LANGUAGES = ("en", "fr")


def _secretariat() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct())


def _city_people(evaluation: Evaluation, *, coordinators_only: bool = False) -> list[User]:
    kinds = (
        [RoleKind.CITY_COORDINATOR]
        if coordinators_only
        else [RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR]
    )
    return list(
        User.objects.filter(
            is_active=True, roles__kind__in=kinds, roles__city_id=evaluation.city_id
        ).distinct()
    )


def _clean(text: str | None) -> str:
    return (text or "").strip()


def _too_long(errors: dict[str, list[str]], name: str, text: str, limit: int = MAX_TEXT) -> None:
    if len(text) > limit:
        errors[name] = [
            _("This text is %(n)s characters long; shorten it to %(limit)s.")
            % {"n": len(text), "limit": limit}
        ]


# --------------------------------------------------------------------------------------------- the instrument


def _in_both(message: str, **params: object) -> dict[str, str]:
    """`message` (a msgid) in each language: generated titles and questions are stored in EN and FR."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = _(message) % params if params else _(message)
    return texts


def _latest_action(action: Action) -> str:
    parts = [_("Status: %(status)s.") % {"status": action.get_status_display()}]
    if action.owner_name:
        parts.append(_("Led by %(owner)s.") % {"owner": action.owner_name})
    if action.due_on:
        parts.append(_("Due on %(date)s.") % {"date": action.due_on.isoformat()})
    updates = list(action.updates.all())  # prefetched, newest first
    if updates:
        latest = updates[0]
        parts.append(
            _("Latest update (%(date)s): %(note)s")
            % {"date": latest.on.isoformat(), "note": latest.note or latest.get_status_display()}
        )
    return " ".join(parts)


def _latest_measure(measure: PerformanceMeasure) -> str:
    points: list[DataPoint] = list(measure.points.all())  # prefetched, oldest first
    parts = [str(measure.get_quadrant_display())]
    if points:
        last = points[-1]
        parts.append(
            _("Latest figure: %(value)s %(unit)s (%(period)s).")
            % {"value": f"{last.value:g}", "unit": measure.unit, "period": last.period_label}
        )
    else:
        parts.append(_("No figure recorded yet."))
    return " ".join(parts)


def _section_titles(spec: instrument.SectionSpec, names: dict[int, dict[str, str]]) -> dict[str, str]:
    if spec.kind in ("result", "programme") and spec.group_id is not None:
        return names[spec.group_id]
    if spec.kind == "other_actions":
        return _in_both(gettext_noop("Other actions"))
    if spec.kind == "other_measures":
        return _in_both(gettext_noop("Other performance measures"))
    return _in_both(gettext_noop("General questions"))


@transaction.atomic
def evaluation_create(
    *,
    by: User,
    strategy: Strategy | None,
    title_en: str = "",
    title_fr: str = "",
    deadline: datetime.date | None = None,
) -> Evaluation:
    """A draft evaluation of `strategy` with its instrument generated: a section per result (a question per
    action of its indicators), per programme (a question per performance measure), and general questions."""
    errors: dict[str, list[str]] = {}
    if strategy is None:
        raise ValidationError({"strategy": _("Choose the strategy to evaluate.")})
    if strategy.status == StrategyStatus.DRAFTING:
        errors["strategy"] = [_("This strategy is still being drafted: evaluate a validated strategy.")]
    title_en = (
        " ".join(_clean(title_en).split())
        or _in_both(gettext_noop("Evaluation of “%(title)s”"), title=strategy.title_en)["en"]
    )
    title_fr = (
        " ".join(_clean(title_fr).split())
        or _in_both("Evaluation of “%(title)s”", title=strategy.title_fr or strategy.title_en)["fr"]
    )
    if errors:
        raise ValidationError(errors)
    evaluation = Evaluation(
        strategy=strategy,
        city=strategy.city,
        title=title_en,
        title_en=title_en,
        title_fr=title_fr,
        deadline=deadline,
    )
    evaluation.full_clean()
    record_change(evaluation, by=by, reason=reason("evaluations.created"))
    evaluation.save()
    _build_instrument(evaluation, strategy, by=by)
    return evaluation


def _build_instrument(evaluation: Evaluation, strategy: Strategy, *, by: User) -> None:
    results = list(Result.objects.filter(strategy=strategy).order_by("order", "pk"))
    actions = list(
        Action.objects.filter(indicator__result__strategy=strategy)
        .select_related("indicator")
        .prefetch_related("updates")
        .order_by("indicator__result__order", "indicator__order", "due_on", "pk")
    )
    programmes = list(Programme.objects.filter(strategy=strategy).order_by("name", "pk"))
    measures = list(
        PerformanceMeasure.objects.filter(programme__strategy=strategy)
        .prefetch_related("points")
        .order_by("programme__name", "quadrant", "name", "pk")
    )
    by_id_action = {a.pk: a for a in actions}
    by_id_measure = {m.pk: m for m in measures}
    specs = instrument.sections_for(
        results=[instrument.Group(r.pk, r.title) for r in results],
        actions=[instrument.Item(a.pk, a.title, a.indicator.result_id) for a in actions],
        programmes=[instrument.Group(p.pk, p.name) for p in programmes],
        measures=[instrument.Item(m.pk, m.name, m.programme_id) for m in measures],
    )
    names: dict[int, dict[str, str]] = {}
    for r in results:
        names[r.pk] = {"en": r.title_en or r.title, "fr": r.title_fr or r.title_en or r.title}
    programme_names = {p.pk: {"en": p.name, "fr": p.name} for p in programmes}
    questions: list[EvaluationQuestion] = []
    for order, spec in enumerate(specs):
        titles = _section_titles(spec, programme_names if spec.kind == "programme" else names)
        section = EvaluationSection(
            evaluation=evaluation,
            title=titles["en"],
            title_en=titles["en"],
            title_fr=titles["fr"],
            order=order,
            result_id=spec.group_id if spec.kind == "result" else None,
            programme_id=spec.group_id if spec.kind == "programme" else None,
        )
        record_change(section, by=by, reason=reason("evaluations.created"))
        section.save()
        for position, item in enumerate(spec.items):
            if spec.kind in ("result", "other_actions"):
                action = by_id_action[item.id]
                texts = _in_both(
                    gettext_noop(
                        "How far has the action “%(title)s” been carried out, and what did it change?"
                    ),
                    title=item.title,
                )
                context = _latest_action(action)
                source, action_id, measure_id = QuestionSource.ACTION, action.pk, None
            else:
                measure = by_id_measure[item.id]
                texts = _in_both(
                    gettext_noop("What do the figures of “%(title)s” show, and why?"), title=item.title
                )
                context = _latest_measure(measure)
                source, action_id, measure_id = QuestionSource.MEASURE, None, measure.pk
            questions.append(
                EvaluationQuestion(
                    section=section,
                    kind=QuestionKind.SCALE,
                    source=source,
                    text=texts["en"][:500],
                    text_en=texts["en"][:500],
                    text_fr=texts["fr"][:500],
                    context=context,
                    order=position,
                    action_id=action_id,
                    measure_id=measure_id,
                )
            )
    for question in questions:
        question.full_clean(exclude=["section"])
    EvaluationQuestion.objects.bulk_create(questions)


def _must_be_draft(evaluation: Evaluation) -> None:
    if evaluation.status != EvaluationStatus.DRAFT:
        raise ValidationError(
            {"status": _("The instrument was opened to the city: its questions can no longer change.")}
        )


@transaction.atomic
def evaluation_update(
    *,
    by: User,
    evaluation: Evaluation,
    title_en: str,
    title_fr: str = "",
    deadline: datetime.date | None = None,
) -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().get(
        pk=evaluation.pk
    )  # as stored: never an old status
    errors: dict[str, list[str]] = {}
    title_en = " ".join(_clean(title_en).split())
    if not title_en:
        errors["title_en"] = [_("Give the evaluation a title in English.")]
    if deadline is not None and deadline < timezone.localdate() and evaluation.is_answering:
        errors["deadline"] = [_("The deadline is past; choose a later date.")]
    if errors:
        raise ValidationError(errors)
    evaluation.title = evaluation.title_en = title_en
    evaluation.title_fr = " ".join(_clean(title_fr).split())
    evaluation.deadline = deadline
    evaluation.full_clean()
    record_change(evaluation, by=by, reason=reason("evaluations.changed"))
    evaluation.save()
    return evaluation


def _question_fields(kind: str, text_en: str, text_fr: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Choose the kind of answer: text, scale from 1 to 5, or yes or no.")]
    if not text_en:
        errors["text_en"] = [_("Write the question in English.")]
    for name, text in (("text_en", text_en), ("text_fr", text_fr)):
        _too_long(errors, name, text, 500)
    return errors


@transaction.atomic
def question_add(
    *,
    by: User,
    section: EvaluationSection | None,
    kind: str,
    text_en: str,
    text_fr: str = "",
    context: str = "",
) -> EvaluationQuestion:
    """A free question of the secretariat, at the end of its section."""
    text_en, text_fr, context = _clean(text_en), _clean(text_fr), _clean(context)
    errors = _question_fields(kind, text_en, text_fr)
    if section is None:
        errors["section"] = [_("Choose the section the question goes in.")]
    if errors:
        raise ValidationError(errors)
    assert section is not None
    evaluation = Evaluation.objects.select_for_update().get(pk=section.evaluation_id)
    _must_be_draft(evaluation)
    if EvaluationQuestion.objects.filter(section__evaluation=evaluation).count() >= MAX_QUESTIONS:
        raise ValidationError(
            {"text_en": _("The instrument has %(n)s questions, the most it may have.") % {"n": MAX_QUESTIONS}}
        )
    last = section.questions.order_by("-order").values_list("order", flat=True).first()
    question = EvaluationQuestion(
        section=section,
        kind=kind,
        source=QuestionSource.FREE,
        text=text_en,
        text_en=text_en,
        text_fr=text_fr,
        context=context,
        order=(last + 1) if last is not None else 0,
    )
    question.full_clean()
    record_change(question, by=by, reason=reason("evaluations.question_added"))
    question.save()
    return question


@transaction.atomic
def question_update(
    *,
    by: User,
    question: EvaluationQuestion,
    kind: str,
    text_en: str,
    text_fr: str = "",
    context: str | None = None,
) -> EvaluationQuestion:
    text_en, text_fr = _clean(text_en), _clean(text_fr)
    errors = _question_fields(kind, text_en, text_fr)
    if errors:
        raise ValidationError(errors)
    _must_be_draft(Evaluation.objects.select_for_update().get(pk=question.section.evaluation_id))
    question.kind = kind
    question.text = question.text_en = text_en
    question.text_fr = text_fr
    if context is not None:
        question.context = _clean(context)
    question.full_clean()
    record_change(question, by=by, reason=reason("evaluations.question_changed"))
    question.save()
    return question


@transaction.atomic
def question_remove(*, by: User, question: EvaluationQuestion) -> None:
    _must_be_draft(Evaluation.objects.select_for_update().get(pk=question.section.evaluation_id))
    record_change(question, by=by, reason=reason("evaluations.question_removed"))
    question.delete()


# --------------------------------------------------------------------------------------------- the workflow


def _move(
    evaluation: Evaluation,
    status: str,
    *,
    by: User,
    code: str = "evaluations.status",
    words: str | None = None,
) -> None:
    EVALUATION_WORKFLOW.check(evaluation.status, status)
    evaluation.status = status
    evaluation.full_clean()
    if code == "evaluations.status":
        record_change(evaluation, by=by, reason=reason(code, status=status))
    else:
        record_change(evaluation, by=by, reason=reason(code, words=words))
    evaluation.save()


def _link(evaluation: Evaluation) -> str:
    return reverse("evaluations:detail", args=[evaluation.pk])


@transaction.atomic
def evaluation_open(*, by: User, evaluation: Evaluation, deadline: datetime.date | None) -> Evaluation:
    """Opens the instrument to the city with a deadline; tells the city's coordinators."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    errors: dict[str, list[str]] = {}
    if deadline is None:
        errors["deadline"] = [_("Give the date by which the city should answer.")]
    elif deadline <= timezone.localdate():
        errors["deadline"] = [_("The deadline must be after today; choose a later date.")]
    if not EvaluationQuestion.objects.filter(section__evaluation=evaluation).exists():
        errors["status"] = [_("The instrument has no question yet: add at least one before opening it.")]
    if errors:
        raise ValidationError(errors)
    evaluation.deadline = deadline
    evaluation.opened_at = timezone.now()
    _move(evaluation, EvaluationStatus.OPEN, by=by)
    told = notify(
        recipients=_city_people(evaluation, coordinators_only=True),
        kind=NotificationKind.EVALUATION_OPENED,
        obj=evaluation,
        context={"what": lambda: str(Evaluation.objects.get(pk=evaluation.pk)), "deadline": deadline},
        link=_link(evaluation),
        key=f"evaluations.opened.{evaluation.pk}",
    )
    remember(evaluation, told)
    return evaluation


@dataclass
class SaveResult:
    answer: EvaluationAnswer
    conflict: bool = False  # someone saved a newer version first: nothing was written


def _check_value(kind: str, value: str) -> str:
    if kind == QuestionKind.SCALE and value and value not in SCALE_VALUES:
        raise ValidationError({"value": _("Choose a value from 1 to 5.")})
    if kind == QuestionKind.YES_NO and value and value not in YES_NO_VALUES:
        raise ValidationError({"value": _("Answer yes or no.")})
    if kind == QuestionKind.TEXT and value:
        raise ValidationError({"value": _("This question is answered in words only.")})
    return value


def _must_be_answering(evaluation: Evaluation) -> None:
    if not evaluation.is_answering:
        raise ValidationError(
            {
                "status": _("This evaluation is %(status)s: its answers can no longer change.")
                % {"status": evaluation.get_status_display()}
            }
        )


@transaction.atomic
def answer_save(
    *,
    by: User,
    question: EvaluationQuestion,
    value: str = "",
    text: str = "",
    base_revision: int | None = None,
) -> SaveResult:
    """Saves the city's answer to one question. A save made on a page older than the stored answer (its
    `base_revision` behind) writes nothing and reports the conflict, so a colleague's answer is never lost."""
    evaluation = Evaluation.objects.select_for_update().get(pk=question.section.evaluation_id)
    _must_be_answering(evaluation)
    value, text = _clean(value), (text or "").strip()
    errors: dict[str, list[str]] = {}
    try:
        _check_value(question.kind, value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    _too_long(errors, "text", text)
    if errors:
        raise ValidationError(errors)
    answer, _created = EvaluationAnswer.objects.get_or_create(question=question)
    if base_revision is not None and base_revision < answer.revision:
        if (answer.value, answer.text) != (value, text):
            return SaveResult(answer=answer, conflict=True)
        return SaveResult(answer=answer)
    if (answer.value, answer.text) == (value, text) and answer.revision:
        return SaveResult(answer=answer)
    answer.value, answer.text = value, text
    answer.revision += 1
    answer.saved_by = by
    answer.full_clean()
    record_change(answer, by=by, reason=reason("evaluations.answered"))
    answer.save()
    return SaveResult(answer=answer)


@transaction.atomic
def evidence_add(*, by: User, question: EvaluationQuestion, file: UploadedFile) -> EvaluationEvidence:
    evaluation = Evaluation.objects.select_for_update().get(pk=question.section.evaluation_id)
    _must_be_answering(evaluation)
    try:
        name = validate_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    if question.evidence.count() >= MAX_EVIDENCE_PER_QUESTION:
        raise ValidationError(
            {
                "file": _("This question has %(n)s files, the most it may have; remove one first.")
                % {"n": MAX_EVIDENCE_PER_QUESTION}
            }
        )
    evidence = EvaluationEvidence(question=question, name=name, size=file.size or 0, uploaded_by=by)
    evidence.file.save(name, file, save=False)
    evidence.save()
    answer, _created = EvaluationAnswer.objects.get_or_create(question=question)
    record_change(answer, by=by, reason=reason("evaluations.evidence_added", words=name))
    answer.save()  # the answer's history says who attached what
    return evidence


@transaction.atomic
def evidence_remove(*, by: User, evidence: EvaluationEvidence) -> None:
    question = evidence.question
    _must_be_answering(Evaluation.objects.select_for_update().get(pk=question.section.evaluation_id))
    name = evidence.name
    evidence.file.delete(save=False)
    evidence.delete()
    answer, _created = EvaluationAnswer.objects.get_or_create(question=question)
    record_change(answer, by=by, reason=reason("evaluations.evidence_removed", words=name))
    answer.save()


@transaction.atomic
def evaluation_submit(*, by: User, evaluation: Evaluation) -> Evaluation:
    """The city hands in its answers; the secretariat is told. Every question needs an answer or words."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _must_be_answering(evaluation)
    questions = EvaluationQuestion.objects.filter(section__evaluation=evaluation).select_related("answer")
    missing = [q for q in questions if not (hasattr(q, "answer") and q.answer.is_answered)]
    if missing:
        raise ValidationError(
            {
                "status": _(
                    "%(n)s question(s) have no answer yet, e.g. “%(first)s”. Answer each one, then submit."
                )
                % {"n": len(missing), "first": missing[0].text}
            }
        )
    evaluation.submitted_at = timezone.now()
    evaluation.submitted_by = by
    _move(evaluation, EvaluationStatus.SUBMITTED, by=by)
    told = notify(
        recipients=_secretariat(),
        kind=NotificationKind.EVALUATION_SUBMITTED,
        obj=evaluation,
        context={"what": f"{evaluation.city.name} · {evaluation.title}"},
        link=_link(evaluation),
    )
    remember(evaluation, told)
    return evaluation


@transaction.atomic
def evaluation_return(*, by: User, evaluation: Evaluation, comment: str) -> Evaluation:
    """Back to the city with the secretariat's comments; its coordinators are told (as an evaluation to
    answer)."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    comment = _clean(comment)
    if not comment:
        raise ValidationError({"comment": _("Say what the city should complete or correct.")})
    errors: dict[str, list[str]] = {}
    _too_long(errors, "comment", comment)
    if errors:
        raise ValidationError(errors)
    evaluation.return_comment = comment
    _move(evaluation, EvaluationStatus.RETURNED, by=by, code="evaluations.returned", words=comment)
    told = notify(
        recipients=_city_people(evaluation, coordinators_only=True),
        kind=NotificationKind.EVALUATION_OPENED,
        obj=evaluation,
        context={"what": str(evaluation), "deadline": evaluation.deadline, "comment": comment},
        link=_link(evaluation),
    )
    remember(evaluation, told)
    return evaluation


@transaction.atomic
def evaluation_link_next(*, by: User, evaluation: Evaluation, strategy: Strategy | None) -> Evaluation:
    """The next version of the city's strategy, which builds on this evaluation (None: unlink)."""
    evaluation = Evaluation.objects.select_for_update().get(
        pk=evaluation.pk
    )  # as stored: never an old status
    if strategy is not None:
        if strategy.city_id != evaluation.city_id:
            raise ValidationError({"next_strategy": _("Choose a strategy of the same city.")})
        if strategy.pk == evaluation.strategy_id:
            raise ValidationError({"next_strategy": _("Choose the strategy that follows the evaluated one.")})
    evaluation.next_strategy = strategy
    evaluation.full_clean()
    record_change(evaluation, by=by, reason=reason("evaluations.next_strategy"))
    evaluation.save()
    return evaluation


# --------------------------------------------------------------------------------------------- the report


@transaction.atomic
def report_assign_expert(*, by: User, evaluation: Evaluation, expert: Expert | None) -> EvaluationReport:
    """Accepts the city's answers and asks `expert` to write the report (or hands a draft to another
    expert)."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if expert is None:
        raise ValidationError({"expert": _("Choose the expert who writes the report.")})
    if expert.erased_at is not None or expert.user_id is None:
        raise ValidationError({"expert": _("This expert has no active account; choose another expert.")})
    report = EvaluationReport.objects.filter(evaluation=evaluation).first()
    if report is not None and report.status != ReportStatus.DRAFT:
        raise ValidationError(
            {
                "expert": _("The report is %(status)s: its expert can no longer change.")
                % {"status": report.get_status_display()}
            }
        )
    if report is None and evaluation.status != EvaluationStatus.SUBMITTED:
        raise ValidationError(
            {"expert": _("The city has not submitted its answers yet: assign the expert once it has.")}
        )
    if evaluation.status == EvaluationStatus.SUBMITTED:
        _move(evaluation, EvaluationStatus.ACCEPTED, by=by)
    if report is None:
        report = EvaluationReport(evaluation=evaluation, expert=expert)
    report.expert = expert
    report.full_clean()
    record_change(report, by=by, reason=reason("evaluations.expert_assigned"))
    report.save()
    told = notify(
        recipients=[expert.user] if expert.user is not None else [],
        kind=NotificationKind.EVALUATION_EXPERT_ASSIGNED,
        obj=report,
        context={"what": f"{evaluation.city.name} · {evaluation.title}"},
        link=reverse("evaluations:report", args=[evaluation.pk]),
        key=f"evaluations.expert.{report.pk}.{expert.pk}",
    )
    remember(report, told)
    return report


def _locked(report: EvaluationReport) -> EvaluationReport:
    """The report as stored, locked for the write: its status decides what may change."""
    return EvaluationReport.objects.select_for_update().select_related("evaluation").get(pk=report.pk)


@transaction.atomic
def report_save(
    *,
    by: User,
    report: EvaluationReport,
    summary_en: str,
    findings_en: str,
    summary_fr: str = "",
    findings_fr: str = "",
) -> EvaluationReport:
    report = _locked(report)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.REVIEW):
        raise ValidationError(
            {"status": _("The report was shared or published: send it back to draft to change it.")}
        )
    values = {
        "summary_en": _clean(summary_en),
        "summary_fr": _clean(summary_fr),
        "findings_en": _clean(findings_en),
        "findings_fr": _clean(findings_fr),
    }
    errors: dict[str, list[str]] = {}
    for name, text in values.items():
        _too_long(errors, name, text)
    if errors:
        raise ValidationError(errors)
    for name, text in values.items():
        setattr(report, name, text)
    report.summary, report.findings = values["summary_en"], values["findings_en"]
    report.full_clean()
    record_change(report, by=by, reason=reason("evaluations.report_saved"))
    report.save()
    return report


@transaction.atomic
def recommendation_add(
    *,
    by: User,
    report: EvaluationReport,
    text_en: str,
    text_fr: str = "",
    result: Result | None = None,
    action: Action | None = None,
) -> Recommendation:
    report = _locked(report)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.REVIEW):
        raise ValidationError(
            {"status": _("The report was shared or published: send it back to draft to change it.")}
        )
    text_en, text_fr = _clean(text_en), _clean(text_fr)
    errors: dict[str, list[str]] = {}
    if not text_en:
        errors["text_en"] = [_("Write the recommendation in English.")]
    _too_long(errors, "text_en", text_en, 5000)
    _too_long(errors, "text_fr", text_fr, 5000)
    strategy_id = report.evaluation.strategy_id
    if result is not None and result.strategy_id != strategy_id:
        errors["result"] = [_("Choose a result of the evaluated strategy.")]
    if action is not None and action.indicator.result.strategy_id != strategy_id:
        errors["action"] = [_("Choose an action of the evaluated strategy.")]
    if errors:
        raise ValidationError(errors)
    last = report.recommendations.order_by("-order").values_list("order", flat=True).first()
    recommendation = Recommendation(
        report=report,
        text=text_en,
        text_en=text_en,
        text_fr=text_fr,
        result=result,
        action=action,
        order=(last + 1) if last is not None else 0,
    )
    recommendation.full_clean()
    record_change(recommendation, by=by, reason=reason("evaluations.recommendation_added"))
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_remove(*, by: User, recommendation: Recommendation) -> None:
    if _locked(recommendation.report).status not in (ReportStatus.DRAFT, ReportStatus.REVIEW):
        raise ValidationError(
            {"status": _("The report was shared or published: send it back to draft to change it.")}
        )
    record_change(recommendation, by=by, reason=reason("evaluations.recommendation_removed"))
    recommendation.delete()


@transaction.atomic
def report_move(*, by: User, report: EvaluationReport, status: str, comment: str = "") -> EvaluationReport:
    """The report's cycle (REPORT_WORKFLOW): the expert sends the draft for review; the secretariat sends it
    back
    with a comment, shares it with the city or publishes it. Sharing and publishing tell the city's people."""
    report = (
        EvaluationReport.objects.select_for_update()
        .select_related("evaluation", "evaluation__city")
        .get(pk=report.pk)
    )
    REPORT_WORKFLOW.check(report.status, status)
    comment = _clean(comment)
    if status in (ReportStatus.REVIEW, ReportStatus.SHARED, ReportStatus.PUBLISHED):
        errors: dict[str, list[str]] = {}
        if not report.summary_en:
            errors["summary_en"] = [_("Write the report's summary in English first.")]
        if not report.findings_en:
            errors["findings_en"] = [_("Write the report's findings in English first.")]
        if not report.recommendations.exists():
            errors["recommendations"] = [_("Add at least one recommendation first.")]
        if errors:
            raise ValidationError(errors)
    if status == ReportStatus.DRAFT:
        if not comment:
            raise ValidationError({"comment": _("Say what the expert should change.")})
        report.review_comment = comment
        code = reason("evaluations.report_sent_back", words=comment)
    else:
        code = reason("evaluations.report_status", status=status)
    now = timezone.now()
    if status == ReportStatus.SHARED:
        report.shared_at = now
    if status == ReportStatus.PUBLISHED:
        report.published_at = now
        report.shared_at = report.shared_at or now
    report.status = status
    report.full_clean()
    record_change(report, by=by, reason=code)
    report.save()
    if status == ReportStatus.PUBLISHED:
        public_content_changed()  # the public pages and API show it at once
    evaluation = report.evaluation
    if status in (ReportStatus.SHARED, ReportStatus.PUBLISHED):
        # Review and sending back are seen in "needs you" (secretariat, expert): no kind of notice for them.
        told = notify(
            recipients=_city_people(evaluation),
            kind=NotificationKind.EVALUATION_REPORT_SHARED,
            obj=report,
            context={"what": str(evaluation), "status": lambda: str(ReportStatus(status).label)},
            link=reverse("evaluations:report", args=[evaluation.pk]),
            key=f"evaluations.report.{report.pk}.{status}",
        )
        remember(report, told)
    return report


def report_mark_read(*, by: User, report: EvaluationReport) -> None:
    """The city opened the shared report: its "needs you" item goes."""
    if report.city_read_at is None and report.status in (ReportStatus.SHARED, ReportStatus.PUBLISHED):
        EvaluationReport.objects.filter(pk=report.pk, city_read_at__isnull=True).update(
            city_read_at=timezone.now()
        )


# --------------------------------------------------------------------------------------------- reminders


def evaluation_deadline_reminders(*, today: datetime.date) -> int:
    """The daily run (`icc send_notifications`, registered by EvaluationsConfig.ready()): the city's people
    of an
    evaluation still being answered are reminded 7 days and 1 day before its deadline, once per deadline."""
    from django.utils import formats

    told = 0
    for days, kind in ((7, NotificationKind.DEADLINE_7_DAYS), (1, NotificationKind.DEADLINE_1_DAY)):
        due = today + datetime.timedelta(days=days)
        for evaluation in Evaluation.objects.filter(status__in=ANSWERING, deadline=due).select_related(
            "city"
        ):
            result = notify(
                recipients=_city_people(evaluation),
                kind=kind,
                obj=evaluation,
                context={"deadline": lambda d=due: formats.date_format(d, "DATE_FORMAT")},
                link=_link(evaluation),
                key=f"{kind}:evaluation:{evaluation.pk}:{due.isoformat()}",
            )
            told += len(result.people)
    return told
