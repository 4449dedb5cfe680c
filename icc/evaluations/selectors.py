"""Reads of evaluations: who may do what with one (`get_evaluation_for_user`, the one access helper), the
lists,
the instrument's sections with their progress, a section's questions with their answers and files, the report
with its recommendations, the history, the next strategy, and what the public sees.

Who sees an evaluation: the secretariat always; the city's coordinators and contributors once it is opened to
them; the expert assigned to write its report. Nobody else knows it exists (404) until its report is published
(then the public page). The report: the secretariat and its expert; the city once shared or published."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from icc.accounts.selectors import user_roles_summary
from icc.core.history import HistoryEntry, history_entries, reason_display
from icc.evaluations import instrument
from icc.evaluations.models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationEvidence,
    EvaluationQuestion,
    EvaluationReport,
    EvaluationSection,
    EvaluationStatus,
    Recommendation,
    ReportStatus,
)
from icc.strategies.models import Strategy

CITY_REPORT_STATUSES = (ReportStatus.SHARED, ReportStatus.PUBLISHED)


@dataclass
class EvaluationAccess:
    evaluation: Evaluation
    secretariat: bool = False
    city_person: bool = False  # a coordinator or contributor of the evaluated city
    coordinator: bool = False
    expert: bool = False  # the expert assigned to the report

    @property
    def can_build(self) -> bool:
        return self.secretariat and self.evaluation.status == EvaluationStatus.DRAFT

    @property
    def can_answer(self) -> bool:
        return self.city_person and self.evaluation.is_answering

    @property
    def can_submit(self) -> bool:
        return self.coordinator and self.evaluation.is_answering

    @property
    def can_review_answers(self) -> bool:
        return self.secretariat and self.evaluation.status == EvaluationStatus.SUBMITTED

    def report_of(self) -> EvaluationReport | None:
        try:
            return self.evaluation.report
        except EvaluationReport.DoesNotExist:
            return None

    @property
    def can_read_report(self) -> bool:
        report = self.report_of()
        if report is None:
            return False
        return self.secretariat or self.expert or (self.city_person and report.status in CITY_REPORT_STATUSES)

    @property
    def can_write_report(self) -> bool:
        report = self.report_of()
        if report is None:
            return False
        if self.secretariat:
            return report.status in (ReportStatus.DRAFT, ReportStatus.REVIEW)
        return self.expert and report.status == ReportStatus.DRAFT


def evaluation_access(user: Any, evaluation: Evaluation) -> EvaluationAccess:
    summary = user_roles_summary(user)
    access = EvaluationAccess(evaluation=evaluation, secretariat=summary.secretariat)
    opened = evaluation.status != EvaluationStatus.DRAFT
    access.city_person = opened and evaluation.city_id in summary.city_ids
    access.coordinator = opened and evaluation.city_id in summary.coordinated_city_ids
    report = access.report_of()
    access.expert = bool(
        report is not None
        and summary.expert
        and report.expert.user_id is not None
        and report.expert.user_id == user.pk
    )
    return access


def get_evaluation_for_user(user: Any, pk: int) -> tuple[Evaluation, EvaluationAccess]:
    """The evaluation and what `user` may do with it; 404 when they may not know it exists."""
    evaluation = (
        Evaluation.objects.select_related("city", "strategy", "next_strategy", "report", "report__expert")
        .filter(pk=pk)
        .first()
    )
    if evaluation is None or not user.is_authenticated:
        raise Http404("No such evaluation.")
    access = evaluation_access(user, evaluation)
    if access.secretariat or access.city_person or access.expert:
        return evaluation, access
    raise Http404("No such evaluation.")


def visible_evaluations(user: Any) -> QuerySet[Evaluation]:
    """The evaluations `user` may open, newest first, with their city, strategy and report."""
    evaluations = Evaluation.objects.select_related("city", "strategy", "report", "report__expert").order_by(
        "-created", "-pk"
    )
    summary = user_roles_summary(user)
    if summary.secretariat:
        return evaluations
    visible = Q(city_id__in=summary.city_ids) & ~Q(status=EvaluationStatus.DRAFT)
    if summary.expert:
        visible |= Q(report__expert__user_id=user.pk)
    return evaluations.filter(visible)


def evaluable_strategies() -> QuerySet[Strategy]:
    """Strategies the secretariat may evaluate: past drafting."""
    return (
        Strategy.objects.exclude(status="drafting").select_related("city").order_by("city__name", "-created")
    )


# --------------------------------------------------------------------------------------------- instrument


@dataclass
class SectionRow:
    section: EvaluationSection
    progress: instrument.Progress


def sections_with_progress(evaluation: Evaluation) -> list[SectionRow]:
    """The sections in order with how many of their questions are answered (two queries)."""
    sections = list(
        evaluation.sections.annotate(
            total=Count("questions", distinct=True),
            answered=Count(
                "questions",
                # An answer with a value or words (a negation alone would count missing answers, NULL).
                filter=Q(questions__answer__isnull=False)
                & ~(Q(questions__answer__value="") & Q(questions__answer__text="")),
                distinct=True,
            ),
        ).order_by("order", "pk")
    )
    return [SectionRow(s, instrument.Progress(answered=s.answered, total=s.total)) for s in sections]


def overall_progress(rows: list[SectionRow]) -> instrument.Progress:
    return instrument.Progress(
        answered=sum(r.progress.answered for r in rows), total=sum(r.progress.total for r in rows)
    )


@dataclass
class QuestionView:
    question: EvaluationQuestion
    number: str
    answer: EvaluationAnswer | None
    files: list[EvaluationEvidence] = field(default_factory=list)
    error: str = ""
    conflict: bool = False
    saved: bool = False

    @property
    def dom_id(self) -> str:
        return f"q-{self.question.pk}"

    @property
    def revision(self) -> int:
        return self.answer.revision if self.answer else 0

    @property
    def value(self) -> str:
        return self.answer.value if self.answer else ""

    @property
    def text(self) -> str:
        return self.answer.text if self.answer else ""


def get_section(evaluation: Evaluation, section_pk: int) -> EvaluationSection:
    section = EvaluationSection.objects.filter(evaluation=evaluation, pk=section_pk).first()
    if section is None:
        raise Http404("No such section.")
    return section


def get_question(evaluation: Evaluation, question_pk: int) -> EvaluationQuestion:
    question = (
        EvaluationQuestion.objects.select_related("section")
        .filter(section__evaluation=evaluation, pk=question_pk)
        .first()
    )
    if question is None:
        raise Http404("No such question.")
    return question


def question_views(section: EvaluationSection) -> list[QuestionView]:
    """The section's questions, numbered "section.question", with answers and files (three queries)."""
    questions = list(
        section.questions.select_related("answer", "answer__saved_by", "action", "measure")
        .prefetch_related(Prefetch("evidence", queryset=EvaluationEvidence.objects.order_by("created", "pk")))
        .order_by("order", "pk")
    )
    return [
        QuestionView(
            question=q,
            number=f"{section.order + 1}.{i}",
            answer=getattr(q, "answer", None) if hasattr(q, "answer") else None,
            files=list(q.evidence.all()),
        )
        for i, q in enumerate(questions, start=1)
    ]


