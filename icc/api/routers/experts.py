"""The expert pool: the secretariat's tokens only (the same rule as the pages: icc.experts.selectors.pool).
Personal data: an erased record is not listed."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import TOKEN, user_of
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.experts.models import Expert
from icc.experts.selectors.pool import PoolFilters, may_manage_pool, pool_list, speaks

router = Router(tags=["experts"])


class ExpertLanguageOut(Schema):
    language: str = Field(..., description="ISO 639-1 code.")
    level: Literal["native", "fluent", "working", "basic"]
    working: bool = Field(..., description="A language the expert works in on visits.")


class ExpertOut(Schema):
    id: int
    full_name: str
    email: str
    phone: str
    gender: Literal["woman", "man", "another", "not_given", ""] = Field(
        ..., description="Self-declared; empty: not stated; not_given: prefers not to say."
    )
    country: str = Field(..., description="Country of residence, ISO 3166 alpha-2 (empty: unknown).")
    status: Literal["candidate", "in_training", "active", "inactive"]
    french_speaker: bool = Field(..., description="Speaks French at a working level or better.")
    languages: list[ExpertLanguageOut]
    areas: list[str] = Field(..., description="Index area keys, as in the questionnaire versions.")
    themes: list[str] = Field(..., description="Theme keys.")
    countries_known: list[str]
    mentor: int | None = Field(..., description="The mentor's id.")
    availability_note: str


class ExpertFilters(Schema):
    status: Literal["candidate", "in_training", "active", "inactive"] | None = None
    language: str | None = Field(None, max_length=8, description="Speaks this language (ISO 639-1), e.g. fr.")
    area: str | None = Field(None, max_length=60, description="Covers this Index area, e.g. education.")


def expert_out(expert: Expert) -> dict[str, Any]:
    expertise = list(expert.expertise.all())
    return {
        "id": expert.pk,
        "full_name": expert.full_name,
        "email": expert.email,
        "phone": expert.phone,
        "gender": expert.gender,
        "country": expert.country,
        "status": expert.status,
        "french_speaker": speaks(expert, "fr"),
        "languages": [
            {"language": row.language, "level": row.level, "working": row.working}
            for row in expert.languages.all()
        ],
        "areas": sorted(row.area for row in expertise if row.area),
        "themes": sorted(row.theme.key for row in expertise if row.theme is not None),
        "countries_known": [row.country for row in expert.countries_known.all()],
        "mentor": expert.mentor_id,
        "availability_note": expert.availability_note,
    }


@router.get("/experts", response=documented({200: list[ExpertOut]}, 403), auth=TOKEN, url_name="experts")
@paginate(Pagination)
def list_experts(request: HttpRequest, filters: Query[ExpertFilters]) -> list[dict[str, Any]]:
    """The expert pool, by name: the secretariat's tokens only (403 for any other token). Filters:
    `status`, `language` (speaks it at a working level or better), `area` (an Index area key)."""
    if not may_manage_pool(user_of(request)):
        raise PermissionDenied(_("Only the secretariat reads the expert pool."))
    experts = pool_list(
        PoolFilters(status=filters.status or "", language=filters.language or "", area=filters.area or "")
    )
    return Mapped(experts, expert_out)  # type: ignore[return-value]
