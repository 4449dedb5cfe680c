"""Index responses with a token: those its owner may read (`index.view_response`, the pages' rule), their
answers and, with `index.view_response_scores`, their scores; answers written through the web form's
service (`answer_save`: same validation, history and revision rule)."""

import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import StringConstraints

from icc.api.auth import TOKEN, user_of, writer_of
from icc.api.errors import ApiError, documented, service_fields
from icc.api.pagination import Mapped, Pagination
from icc.api.schemas import Id, InSchema, Line, QuestionId, Text
from icc.core.history import reason
from icc.index.models import Answer, Response, ResponseScore
from icc.index.selectors.access import get_response_for_user
from icc.index.services.responses import KEEP_VALUE, Conflict, ResponseLocked, answer_save
from icc.index.structure import structure_of

router = Router(tags=["responses (token)"])


class ResponseOut(Schema):
    id: int
    round_id: int
    round: str
    questionnaire: str
    city: str = Field(..., description="The city's slug.")
    city_name: str
    status: str = Field(..., description="not_started, in_progress, submitted, returned or validated")
    editable: bool = Field(..., description="Whether the city may still change answers.")
    deadline: datetime.date
    submitted_at: datetime.datetime | None
    validated_at: datetime.datetime | None
    publication_agreed: bool


def response_out(response: Response) -> dict[str, Any]:
    return {
        "id": response.pk,
        "round_id": response.round_id,
        "round": response.round.name,
        "questionnaire": response.round.questionnaire.key,
        "city": response.city.slug,
        "city_name": response.city.name,
        "status": response.status,
        "editable": response.is_editable,
        "deadline": response.deadline,
        "submitted_at": response.submitted_at,
        "validated_at": response.validated_at,
        "publication_agreed": response.publication_agreed,
    }


class ResponseFilters(Schema):
    round: int | None = Field(None, ge=1, le=2**63 - 1, description="A round's id.")
    city: Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)] | None = Field(
        None, description="A city's slug."
    )
    status: Literal["not_started", "in_progress", "submitted", "returned", "validated"] | None = None


@router.get("/responses", response=documented({200: list[ResponseOut]}), auth=TOKEN)
@paginate(Pagination)
def list_responses(request: HttpRequest, filters: Query[ResponseFilters]) -> Any:
    """The responses the token's owner may read: their cities' (city people), every one (secretariat,
    experts). Newest round first. Filters: `round`, `city`, `status`."""
    user = user_of(request)
    responses = Response.objects.select_related("round__questionnaire", "city").defer(
        "round__questionnaire__document"
    )
    if filters.round:
        responses = responses.filter(round_id=filters.round)
    if filters.city:
        responses = responses.filter(city__slug=filters.city)
    if filters.status:
        responses = responses.filter(status=filters.status)
    # The rule itself decides (it reads the person's roles once, then no query per response).
    readable = [
        r
        for r in responses.order_by("-round__opens_on", "city__name", "pk")
        if user.has_perm("index.view_response", r)
    ]
    return Mapped(readable, response_out)


@router.get("/responses/{response_id}", response=documented({200: ResponseOut}, 404), auth=TOKEN)
def get_response(request: HttpRequest, response_id: Id) -> dict[str, Any]:
    """One response."""
    return response_out(get_response_for_user(user_of(request), response_id))


class AnswerOut(Schema):
    question: str
    area: str
    value: Any = Field(
        ..., description='An option id, a list of option ids, a number, a text, "n/a", or null (unanswered).'
    )
    explanation: str
    links: list[str]
    revision: int = Field(..., description="Send it back as `base_revision` to detect concurrent changes.")
    updated_at: datetime.datetime | None


def answer_out(answer: Answer, area: str) -> dict[str, Any]:
    return {
        "question": answer.question,
        "area": area,
        "value": answer.value,
        "explanation": answer.explanation,
        "links": list(answer.links or []),
        "revision": answer.revision,
        "updated_at": answer.updated if answer.pk else None,
    }


def _area_of(response: Response, question: str) -> str:
    structure = structure_of(response.round.questionnaire)
    return structure.area_of(question).id if structure.has_question(question) else ""


@router.get("/responses/{response_id}/answers", response=documented({200: list[AnswerOut]}, 404), auth=TOKEN)
@paginate(Pagination)
def list_answers(request: HttpRequest, response_id: Id) -> Any:
    """A response's saved answers, in questionnaire order."""
    response = get_response_for_user(user_of(request), response_id)
    structure = structure_of(response.round.questionnaire)
    order = {q.id: i for i, q in enumerate(structure.all_questions())}
    answers = sorted(response.answers.all(), key=lambda a: (order.get(a.question, len(order)), a.question))
    return Mapped(answers, lambda a: answer_out(a, _area_of(response, a.question)))


class ResponseScoresOut(Schema):
    response_id: int
    city: str
    round_id: int
    published: bool = Field(..., description="Whether these scores are public.")
    computed_at: datetime.datetime
    aggregate: float | None
    areas: dict[str, float | None]
    groups: dict[str, float | None]
    peer_groups: dict[str, str | None]
    rank: dict[str, int | None]
    complete: bool