def question_view(question: EvaluationQuestion) -> QuestionView:
    for view in question_views(question.section):
        if view.question.pk == question.pk:
            return view
    raise Http404("No such question.")


def neighbours(section: EvaluationSection) -> tuple[EvaluationSection | None, EvaluationSection | None]:
    siblings = list(
        EvaluationSection.objects.filter(evaluation_id=section.evaluation_id).order_by("order", "pk")
    )
    index = [s.pk for s in siblings].index(section.pk)
    return (
        siblings[index - 1] if index > 0 else None,
        siblings[index + 1] if index + 1 < len(siblings) else None,
    )


# --------------------------------------------------------------------------------------------- report


def recommendations_of(report: EvaluationReport) -> list[Recommendation]:
    return list(report.recommendations.select_related("result", "action").order_by("order", "pk"))


def report_choices(evaluation: Evaluation) -> tuple[list[Any], list[Any]]:
    """The evaluated strategy's results and actions, for linking a recommendation."""
    from icc.strategies.models import Action, Result

    results = list(Result.objects.filter(strategy_id=evaluation.strategy_id).order_by("order", "pk"))
    actions = list(
        Action.objects.filter(indicator__result__strategy_id=evaluation.strategy_id).order_by("title", "pk")
    )
    return results, actions


def next_strategy_of(evaluation: Evaluation) -> Strategy | None:
    """The next version of the evaluated strategy: the one linked by the secretariat, else the city's strategy
    that says it replaces the evaluated one."""
    if evaluation.next_strategy_id:
        return evaluation.next_strategy
    return Strategy.objects.filter(previous_id=evaluation.strategy_id).order_by("created", "pk").first()


