"""Expert visits (first visits and reviews of national network members): public when the city published
the visit's intercultural profile (with the link to it on the city's public page); with a token, the
secretariat reads every visit and a city's people read their city's (icc.experts.selectors.work)."""

import datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import StringConstraints

from icc.accounts.selectors import user_roles_summary
from icc.api.auth import PUBLIC, PUBLIC_SECURITY, user_of
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.experts.models import Assignment, Profile
from icc.experts.selectors.work import COVERAGE_KINDS

router = Router(tags=["expert visits"])
CitySlug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]


class VisitOut(Schema):
    id: int
    kind: Literal["first_visit", "network_member_review"]
    kind_name: str
    title: str
    city: str | None = Field(..., description="The city's slug.")
    city_name: str | None
    starts_on: datetime.date
    ends_on: datetime.date
    status: Literal["planned", "confirmed", "done", "cancelled"]
    profile_urls: dict[str, str] = Field(
        ...,
        description="The published intercultural profile on the city's public page, per language (en, fr).",
    )


class VisitFilters(Schema):
    city: CitySlug | None = Field(None, description="A city's slug.")
    kind: Literal["first_visit", "network_member_review"] | None = None
    year: int | None = Field(None, ge=2000, le=2100, description="The year the visit started.")


def _published_languages() -> QuerySet[Profile]:
    return Profile.objects.public()


def readable_visits(user: Any) -> QuerySet[Assignment]:
    """Visits with a published profile for everyone; every visit for the secretariat; a city's visits for its
    coordinator and contributors."""
    published = Exists(_published_languages().filter(visit__assignment=OuterRef("pk")))
    rows = Assignment.objects.filter(kind__key__in=COVERAGE_KINDS)
    summary = user_roles_summary(user)
    if summary.secretariat:
        return rows
    visible = Q(published)
    if summary.city_ids:
        visible |= Q(city_id__in=summary.city_ids)
    return rows.filter(visible)


def _profile_urls(assignment: Assignment, languages: dict[int, list[str]]) -> dict[str, str]:
    if assignment.city is None:
        return {}
    urls = {}
    for language in languages.get(assignment.pk, []):
        with translation.override(language):
            path = reverse("public:city_detail", args=[assignment.city.slug])
        urls[language] = f"{settings.SITE_URL}{path}#profile-h"
    return urls


def visit_out(assignment: Assignment, languages: dict[int, list[str]]) -> dict[str, Any]:
    return {
        "id": assignment.pk,
        "kind": assignment.kind.key,
        "kind_name": str(assignment.kind),
        "title": assignment.title,
        "city": assignment.city.slug if assignment.city else None,
        "city_name": assignment.city.name if assignment.city else None,
        "starts_on": assignment.starts_on,
        "ends_on": assignment.ends_on,
        "status": assignment.status,
        "profile_urls": _profile_urls(assignment, languages),
    }


@router.get("/visits", response=documented({200: list[VisitOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY)
@paginate(Pagination)
def list_visits(request: HttpRequest, filters: Query[VisitFilters]) -> Any:
    """Expert visits, newest first: those whose intercultural profile the city published, for everyone; with a
    token of the secretariat every visit, of a city's coordinator or contributor also that city's.
    Filters: `city`, `kind`, `year`."""
    rows = readable_visits(user_of(request)).select_related("kind", "city")
    if filters.city:
        rows = rows.filter(city__slug=filters.city)
    if filters.kind:
        rows = rows.filter(kind__key=filters.kind)
    if filters.year:
        rows = rows.filter(starts_on__year=filters.year)
    languages: dict[int, list[str]] = {}
    for assignment_id, language in (
        _published_languages().order_by("language").values_list("visit__assignment_id", "language")
    ):
        languages.setdefault(assignment_id, []).append(language)
    return Mapped(rows.order_by("-starts_on", "-pk"), lambda a: visit_out(a, languages))
