"""Reads for the city's data entry: lists of responses, a response's overview, one section's questions.

Progress counts the questions that apply (display conditions met) and those of them that are answered,
the same rule as `unanswered_questions`: an empty selection of a multiple-choice question is an answer.
Every page reads a fixed number of queries, however many answers, files and comments there are.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from icc.accounts.models import CITY_ROLES, Role, RoleKind, User
from icc.accounts.selectors import user_roles_summary
from icc.index.answers import NOT_APPLICABLE
from icc.index.models import (
    Answer,
    Comment,
    CommentThread,
    EvidenceFile,
    Response,
    RoundStatus,
    SectionAssignment,
    ThreadStatus,
)
from icc.index.services.responses import Conflict
from icc.index.structure import AreaInfo, QuestionInfo, Structure, structure_of

NONE_OF_THESE = "__none__"  # the input that says "none of these" for a multiple-choice question
CHOICE_TYPES = ("single_choice", "yes_no", "multiple_choice")


@dataclass(frozen=True)
class Progress:
    answered: int = 0
    applicable: int = 0

    @property
    def percent(self) -> int:
        if not self.applicable:
            return 100
        return round(100 * self.answered / self.applicable)

    @property
    def complete(self) -> bool:
        return self.answered >= self.applicable

    def __add__(self, other: "Progress") -> "Progress":
        return Progress(self.answered + other.answered, self.applicable + other.applicable)


def is_blank(kind: str, value: Any) -> bool:
    return value is None if kind == "multiple_choice" else value in (None, "")


def progress_by_area(structure: Structure, answers: dict[str, Any]) -> dict[str, Progress]:
    result = {}
    for area in structure.areas:
        shown = [q for q in area.questions if structure.is_shown(q, answers)]
        answered = sum(1 for q in shown if not is_blank(q.type, answers.get(q.id)))
        result[area.id] = Progress(answered, len(shown))
    return result


def total(progress: dict[str, Progress]) -> Progress:
    return sum(progress.values(), Progress())


def is_overdue(response: Response, today: datetime.date | None = None) -> bool:
    return response.is_editable and response.deadline < (today or timezone.localdate())


def display_value(info: QuestionInfo, value: Any) -> str:
    """An answer as a reader sees it: option labels, a formatted number, or "No answer"."""
    if is_blank(info.type, value):
        return _("No answer")
    if value == NOT_APPLICABLE:
        return _("Not applicable")
    if info.type == "multiple_choice":
        if not value:
            return _("None of these")
        return "; ".join(info.option_label(str(v)) for v in value)
    if info.type in ("single_choice", "yes_no"):
        return info.option_label(str(value))
    if info.type == "year":
        return str(value)
    if isinstance(value, int | float):
        text = number_format(value, decimal_pos=None, force_grouping=True)
        return f"{text} %" if info.type == "percentage" else text
    return str(value)


def saved_line(answer: Answer, *, short: bool = False) -> str:
    """“Saved at 14:32 by Carol Petit” (today) or “Saved on 3 March 2026 at 14:32 by …” (another day)."""
    when = timezone.localtime(answer.updated)
    args = {
        "time": date_format(when, "H:i"),
        "date": date_format(when, "DATE_FORMAT"),
        "name": answer.updated_by,
    }
    today = when.date() == timezone.localdate()
    if answer.updated_by is None:
        return _("Saved at %(time)s") % args if today or short else _("Saved on %(date)s at %(time)s") % args
    if today or short:
        return _("Saved at %(time)s by %(name)s") % args
    return _("Saved on %(date)s at %(time)s by %(name)s") % args


# --------------------------------------------------------------------------------------------------
# My responses


@dataclass
class ResponseRow:
    response: Response
    progress: Progress
    overdue: bool
    my_sections: list[str] = field(default_factory=list)
    coordinates: bool = False


@dataclass
class MyResponses:
    rows: list[ResponseRow]
    others: list[ResponseRow]  # an expert's reading list: responses of open rounds
    manages_rounds: bool


def _rows(user: Any, responses: list[Response]) -> list[ResponseRow]:
    if not responses:
        return []
    summary = user_roles_summary(user)
    answers: dict[int, dict[str, Any]] = defaultdict(dict)
    for response_id, question, value in Answer.objects.filter(response__in=responses).values_list(
        "response_id", "question", "value"
    ):
        answers[response_id][question] = value
    assigned: dict[int, set[str]] = defaultdict(set)
    for response_id, area in SectionAssignment.objects.filter(response__in=responses, user=user).values_list(
        "response_id", "area"
    ):
        assigned[response_id].add(area)
    today = timezone.localdate()
    rows = []
    for response in responses:
        structure = structure_of(response.round.questionnaire)
        progress = total(progress_by_area(structure, answers[response.pk]))
        rows.append(
            ResponseRow(
                response=response,
                progress=progress,
                overdue=is_overdue(response, today),
                my_sections=[a.title() for a in structure.areas if a.id in assigned[response.pk]],
                coordinates=response.city_id in summary.coordinated_city_ids,
            )
        )
    return rows


def my_responses(user: Any, *, include_others: bool = True) -> MyResponses:
    """The responses of the cities the person works for, newest round first; experts also get the
    responses of the open rounds to read."""
    summary = user_roles_summary(user)
    base = Response.objects.select_related("round__questionnaire", "city").exclude(
        round__status=RoundStatus.DRAFT
    )
    mine = list(base.filter(city_id__in=summary.city_ids).order_by("-round__opens_on", "city__name"))
    others: list[Response] = []
    if include_others and summary.expert and not summary.secretariat:
        others = list(
            base.filter(round__status=RoundStatus.OPEN)
            .exclude(city_id__in=summary.city_ids)
            .order_by("-round__opens_on", "city__name")
        )
    rows = _rows(user, mine + others)
    return MyResponses(
        rows=rows[: len(mine)],
        others=rows[len(mine) :],
        manages_rounds=bool(user.has_perm("index.manage_rounds")),
    )


# --------------------------------------------------------------------------------------------------
# One response


@dataclass
class SectionRow:
    area: AreaInfo
    number: int
    title: str
    progress: Progress
    assignments: list[SectionAssignment]
    open_threads: int
    can_answer: bool


@dataclass
class ResponseOverview:
    response: Response
    sections: list[SectionRow]
    progress: Progress
    overdue: bool
    coordinates: bool
    can_submit: bool
    people: list[User]
    open_threads: int
    can_review: bool
    can_see_history: bool


def _answerable_areas(user: Any, response: Response, assigned_areas: set[str]) -> set[str] | None:
    """The sections the person may answer: None means all of them (the coordinator)."""
    if not response.is_editable:
        return set()
    summary = user_roles_summary(user)
    if response.city_id in summary.coordinated_city_ids:
        return None
    if response.city_id in summary.contributed_city_ids:
        return assigned_areas
    return set()


def city_people(response: Response) -> list[User]:
    """Who may be asked to answer a section: the city's coordinators and contributors."""
    people: dict[int, User] = {}
    for role in (
        Role.objects.filter(city_id=response.city_id, kind__in=list(CITY_ROLES), user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    ):
        people.setdefault(role.user_id, role.user)
    return list(people.values())


@dataclass
class TeamMember:
    user: User
    kind_label: str
    contributor_role: Role | None  # the role the coordinator may take away (contributors only)
    answered: list[tuple[str, int]]  # ("1. Section", questions this person saved), from the answers' history


@dataclass
class ResponseTeam:
    members: list[TeamMember]
    invitations: list[Any]


def response_team(user: Any, response: Response) -> ResponseTeam | None:
    """The city's team as its coordinator (or the secretariat) sees it on the response page: who is in it,
    which questions each person saved, per section (read from the answers' history, so a colleague removed
    from the team still shows what they answered until they leave the list), and the open invitations.
    None for everyone else."""
    from icc.accounts.selectors import city_open_invitations

    if not user.has_perm("accounts.manage_city_team", response.city):
        return None
    structure = structure_of(response.round.questionnaire)
    number_of = {area.id: number for number, area in enumerate(structure.areas, start=1)}
    area_of = {q.id: area for area in structure.areas for q in area.questions}
    saved: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for user_id, question in (
        Answer.history.filter(response_id=response.pk, history_user__isnull=False)
        .values_list("history_user_id", "question")
        .distinct()
    ):
        if question in area_of:
            saved[user_id][area_of[question].id].add(question)
    members: dict[int, TeamMember] = {}
    for role in (
        Role.objects.filter(city_id=response.city_id, kind__in=list(CITY_ROLES), user__is_active=True)
        .select_related("user")
        .order_by("-kind", "user__full_name")  # city_coordinator before city_contributor
    ):
        if role.user_id in members:  # coordinator and contributor: the coordinator role says it all
            continue
        by_area = saved.get(role.user_id, {})
        members[role.user_id] = TeamMember(
            user=role.user,
            kind_label=str(role.get_kind_display()),
            contributor_role=role if role.kind == RoleKind.CITY_CONTRIBUTOR else None,
            answered=[
                (f"{number_of[area.id]}. {area.title()}", len(by_area[area.id]))
                for area in structure.areas
                if by_area.get(area.id)
            ],
        )
    return ResponseTeam(
        members=sorted(members.values(), key=lambda m: (m.user.full_name or m.user.email).casefold()),
        invitations=list(city_open_invitations(response.city)),
    )


def response_overview(user: Any, response: Response) -> ResponseOverview:
    structure = structure_of(response.round.questionnaire)
    answers = dict(response.answers.values_list("question", "value"))
    progress = progress_by_area(structure, answers)
    assignments: dict[str, list[SectionAssignment]] = defaultdict(list)
    # A colleague removed from the city's team (their role revoked) is no longer shown as answering a section.
    in_team = Role.objects.filter(
        user_id=OuterRef("user_id"), city_id=response.city_id, kind__in=list(CITY_ROLES)
    )
    for assignment in (
        response.assignments.filter(Exists(in_team)).select_related("user").order_by("user__full_name")
    ):
        assignments[assignment.area].append(assignment)
    mine = {area for area, items in assignments.items() if any(a.user_id == user.pk for a in items)}
    answerable = _answerable_areas(user, response, mine)
    area_of = {q.id: area.id for area in structure.areas for q in area.questions}
    threads: dict[str, int] = defaultdict(int)
    for question in response.threads.filter(status=ThreadStatus.OPEN).values_list("question", flat=True):
        threads[area_of.get(question, "")] += 1
    sections = [
        SectionRow(
            area=area,
            number=number,
            title=area.title(),
            progress=progress[area.id],
            assignments=assignments[area.id],
            open_threads=threads[area.id],
            can_answer=answerable is None or area.id in answerable,
        )
        for number, area in enumerate(structure.areas, start=1)
    ]
    coordinates = bool(user.has_perm("index.coordinate_response", response))
    return ResponseOverview(
        response=response,
        sections=sections,
        progress=total(progress),
        overdue=is_overdue(response),
        coordinates=coordinates,
        can_submit=coordinates and response.is_editable,
        people=city_people(response) if coordinates and response.is_editable else [],
        open_threads=sum(threads.values()),
        can_review=bool(user.has_perm("index.review_response", response)),
        can_see_history=bool(user.has_perm("index.view_response_history", response)),
    )


@dataclass
class UnansweredSection:
    area: AreaInfo
    title: str
    questions: list[tuple[str, QuestionInfo, str]]  # (number, question, id of its block on the page)


def unanswered_by_section(response: Response) -> tuple[list[UnansweredSection], Progress]:
    """What the review-and-confirm page lists before submission."""
    structure = structure_of(response.round.questionnaire)
    answers = dict(response.answers.values_list("question", "value"))
    sections = []
    for a_number, area in enumerate(structure.areas, start=1):
        missing = [
            (f"{a_number}.{q_number}", q, dom_id(q.id))
            for q_number, q in enumerate(area.questions, start=1)
            if structure.is_shown(q, answers) and is_blank(q.type, answers.get(q.id))
        ]
        if missing:
            sections.append(UnansweredSection(area=area, title=area.title(), questions=missing))
    return sections, total(progress_by_area(structure, answers))


# --------------------------------------------------------------------------------------------------
# One section


def dom_id(question_id: str) -> str:
    return "q-" + re.sub(r"[^A-Za-z0-9_-]+", "-", question_id)


@dataclass
class QuestionView:
    """One question of a section page, with what its form shows (the stored answer, or what was just
    posted when it could not be saved)."""

    info: QuestionInfo
    number: str
    answer: Answer | None
    files: list[EvidenceFile]
    threads: list[CommentThread]
    has_dependents: bool
    selected: list[str] = field(default_factory=list)
    text_value: str = ""
    is_na: bool = False
    explanation: str = ""
    links_text: str = ""
    error: str = ""
    file_error: str = ""
    notice: str = ""
    conflict: Conflict | None = None
    mine: dict[str, Any] = field(default_factory=dict)  # the posted version, to re-post on "keep mine"

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def dom_id(self) -> str:
        return dom_id(self.info.id)

    @property
    def revision(self) -> int:
        return self.answer.revision if self.answer else 0

    @property
    def saved(self) -> bool:
        return self.answer is not None and self.answer.revision > 0

    @property
    def saved_line(self) -> str:
        return saved_line(self.answer) if self.saved and self.answer else ""

    @property
    def theirs_line(self) -> str:
        return saved_line(self.conflict.theirs, short=True) if self.conflict else ""

    @property
    def display(self) -> str:
        return display_value(self.info, self.answer.value if self.answer else None)

    @property
    def answered(self) -> bool:
        return self.answer is not None and not is_blank(self.info.type, self.answer.value)

    @property
    def options(self) -> list[tuple[str, str, float]]:
        return self.info.options()

    @property
    def theirs_display(self) -> str:
        return display_value(self.info, self.conflict.theirs.value) if self.conflict else ""

    @property
    def mine_display(self) -> str:
        return display_value(self.info, self.conflict.mine_value) if self.conflict else ""

    def fill_from_answer(self) -> "QuestionView":
        answer = self.answer
        value = answer.value if answer else None
        self.is_na = value == NOT_APPLICABLE
        if self.info.type == "multiple_choice":
            self.selected = [str(v) for v in value] if isinstance(value, list) else []
            if value == []:
                self.selected = [NONE_OF_THESE]
        elif value is not None and self.info.type in ("single_choice", "yes_no"):
            self.selected = [str(value)]
        if self.is_na:
            self.selected = [NOT_APPLICABLE]
        elif value is not None and self.info.type not in ("single_choice", "yes_no", "multiple_choice"):
            self.text_value = str(value)
        self.explanation = answer.explanation if answer else ""
        self.links_text = "\n".join(answer.links) if answer and answer.links else ""
        return self


@dataclass
class SectionPage:
    response: Response
    area: AreaInfo
    number: int
    title: str
    questions: list[QuestionView]
    hidden_count: int
    progress: Progress
    can_answer: bool
    assignments: list[SectionAssignment]
    previous: AreaInfo | None
    next: AreaInfo | None
    works_for_city: bool


def dependency_ids(structure: Structure) -> set[str]:
    """Questions whose answer decides whether another question is shown."""
    return {str(q.show_if.get("question")) for q in structure.all_questions() if q.show_if}


def _threads_for(response: Response, question_ids: list[str]) -> dict[str, list[CommentThread]]:
    threads: dict[str, list[CommentThread]] = defaultdict(list)
    for thread in (
        CommentThread.objects.filter(response=response, question__in=question_ids)
        .select_related("opened_by")
        .prefetch_related(Prefetch("comments", queryset=Comment.objects.select_related("author")))
    ):
        threads[thread.question].append(thread)
    return threads


def _files_for(response: Response, question_ids: list[str]) -> dict[str, list[EvidenceFile]]:
    files: dict[str, list[EvidenceFile]] = defaultdict(list)
    for evidence in EvidenceFile.objects.filter(
        answer__response=response, answer__question__in=question_ids
    ).select_related("answer", "uploaded_by"):
        files[evidence.answer.question].append(evidence)
    return files


def section_page(user: Any, response: Response, area_id: str) -> SectionPage:
    """Raises KeyError when the questionnaire has no such section."""
    structure = structure_of(response.round.questionnaire)
    area = structure.area(area_id)
    answers = {a.question: a for a in response.answers.select_related("updated_by")}
    values = {question: a.value for question, a in answers.items()}
    question_ids = [q.id for q in area.questions]
    files = _files_for(response, question_ids)
    threads = _threads_for(response, question_ids)
    assignments = list(response.assignments.filter(area=area.id).select_related("user"))
    answerable = _answerable_areas(
        user, response, {area.id} if any(a.user_id == user.pk for a in assignments) else set()
    )
    dependencies = dependency_ids(structure)
    number = structure.areas.index(area) + 1
    questions = []
    hidden = 0
    for q_number, info in enumerate(area.questions, start=1):
        if not structure.is_shown(info, values):
            hidden += 1
            continue
        questions.append(
            QuestionView(
                info=info,
                number=f"{number}.{q_number}",
                answer=answers.get(info.id),
                files=files[info.id],
                threads=threads[info.id],
                has_dependents=info.id in dependencies,
            ).fill_from_answer()
        )
    position = structure.areas.index(area)
    return SectionPage(
        response=response,
        area=area,
        number=number,
        title=area.title(),
        questions=questions,
        hidden_count=hidden,
        progress=progress_by_area(structure, values)[area.id],
        can_answer=answerable is None or area.id in answerable,
        assignments=assignments,
        previous=structure.areas[position - 1] if position > 0 else None,
        next=structure.areas[position + 1] if position + 1 < len(structure.areas) else None,
        works_for_city=response.city_id in user_roles_summary(user).city_ids,
    )


def question_view(
    response: Response, question_id: str, *, answer: Answer | None = None, with_files: bool = True
) -> QuestionView:
    """One question's block as stored now (after a save, an upload or a removal); `answer`: the answer as
    the save just stored it, rather than read again. `with_files=False` leaves out the evidence files and
    the comment threads, for an autosave's status line."""
    structure = structure_of(response.round.questionnaire)
    info = structure.question(question_id)
    area = structure.area_of(question_id)
    if answer is None:
        answer = (
            Answer.objects.filter(response=response, question=question_id)
            .select_related("updated_by")
            .first()
        )
    number = f"{structure.areas.index(area) + 1}.{[q.id for q in area.questions].index(question_id) + 1}"
    return QuestionView(
        info=info,
        number=number,
        answer=answer,
        files=_files_for(response, [question_id])[question_id] if with_files else [],
        threads=_threads_for(response, [question_id])[question_id] if with_files else [],
        has_dependents=question_id in dependency_ids(structure),
    ).fill_from_answer()


def section_progress(response: Response, area_id: str) -> Progress:
    structure = structure_of(response.round.questionnaire)
    values = dict(response.answers.values_list("question", "value"))
    return progress_by_area(structure, values)[area_id]


def stored_value(response: Response, question_id: str) -> Any:
    return (
        Answer.objects.filter(response=response, question=question_id).values_list("value", flat=True).first()
    )
