"""Questionnaire versions: public, like the interchange format (the same document as the JSON download)."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.index.models import Questionnaire, localized
from icc.index.selectors.questionnaires import get_questionnaire
from icc.index.services.questionnaires import questionnaire_export
from icc.public.page_cache import public_cache

router = Router(tags=["questionnaires"])

Key = Annotated[
    str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60, description="The version's identifier.")
]


class QuestionnaireOut(Schema):
    key: str
    title: str
    version_label: str
    published: datetime.date | None
    titles: dict[str, str] = Field(..., description="The title in every language of the version.")


class QuestionnaireDetailOut(QuestionnaireOut):
    document: dict[str, Any] = Field(
        ..., description="The version in the interchange format (areas, questions, options, points, weights)."
    )


def questionnaire_out(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "key": questionnaire.key,
        "title": questionnaire.display_title,
        "version_label": localized(questionnaire.version_label) or questionnaire.key,
        "published": questionnaire.published,
        "titles": {str(k): str(v) for k, v in (questionnaire.title or {}).items()},
    }


@router.get(
    "/questionnaires",
    response=documented({200: list[QuestionnaireOut]}),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
@paginate(Pagination)
def list_questionnaires(request: HttpRequest) -> Any:
    """Every questionnaire version, newest first (without the document: see one version)."""
    return Mapped(Questionnaire.objects.defer("document").order_by("-published", "key"), questionnaire_out)


@router.get(
    "/questionnaires/{key}",
    response=documented({200: QuestionnaireDetailOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
def get_questionnaire_version(request: HttpRequest, key: Key) -> dict[str, Any]:
    """One questionnaire version with its whole document."""
    questionnaire = get_questionnaire(key)
    return {**questionnaire_out(questionnaire), "document": questionnaire_export(questionnaire)}
