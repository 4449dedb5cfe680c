"""Reads for the secretariat's review: the whole response on one page, the history of an answer and the
status timeline of a response."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from icc.index.answers import NOT_APPLICABLE
from icc.index.models import (
    Answer,
    Comment,
    CommentThread,
    EvidenceFile,
    Response,
    ResponseStatus,
    ThreadStatus,
)
from icc.index.services.responses import unanswered_questions
from icc.index.structure import AreaInfo, QuestionInfo, Structure, structure_of


def answer_in_words(info: QuestionInfo, value: Any) -> str:
    """An answer as a reader says it: option labels rather than ids, numbers in the reader's format."""
    if value is None or value == "":
        return _("Not answered")
    if value == NOT_APPLICABLE:
        return _("Not applicable")
    kind = info.type
    if kind in ("single_choice", "yes_no"):
        return info.option_label(str(value))
    if kind == "multiple_choice":
        values = value if isinstance(value, list) else [value]
        if not values:
            return _("None of these")
        return "; ".join(info.option_label(str(v)) for v in values)
    if kind in ("number", "percentage"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value)
        shown = number_format(int(number) if number.is_integer() else number, force_grouping=True)
        return f"{shown} %" if kind == "percentage" else shown
    return str(value)


# The review page ------------------------------------------------------------------------------------


@dataclass
class QuestionReview:
    info: QuestionInfo
    text: str
    shown: bool
    answered: bool
    answer: Answer | None
    words: str
    threads: list[CommentThread] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def files(self) -> list[EvidenceFile]:
        return list(self.answer.files.all()) if self.answer else []


@dataclass
class AreaReview:
    info: AreaInfo
    title: str
    questions: list[QuestionReview]
    answered: int
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.answered / self.total if self.total else 100.0


@dataclass
class ReviewPage:
    response: Response
    structure: Structure
    areas: list[AreaReview]
    unanswered: list[tuple[AreaReview, QuestionReview]]
    thread_counts: dict[str, int]

    @property
    def answered(self) -> int:
        return sum(area.answered for area in self.areas)

    @property
    def total(self) -> int:
        return sum(area.total for area in self.areas)

    @property
    def percent(self) -> float:
        return 100 * self.answered / self.total if self.total else 100.0

    @property
    def threads_waiting(self) -> int:
        """Threads not yet resolved: worth a look before validating."""
        return self.thread_counts.get(ThreadStatus.OPEN, 0) + self.thread_counts.get(ThreadStatus.ANSWERED, 0)


def response_threads(response: Response) -> dict[str, list[CommentThread]]:
    """Every comment thread of a response with its comments and authors, by question id (two queries).
    The city's data-entry page shows the same threads under each question."""
    threads = (
        CommentThread.objects.filter(response=response)
        .select_related("opened_by")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author").order_by("created", "pk"))
        )
        .order_by("created", "pk")
    )
    by_question: dict[str, list[CommentThread]] = {}
    for thread in threads:
        by_question.setdefault(thread.question, []).append(thread)
    return by_question


def review_page(response: Response) -> ReviewPage:
    """Everything the review page shows, in a fixed handful of queries whatever the number of questions."""
    response = Response.objects.select_related(
        "round__questionnaire", "city", "submitted_by", "validated_by"
    ).get(pk=response.pk)
    structure = structure_of(response.round.questionnaire)
    answers = {
        answer.question: answer
        for answer in response.answers.select_related("updated_by").prefetch_related(
            Prefetch("files", queryset=EvidenceFile.objects.select_related("uploaded_by"))
        )
    }
    values = {question: answer.value for question, answer in answers.items()}
    missing = set(unanswered_questions(response))
    threads = response_threads(response)

    areas: list[AreaReview] = []
    unanswered: list[tuple[AreaReview, QuestionReview]] = []
    for area_info in structure.areas:
        questions = []
        for info in area_info.questions:
            answer = answers.get(info.id)
            shown = structure.is_shown(info, values)
            questions.append(
                QuestionReview(
                    info=info,
                    text=info.text(),
                    shown=shown,
                    answered=shown and info.id not in missing,
                    answer=answer,
                    words=answer_in_words(info, answer.value if answer else None),
                    threads=threads.get(info.id, []),
                )
            )
        shown_questions = [q for q in questions if q.shown]
        area = AreaReview(
            info=area_info,
            title=area_info.title(),
            questions=questions,
            answered=sum(1 for q in shown_questions if q.answered),
            total=len(shown_questions),
        )
        areas.append(area)
        unanswered.extend((area, q) for q in shown_questions if not q.answered)

    counts: dict[str, int] = {}
    for question_threads in threads.values():
        for thread in question_threads:
            counts[thread.status] = counts.get(thread.status, 0) + 1
    return ReviewPage(
        response=response, structure=structure, areas=areas, unanswered=unanswered, thread_counts=counts
    )


