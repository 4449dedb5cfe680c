"""Good practices: the public collection (icc/practices), read by anyone; the same rows as the open data
files (icc/practices/selectors/open_data.py), only `Practice.objects.public()`."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.practices.models import Practice
from icc.practices.selectors.catalogue import filter_public
from icc.practices.selectors.open_data import practice_item
from icc.public.page_cache import public_cache

router = Router(tags=["practices"])


class PracticeCityOut(Schema):
    slug: str
    name: str
    country: str = Field(..., description="ISO 3166 alpha-2 code.")


class PracticeOut(Schema):
    id: int
    url: str = Field(..., description="The practice's public page.")
    city: PracticeCityOut
    title: dict[str, str] = Field(..., description="By language (en, fr); an empty text where not written.")
    summary: dict[str, str]
    languages: list[str] = Field(..., description="The languages it is written in.")
    started: int
    ended: int | None
    areas: list[str] = Field(..., description="Index area identifiers (icc-2019).")
    questions: list[str] = Field(
        ..., description="Index question identifiers, e.g. education.mixing_programmes."
    )
    themes: list[str]
    target_groups: list[str]
    budget_range: str
    figures: list[str]
    sources: list[str]
    links: list[str]
    version: int
    first_published: str | None
    published: str | None
    reviewed: str | None


class PracticeFilters(Schema):
    area: str = Field("", max_length=60, description="An Index area identifier, e.g. education.")
    country: str = Field("", max_length=2, description="ISO 3166 alpha-2 code of the city's country.")
    question: str = Field("", max_length=120, description="An Index question identifier.")
    q: str = Field("", max_length=200, description="Words to find, case and accents aside.")


@router.get(
    "/practices", response=documented({200: list[PracticeOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
@public_cache
@paginate(Pagination)
def list_practices(request: HttpRequest, filters: Query[PracticeFilters]) -> list[dict[str, Any]]:
    """The published practices, oldest first (stable pages). Filters: `area`, `country`, `question`, `q`."""
    keep = filter_public(
        {
            "area": filters.area,
            "country": filters.country.upper(),
            "question": filters.question,
            "q": filters.q,
        }
    )
    practices = (
        Practice.objects.filter(pk__in=keep).select_related("city").order_by("first_published_at", "pk")
    )
    return Mapped(  # type: ignore[return-value]
        practices, lambda p: practice_item(p, url=request.build_absolute_uri(p.get_absolute_url()))
    )