def evaluations_of_strategy(strategy: Strategy, *, public_only: bool = True) -> QuerySet[Evaluation]:
    """For the strategy page (a one-line include): the published evaluations of this strategy, and those that
    the secretariat linked to it as the next strategy or that evaluated the strategy it replaces."""
    found = Evaluation.objects.filter(
        Q(strategy=strategy) | Q(next_strategy=strategy) | Q(strategy_id=strategy.previous_id or 0)
    ).select_related("city", "report")
    return found.public() if public_only else found


def other_strategies(evaluation: Evaluation) -> QuerySet[Strategy]:
    return (
        Strategy.objects.filter(city_id=evaluation.city_id)
        .exclude(pk=evaluation.strategy_id)
        .order_by("-created")
    )


# --------------------------------------------------------------------------------------------- history


def evaluation_history(evaluation: Evaluation, limit: int = 300) -> list[HistoryEntry]:
    """Newest first: the evaluation's own changes, its questions added, changed or removed, the answers saved
    (who and when) and the report's and recommendations' changes."""
    entries = history_entries(evaluation, limit=limit)
    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    rows: list[tuple[Any, str]] = []
    question_ids = list(
        EvaluationQuestion.objects.filter(section__evaluation=evaluation).values_list("pk", flat=True)
    )
    for row in (
        EvaluationQuestion.history.filter(section_id__in=evaluation.sections.values("pk"))
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    ):
        rows.append((row, row.text))
    texts = dict(EvaluationQuestion.objects.filter(pk__in=question_ids).values_list("pk", "text"))
    for row in (
        EvaluationAnswer.history.filter(question_id__in=question_ids)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    ):
        rows.append((row, texts.get(row.question_id, "")))
    report = EvaluationReport.objects.filter(evaluation=evaluation).first()
    if report is not None:
        for row in report.history.select_related("history_user").order_by("-history_date")[:limit]:
            rows.append((row, _("Report")))
        for row in (
            Recommendation.history.filter(report_id=report.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        ):
            rows.append((row, row.text[:80]))
    for row, subject in rows:
        said = reason_display(row.history_change_reason)
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(row.history_user) if row.history_user else _("the system"),
                action=str(actions.get(row.history_type, row.history_type)),
                reason=f"{subject}: {said}" if said else subject,
            )
        )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


# --------------------------------------------------------------------------------------------- public


def public_evaluations(city_slug: str = "") -> QuerySet[Evaluation]:
    found = Evaluation.objects.public().select_related("city", "strategy", "report", "report__expert")
    if city_slug:
        found = found.filter(city__slug=city_slug)
    return found.order_by("-report__published_at", "-pk")


def get_public_evaluation(pk: int) -> Evaluation:
    evaluation = public_evaluations().filter(pk=pk).first()
    if evaluation is None:
        raise Http404("No such published evaluation.")
    return evaluation