# History of one answer ------------------------------------------------------------------------------


@dataclass
class AnswerVersion:
    when: datetime.datetime
    who: str
    revision: int
    deleted: bool
    value_before: str
    value_after: str
    value_changed: bool
    explanation_before: str
    explanation_after: str
    explanation_changed: bool
    links_added: list[str]
    links_removed: list[str]


@dataclass
class AnswerHistory:
    response: Response
    question: QuestionInfo
    area: AreaInfo
    versions: list[AnswerVersion]  # newest first


def answer_history(response: Response, question_id: str) -> AnswerHistory:
    """Every saved version of one answer: who, when, and what changed (before -> after, in words).

    Raises KeyError if the question is not part of the response's questionnaire."""
    structure = structure_of(response.round.questionnaire)
    info = structure.question(question_id)
    records = (
        Answer.history.filter(response_id=response.pk, question=question_id)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    versions: list[AnswerVersion] = []
    value: Any = None
    explanation = ""
    links: list[str] = []
    for record in records:
        deleted = record.history_type == "-"
        new_value = None if deleted else record.value
        new_explanation = "" if deleted else (record.explanation or "")
        new_links = [] if deleted else list(record.links or [])
        value_changed = new_value != value
        explanation_changed = new_explanation != explanation
        added = [link for link in new_links if link not in links]
        removed = [link for link in links if link not in new_links]
        # The empty row created just before the first save is not a version anyone wrote.
        if value_changed or explanation_changed or added or removed or deleted:
            versions.append(
                AnswerVersion(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else _("the system"),
                    revision=record.revision,
                    deleted=deleted,
                    value_before=answer_in_words(info, value),
                    value_after=answer_in_words(info, new_value),
                    value_changed=value_changed,
                    explanation_before=explanation,
                    explanation_after=new_explanation,
                    explanation_changed=explanation_changed,
                    links_added=added,
                    links_removed=removed,
                )
            )
        value, explanation, links = new_value, new_explanation, new_links
    versions.reverse()
    return AnswerHistory(
        response=response, question=info, area=structure.area_of(question_id), versions=versions
    )


# Status timeline of a response ----------------------------------------------------------------------


@dataclass
class StatusEvent:
    when: datetime.datetime
    who: str
    status: str
    title: str
    note: str = ""
    note_label: str = ""


def _title(status: str, previous: str | None) -> str:
    if previous is None:
        return _("Invited to the round")
    if status == ResponseStatus.RETURNED and previous == ResponseStatus.VALIDATED:
        return _("Reopened after validation")
    titles: dict[str, str] = {
        ResponseStatus.NOT_STARTED: pgettext("questionnaire status", "Not started"),
        ResponseStatus.IN_PROGRESS: _("Work started"),
        ResponseStatus.SUBMITTED: _("Submitted to the secretariat"),
        ResponseStatus.RETURNED: _("Returned for revision"),
        ResponseStatus.VALIDATED: _("Validated: the answers are locked"),
    }
    return str(titles.get(status, status))


def response_timeline(response: Response) -> list[StatusEvent]:
    """Status changes with their reasons (return notes, reopening reasons) and deadline changes, newest
    first."""
    records = response.history.select_related("history_user").order_by("history_date", "history_id")
    events: list[StatusEvent] = []
    previous = None
    for record in records:
        who = str(record.history_user) if record.history_user else _("the system")
        if previous is None or record.status != previous.status:
            event = StatusEvent(
                when=record.history_date,
                who=who,
                status=record.status,
                title=_title(record.status, previous.status if previous is not None else None),
            )
            if previous is not None and record.status == ResponseStatus.RETURNED:
                event.note = record.review_note
                event.note_label = (
                    _("Reason for reopening")
                    if previous.status == ResponseStatus.VALIDATED
                    else _("Note to the city")
                )
            events.append(event)
        elif record.deadline != previous.deadline:
            events.append(
                StatusEvent(
                    when=record.history_date,
                    who=who,
                    status=record.status,
                    title=_("Deadline changed from %(old)s to %(new)s")
                    % {
                        "old": date_format(previous.deadline, "DATE_FORMAT"),
                        "new": date_format(record.deadline, "DATE_FORMAT"),
                    },
                )
            )
        previous = record
    events.reverse()
    return events
