"""Writes to a city's Index response: answers and evidence, sections, and the review workflow."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import CITY_ROLES, Role, RoleKind, User
from icc.core.history import reason as history_reason
from icc.core.history import record_change
from icc.core.text import text_problem
from icc.core.uploads import validate_upload
from icc.index.answers import AnswerError, clean_answer, clean_links
from icc.index.models import (
    RESPONSE_WORKFLOW,
    Answer,
    EvidenceFile,
    Response,
    ResponseStatus,
    Round,
    SectionAssignment,
)
from icc.index.rules import can_answer_area
from icc.index.structure import structure_of
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify

MAX_FILES_PER_ANSWER = 10
# answer_save(value=...) left out: keep the stored value (None would mean "unanswered").
KEEP_VALUE: Any = object()


@dataclass
class Conflict:
    """Someone saved this answer after the version the person was editing: nothing was overwritten."""

    theirs: Answer
    mine_value: Any
    mine_explanation: str | None


@dataclass
class SaveResult:
    answer: Answer
    conflict: Conflict | None = None
    status: str = ""  # the response's status after the save (it moves to "in progress" with its first answer)


def _locked(response: Response, *, row_only: bool = False) -> Response:
    """The response, locked until the transaction ends. `row_only`: its row alone, not those of its round,
    questionnaire and city that PostgreSQL would lock with it: the people answering a round all save at
    once, and each save would otherwise wait for the one before, whatever the city."""
    return (
        Response.objects.select_for_update(of=("self",) if row_only else ())
        .select_related("round__questionnaire", "city")
        # The document is only needed to parse a version not yet cached (structure_of).
        .defer("round__questionnaire__document")
        .get(pk=response.pk)
    )


def _locked_for_answer(response: Response) -> Response:
    """The response with its status read afresh under the lock of its row. Every save of an answer takes it:
    the round, questionnaire and city already read (by the access check) are kept rather than read again
    with it, which costs several times the lock itself."""
    if not Response.round.is_cached(response) or not Round.questionnaire.is_cached(response.round):
        return _locked(response, row_only=True)
    response.status = (
        Response.objects.select_for_update().filter(pk=response.pk).values_list("status", flat=True).get()
    )
    return response


class ResponseLocked(ValidationError):
    """The response is with the secretariat (submitted) or final (validated): its answers cannot change.
    The message says what the person can do, given their role."""

    def __init__(self, response: Response, by: User | None) -> None:
        super().__init__(locked_message(response, by), code="locked")
        self.status = response.status


def locked_message(response: Response, user: User | None) -> str:
    from icc.index.rules import works_for_response_city

    validated = response.status == ResponseStatus.VALIDATED
    if user is not None and user.has_perm("index.review_response", response):
        if validated:
            return _(
                "This response is validated: its answers are final. Reopen it, giving the reason, "
                "if the city must change an answer."
            )
        return _(
            "This response is with the secretariat for review: its answers are the city's and no longer "
            "change. Return it to the city for revision if an answer must change."
        )
    if user is not None and works_for_response_city(user, response):
        if validated:
            return _(
                "This response was validated: its answers are final. If an answer must change, "
                "ask the secretariat to reopen the response."
            )
        return _(
            "This response was submitted: it is with the secretariat for review and can no longer be "
            "changed. If an answer must change, ask the secretariat to return it to you."
        )
    return _("This response is %(status)s: its answers can no longer be changed.") % {
        "status": response.get_status_display().lower()
    }


def _check_editable(response: Response, by: User | None) -> None:
    if not response.is_editable:
        raise ResponseLocked(response, by)


@transaction.atomic
def answer_save(
    *,
    response: Response,
    question: str,
    by: User | None,
    value: Any = KEEP_VALUE,
    explanation: str | None = None,
    links: Any = None,
    base_revision: int | None = None,
    check_access: bool = True,
    reason: str = "",
) -> SaveResult:
    """Save one answer. `base_revision` is the revision the person started from: if someone saved since,
    nothing is written and the conflict is returned so that both versions can be shown. `reason` is the
    history reason to store (icc.core.history.reason), e.g. that the answer came through the API."""
    response = _locked_for_answer(response)
    _check_editable(response, by)
    structure = structure_of(response.round.questionnaire)
    if not structure.has_question(question):
        raise ValidationError(
            {"question": _("“%(id)s” is not a question of this questionnaire.") % {"id": question}}
        )
    info = structure.question(question)
    area = structure.area_of(question).id
    if check_access and by is not None and not can_answer_area(by, response, area):
        raise PermissionDenied(_("You may not answer this section."))
    keep_value = value is KEEP_VALUE
    try:
        cleaned = None if keep_value else clean_answer(info.question, value)
    except AnswerError as exc:
        raise ValidationError({"value": str(exc)}) from exc
    try:
        cleaned_links = clean_links(links) if links is not None else None
    except AnswerError as exc:
        raise ValidationError({"links": str(exc)}) from exc
    if explanation is not None and len(explanation) > 20_000:
        raise ValidationError({"explanation": _("The explanation is too long: at most 20,000 characters.")})
    if explanation is not None and (problem := text_problem(explanation)):
        raise ValidationError({"explanation": problem})

    # Built in memory first so that a new answer's history starts with its first real value.
    answer = Answer.objects.select_for_update().filter(
        response=response, question=question
    ).first() or Answer(response=response, question=question)
    if base_revision is not None and base_revision != answer.revision:
        mine = answer.value if keep_value else cleaned
        return SaveResult(
            answer=answer,
            conflict=Conflict(theirs=answer, mine_value=mine, mine_explanation=explanation),
            status=response.status,
        )
    changed = False
    if not keep_value and cleaned != answer.value:
        answer.value = cleaned
        changed = True
    if explanation is not None and explanation.strip() != answer.explanation:
        answer.explanation = explanation.strip()
        changed = True
    if cleaned_links is not None and cleaned_links != answer.links:
        answer.links = cleaned_links
        changed = True
    if changed or answer.pk is None:
        answer.revision += 1
        answer.updated_by = by
        record_change(answer, by=by, reason=reason)
        answer.save()
    if response.status == ResponseStatus.NOT_STARTED and changed:
        started = _locked(response, row_only=True)  # its history row records the response as it is now
        started.status = ResponseStatus.IN_PROGRESS
        record_change(started, by=by)
        started.save(update_fields=["status", "updated"])
        response.status = started.status
    return SaveResult(answer=answer, status=response.status)


@transaction.atomic
def evidence_add(*, response: Response, question: str, file: UploadedFile, by: User | None) -> EvidenceFile:
    result = answer_save(response=response, question=question, by=by)
    answer = result.answer
    if answer.files.count() >= MAX_FILES_PER_ANSWER:
        raise ValidationError(
            {"file": _("At most %(n)s files per answer; remove one first.") % {"n": MAX_FILES_PER_ANSWER}}
        )
    name = validate_upload(file)
    evidence = EvidenceFile(answer=answer, name=name, size=file.size or 0, uploaded_by=by)
    evidence.file.save(name, file, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: EvidenceFile, by: User | None) -> None:
    response = evidence.answer.response
    _check_editable(response, by)
    structure = structure_of(response.round.questionnaire)
    if by is not None and not can_answer_area(by, response, structure.area_of(evidence.answer.question).id):
        raise PermissionDenied
    stored = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def section_assign(*, response: Response, area: str, user: User, by: User | None) -> SectionAssignment:
    structure = structure_of(response.round.questionnaire)
    try:
        structure.area(area)
    except KeyError:
        raise ValidationError(
            {"area": _("“%(id)s” is not a section of this questionnaire.") % {"id": area}}
        ) from None
    if not Role.objects.filter(user=user, city=response.city, kind__in=list(CITY_ROLES)).exists():
        raise ValidationError(
            {
                "user": _("%(name)s holds no role for %(city)s; invite them as a contributor first.")
                % {"name": user, "city": response.city}
            }
        )
    assignment, created = SectionAssignment.objects.get_or_create(
        response=response, area=area, user=user, defaults={"assigned_by": by}
    )
    if created and user != by:
        section = structure.area(area)
        notify(
            recipients=[user],
            kind=NotificationKind.SECTION_ASSIGNED,
            obj=assignment,
            context={"what": response, "section": lambda: section.title()},
            link=reverse("index:response_section", args=[response.pk, area]),
        )
    return assignment


@transaction.atomic
def section_unassign(*, assignment: SectionAssignment, by: User | None) -> None:
    assignment.delete()


def _transition(response: Response, target: str, by: User | None, reason: str) -> Response:
    RESPONSE_WORKFLOW.check(response.status, target)
    response.status = target
    record_change(response, by=by, reason=reason)
    return response


def unanswered_questions(response: Response) -> list[str]:
    """The ids of the questions that apply (display conditions) and have no answer yet, in order.

    An empty selection of a multiple-choice question is an answer ("none of these")."""
    structure = structure_of(response.round.questionnaire)
    answers = dict(response.answers.values_list("question", "value"))

    def blank(question_id: str, kind: str) -> bool:
        value = answers.get(question_id)
        return value is None if kind == "multiple_choice" else value in (None, "")

    return [q.id for q in structure.all_questions() if structure.is_shown(q, answers) and blank(q.id, q.type)]


@transaction.atomic
def response_submit(*, response: Response, by: User | None) -> Response:
    """The coordinator hands the response to the secretariat; it becomes read-only for the city."""
    response = _locked(response)
    if response.status == ResponseStatus.SUBMITTED:
        raise ValidationError(_("This response was already submitted."))
    resubmitted = response.status == ResponseStatus.RETURNED
    _transition(response, ResponseStatus.SUBMITTED, by, history_reason("index.response_submitted"))
    response.submitted_at = timezone.now()
    response.submitted_by = by
    response.save()
    _advance_accession(response, by)
    notify(
        recipients=User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct(),
        kind=NotificationKind.RESPONSE_SUBMITTED,
        obj=response,
        context={"resubmitted": resubmitted},
        link=reverse("index:response_review", args=[response.pk]),
    )
    return response


def _advance_accession(response: Response, by: User | None) -> None:
    """A candidate's first submitted questionnaire is its accession step "Index questionnaire submitted"."""
    from icc.network.models import AccessionStepKind, CityStatus
    from icc.network.selectors.access import city_accession_state
    from icc.network.services.accession import accession_record_step

    city = response.city
    if (
        city.status != CityStatus.CANDIDATE
        or city_accession_state(city) != AccessionStepKind.APPLICATION_RECEIVED
    ):
        return
    accession_record_step(
        city=city,
        step=AccessionStepKind.INDEX_SUBMITTED,
        date=timezone.localdate(),
        by=by,
        note=_("Submitted through the platform: %(round)s.") % {"round": response.round},
    )