@router.get(
    "/responses/{response_id}/scores",
    response=documented({200: ResponseScoresOut}, 403, 404),
    auth=TOKEN,
)
def get_response_scores(request: HttpRequest, response_id: Id) -> dict[str, Any]:
    """A validated response's stored scores, published or not, for those who may read them
    (`index.view_response_scores`: the secretariat, the city's people; experts once published).
    404 when the response has no scores (not validated yet)."""
    from icc.index.selectors.publication import is_response_published

    response = get_response_for_user(user_of(request), response_id, perm="index.view_response_scores")
    stored = ResponseScore.objects.filter(response=response).first()
    if stored is None:
        raise Http404
    scores = stored.scores
    return {
        "response_id": response.pk,
        "city": response.city.slug,
        "round_id": response.round_id,
        "published": is_response_published(response),
        "computed_at": stored.computed_at,
        "aggregate": scores.get("aggregate"),
        "areas": scores.get("areas", {}),
        "groups": scores.get("groups", {}),
        "peer_groups": scores.get("peer_groups", {}),
        "rank": scores.get("rank", {}),
        "complete": bool(scores.get("complete")),
    }


# Writing answers ------------------------------------------------------------------------------------

AnswerValue = Text | int | Annotated[float, Field(allow_inf_nan=False)] | list[Text] | None


class AnswerIn(InSchema):
    """Fields left out keep their stored value; `value: null` clears the answer."""

    value: AnswerValue = Field(
        None,
        description='An option id, a list of option ids (multiple choice), a number, a text, or "n/a".',
    )
    explanation: Annotated[Text, StringConstraints(max_length=20_000)] | None = None
    links: list[Annotated[Line, StringConstraints(max_length=600)]] | None = Field(
        None,
        max_length=50,
        description="Web addresses (https://..., or www... read as https://) of the evidence.",
    )
    base_revision: int | None = Field(
        None,
        ge=0,
        le=2**31,
        description="The revision you started from: if someone saved since, nothing is written (409).",
    )


class AnswerItemIn(AnswerIn):
    question: Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_.:]+$", max_length=120)]


class AnswersIn(InSchema):
    answers: list[AnswerItemIn] = Field(..., min_length=1, max_length=300)


class AnswersOut(Schema):
    answers: list[AnswerOut]


def _conflict_error(conflict: Conflict, prefix: str) -> ApiError:
    theirs = conflict.theirs
    return ApiError(
        409,
        _("Someone saved this answer after the revision you started from; nothing was written."),
        [
            (
                f"{prefix}base_revision",
                _("The answer is now at revision %(revision)s; read it again and resend.")
                % {"revision": theirs.revision},
            )
        ],
    )


def _save(response: Response, question: str, item: AnswerIn, user: Any, prefix: str) -> dict[str, Any]:
    sent = item.model_fields_set
    try:
        result = answer_save(
            response=response,
            question=question,
            by=user,
            value=item.value if "value" in sent else KEEP_VALUE,
            explanation=item.explanation,
            links=item.links,
            base_revision=item.base_revision,
            reason=reason("index.answer_api"),
        )
    except ResponseLocked as exc:
        raise ApiError(409, exc.messages[0]) from exc
    except ValidationError as exc:
        pairs = service_fields(exc)
        fields = [(f"{prefix}{field}" if field else prefix.rstrip("."), text) for field, text in pairs]
        message = " ".join(text for field, text in pairs if not field)
        fields = [(field, text) for field, text in fields if field]
        raise ApiError(422, message or _("Some values are not valid; see the fields."), fields) from exc
    if result.conflict is not None:
        raise _conflict_error(result.conflict, prefix)
    return answer_out(result.answer, _area_of(response, question))


@router.put(
    "/responses/{response_id}/answers/{question}",
    response=documented({200: AnswerOut}, 403, 404, 409),
    auth=TOKEN,
)
def put_answer(
    request: HttpRequest, response_id: Id, question: QuestionId, payload: AnswerIn
) -> dict[str, Any]:
    """Save one answer, as the web form does: the city's coordinator (any section) or a contributor
    (assigned sections), while the response is open for answers; a token that is not read only."""
    user = writer_of(request)
    response = get_response_for_user(user, response_id)
    if not structure_of(response.round.questionnaire).has_question(question):
        raise ApiError(
            404,
            _(
                "The questionnaire of this response has no question “%(id)s”; its questions are listed "
                "at /api/v1/questionnaires/%(key)s."
            )
            % {"id": question, "key": response.round.questionnaire.key},
        )
    return _save(response, question, payload, user, "")


@router.patch(
    "/responses/{response_id}/answers",
    response=documented({200: AnswersOut}, 403, 404, 409),
    auth=TOKEN,
)
def patch_answers(request: HttpRequest, response_id: Id, payload: AnswersIn) -> dict[str, Any]:
    """Save several answers at once: all or nothing (one transaction). An error names the answer at fault,
    e.g. `answers.2.value`."""
    user = writer_of(request)
    response = get_response_for_user(user, response_id)
    with transaction.atomic():
        saved = [
            _save(response, item.question, item, user, f"answers.{i}.")
            for i, item in enumerate(payload.answers)
        ]
    return {"answers": saved}
