"""Policy self-assessment tools in the JSON API: the published checklist versions (public, with their
sections, questions, grades, gender flags and links to Index questions and areas) and, with a token, the
self-assessments of the cities the caller may read (the secretariat: every city; a city's people: theirs)."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY, TOKEN, user_of
from icc.api.errors import ApiError, documented
from icc.api.pagination import Mapped, Pagination
from icc.policytools.models import Assessment, Checklist
from icc.policytools.selectors import may_use_tools, visible_assessments

router = Router(tags=["policy self-assessment"])


class ChecklistOut(Schema):
    id: str = Field(..., description="The version's identifier, e.g. housing-2026.")
    field: str = Field(..., description="The policy field, e.g. housing.")
    audience: Literal["city", "business"]
    published: datetime.date | None
    document: dict[str, Any] = Field(
        ..., description="The checklist itself (docs/policytools.md): texts as {language: text} maps."
    )


class SectionScoreOut(Schema):
    section: str
    score: float | None = Field(..., description="% of the maximum.")


class AssessmentOut(Schema):
    id: int
    city: str = Field(..., description="The city's slug.")
    checklist: str = Field(..., description="The checklist version's id.")
    status: Literal["in_progress", "completed"]
    started: datetime.datetime
    completed_at: datetime.datetime | None
    overall: float | None = Field(..., description="% of the maximum, once completed.")
    gender: float | None = Field(
        ..., description="The gender-equality dimension's score (%), once completed."
    )
    sections: list[SectionScoreOut]
    answers: dict[str, int] = Field(..., description="Question id -> points chosen.")


class AssessmentFilters(Schema):
    city: str | None = Field(None, max_length=100, description="A city's slug.")


def checklist_out(checklist: Checklist) -> dict[str, Any]:
    return {
        "id": checklist.key,
        "field": checklist.field,
        "audience": checklist.audience,
        "published": checklist.published,
        "document": checklist.document,
    }


def assessment_out(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "city": assessment.city.slug,
        "checklist": assessment.checklist.key,
        "status": assessment.status,
        "started": assessment.created,
        "completed_at": assessment.completed_at,
        "overall": assessment.overall,
        "gender": assessment.gender_score,
        "sections": [{"section": k, "score": v} for k, v in (assessment.section_scores or {}).items()],
        "answers": dict(assessment.answers),
    }


@router.get(
    "/policy-tools/checklists",
    response=documented({200: list[ChecklistOut]}),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@paginate(Pagination)
def list_checklists(request: HttpRequest) -> Any:
    """The published checklist versions (cities' checklists per policy field and the businesses'
    diversity-advantage tool). No token needed."""
    return Mapped(
        Checklist.objects.public().order_by("audience", "field", "-published", "key"), checklist_out
    )


@router.get("/policy-tools/assessments", response=documented({200: list[AssessmentOut]}, 403), auth=TOKEN)
@paginate(Pagination)
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilters]) -> Any:
    """The cities' self-assessments the token's owner may read (the secretariat: all; a city's people:
    their city's), newest first. Filter: `city` (slug)."""
    user = user_of(request)
    if not may_use_tools(user):
        raise ApiError(403, _("Only the secretariat and the cities' people read self-assessments."))
    rows = visible_assessments(user)
    if filters.city:
        rows = rows.filter(city__slug=filters.city)
    return Mapped(rows.order_by("-created", "-pk"), assessment_out)
