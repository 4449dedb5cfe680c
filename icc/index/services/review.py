"""The secretariat's review of a city's response: per-question comment threads, and e-mails for the
review decisions (return for revision, validation, reopening).

The status changes themselves live in services/responses.py; the functions here check who acts, call
them, and tell the people concerned.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.text import text_problem
from icc.index.models import (
    THREAD_WORKFLOW,
    Comment,
    CommentThread,
    Response,
    ThreadStatus,
    localized,
)
from icc.index.rules import works_for_response_city
from icc.index.services import responses
from icc.index.structure import structure_of
from icc.notifications.models import NotificationKind
from icc.notifications.services import Told, notify, remember

MAX_COMMENT = 10_000


def _is_reviewer(by: User | None, response: Response) -> bool:
    """`by=None` is the system itself (demo data, imports), which may do what the secretariat does."""
    return by is None or by.has_perm("index.review_response", response)


def _require_reviewer(by: User | None, response: Response) -> None:
    if not _is_reviewer(by, response):
        raise PermissionDenied(_("Only the secretariat reviews responses."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your comment before sending it.")})
    if len(body) > MAX_COMMENT:
        raise ValidationError(
            {"body": _("The comment is too long: at most %(n)s characters.") % {"n": f"{MAX_COMMENT:,}"}}
        )
    if problem := text_problem(body):
        raise ValidationError({"body": problem})
    return body


def _set_status(thread: CommentThread, target: str, by: User | None, code: str) -> None:
    THREAD_WORKFLOW.check(thread.status, target)
    thread.status = target
    record_change(thread, by=by, reason=reason(code))
    thread.save()


# Threads --------------------------------------------------------------------------------------------


@transaction.atomic
def thread_open(*, response: Response, question: str, body: str, by: User | None) -> CommentThread:
    """The secretariat asks the city about one answer; the city's coordinators are told by e-mail."""
    _require_reviewer(by, response)
    if not structure_of(response.round.questionnaire).has_question(question):
        raise ValidationError(
            {"question": _("“%(id)s” is not a question of this questionnaire.") % {"id": question}}
        )
    body = _clean_body(body)
    thread = CommentThread(response=response, question=question, opened_by=by)
    record_change(thread, by=by, reason=reason("index.thread_opened"))
    thread.save()
    comment = Comment.objects.create(thread=thread, author=by, body=body)
    remember(thread, _notify_comment(comment, from_city=False, opened=True))
    return thread


@transaction.atomic
def comment_add(*, thread: CommentThread, body: str, by: User | None) -> Comment:
    """A reply in a thread. The city's reply marks the thread answered; the secretariat's opens it again."""
    thread = CommentThread.objects.select_for_update().select_related("response__city").get(pk=thread.pk)
    response = thread.response
    from_secretariat = _is_reviewer(by, response)
    if not from_secretariat and not works_for_response_city(by, response):
        raise PermissionDenied(_("Only the secretariat and the city's team take part in this conversation."))
    body = _clean_body(body)
    if from_secretariat:
        if thread.status != ThreadStatus.OPEN:
            _set_status(thread, ThreadStatus.OPEN, by, "index.thread_secretariat_replied")
    else:
        if thread.status == ThreadStatus.RESOLVED:
            raise ValidationError(
                _("The secretariat resolved this conversation; ask them to reopen it if needed.")
            )
        if thread.status != ThreadStatus.ANSWERED:
            _set_status(thread, ThreadStatus.ANSWERED, by, "index.thread_city_replied")
    comment = Comment.objects.create(thread=thread, author=by, body=body)
    _notify_comment(comment, from_city=not from_secretariat)
    return comment


@transaction.atomic
def thread_resolve(*, thread: CommentThread, by: User | None) -> CommentThread:
    thread = CommentThread.objects.select_for_update().select_related("response").get(pk=thread.pk)
    _require_reviewer(by, thread.response)
    _set_status(thread, ThreadStatus.RESOLVED, by, "index.thread_resolved")
    return thread


@transaction.atomic
def thread_reopen(*, thread: CommentThread, by: User | None) -> CommentThread:
    thread = CommentThread.objects.select_for_update().select_related("response").get(pk=thread.pk)
    _require_reviewer(by, thread.response)
    _set_status(thread, ThreadStatus.OPEN, by, "index.thread_reopened")
    return thread


# Review decisions -----------------------------------------------------------------------------------


@transaction.atomic
def response_return(*, response: Response, by: User | None, note: str) -> Response:
    """Send the response back to the city with a note; its coordinators receive the note by e-mail."""
    _require_reviewer(by, response)
    response = responses.response_return(response=response, by=by, note=note)
    _notify_decision(response, decision="returned")
    return response


@transaction.atomic
def response_validate(*, response: Response, by: User | None) -> Response:
    _require_reviewer(by, response)
    response = responses.response_validate(response=response, by=by)
    _notify_decision(response, decision="validated")
    return response


@transaction.atomic
def response_reopen(*, response: Response, by: User | None, reason: str) -> Response:
    _require_reviewer(by, response)
    response = responses.response_reopen(response=response, by=by, reason=reason)
    _notify_decision(response, decision="reopened")
    return response


# E-mails --------------------------------------------------------------------------------------------


def _city_coordinators(response: Response) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, roles__kind=RoleKind.CITY_COORDINATOR, roles__city_id=response.city_id
        )
        .exclude(email="")
        .distinct()
    )


def _notify_comment(comment: Comment, *, from_city: bool, opened: bool = False) -> Told:
    thread = comment.thread
    response = thread.response
    anchor = f"#thread-{thread.pk}"
    if from_city:
        opener = thread.opened_by
        recipients = [opener] if opener is not None else []
        link = reverse("index:response_review", args=[response.pk]) + anchor
        template = "index/review/email/city_replied.txt"
        kind = NotificationKind.COMMENT_ANSWERED
    else:
        recipients = _city_coordinators(response)
        link = reverse("index:response_detail", args=[response.pk]) + anchor
        template = "index/review/email/" + ("thread_opened.txt" if opened else "secretariat_replied.txt")
        kind = NotificationKind.REVIEW_QUESTION if opened else NotificationKind.COMMENT_ANSWERED
    texts = {
        q.get("id"): q.get("text")
        for area in response.round.questionnaire.document.get("areas", [])
        for q in area.get("questions", [])
    }
    question_text = texts.get(thread.question)
    return notify(
        recipients=[person for person in recipients if person.pk != comment.author_id],
        kind=kind,
        obj=comment,
        context={
            "what": response,
            "response": response,
            "comment": comment,
            "thread": thread,
            "comment_template": template,
            "question_text": lambda: localized(question_text),
        },
        link=link,
    )


def _notify_decision(response: Response, *, decision: str) -> Told:
    validated = decision == "validated"
    kind = NotificationKind.RESPONSE_VALIDATED if validated else NotificationKind.RESPONSE_RETURNED
    return notify(
        recipients=_city_coordinators(response),
        kind=kind,
        obj=response,
        context={"response": response, "decision": decision, "note": response.review_note},
        link=reverse("index:response_detail", args=[response.pk]),
    )