@transaction.atomic
def response_return(*, response: Response, by: User | None, note: str) -> Response:
    response = _locked(response)
    if response.status == ResponseStatus.VALIDATED:
        raise ValidationError(
            _("A validated response is reopened, not returned; give the reason for reopening.")
        )
    if not note.strip():
        raise ValidationError(
            {"note": _("Say what the city should revise; the note is sent to the coordinator.")}
        )
    _transition(response, ResponseStatus.RETURNED, by, history_reason("index.response_returned"))
    response.review_note = note.strip()
    response.save()
    return response


@transaction.atomic
def response_validate(*, response: Response, by: User | None) -> Response:
    """Lock the answers: validated responses are what scoring and reports use."""
    response = _locked(response)
    _transition(response, ResponseStatus.VALIDATED, by, history_reason("index.response_validated"))
    response.validated_at = timezone.now()
    response.validated_by = by
    response.save()
    _rescore_round_later(response)
    return response


@transaction.atomic
def response_reopen(*, response: Response, by: User | None, reason: str) -> Response:
    response = _locked(response)
    if response.status != ResponseStatus.VALIDATED:
        raise ValidationError(_("Only a validated response is reopened; return a submitted one instead."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason for reopening; it is kept in the response's history.")}
        )
    _transition(
        response, ResponseStatus.RETURNED, by, history_reason("index.response_reopened", words=reason)
    )
    response.review_note = reason.strip()
    response.validated_at = None
    response.validated_by = None
    response.save()
    _rescore_round_later(response)
    return response


def _rescore_round_later(response: Response) -> None:
    """The round's sample changed: its scores are recomputed in this transaction (services/scores.py)."""
    from icc.index.services.scores import round_scores_update  # it imports this module's users

    round_scores_update(response.round_id)


def deadline_passed(response: Response, today: datetime.date | None = None) -> bool:
    return response.is_editable and response.deadline < (today or timezone.localdate())
