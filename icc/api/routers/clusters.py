"""Learning clusters: public once launched (running or completed), with their theme, its Index areas, the
lead expert's name and the member cities with their role; a planned or cancelled cluster is not listed
(icc.clusters.models.LearningClusterQuerySet.public, the same rule as the pages)."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.clusters.models import LearningCluster
from icc.clusters.selectors import public_clusters

router = Router(tags=["learning clusters"])


class ClusterMemberOut(Schema):
    city: str = Field(..., description="The city's slug.")
    city_name: str
    country: str = Field(..., description="ISO 3166 alpha-2.")
    role: Literal["mentor", "learner"]
    joined_on: datetime.date


class ClusterOut(Schema):
    id: int
    title: str = Field(
        ..., description="In the language asked for (Accept-Language or ?lang), English otherwise."
    )
    theme: str = Field(..., description="The theme's key, e.g. refugee_reception.")
    theme_name: str
    areas: list[str] = Field(..., description="Keys of the Index areas the theme maps to.")
    status: Literal["running", "completed"]
    starts_on: datetime.date
    ends_on: datetime.date | None
    lead_expert: str | None = Field(..., description="The lead expert's name.")
    expected_results: str
    members: list[ClusterMemberOut]


class ClusterFilters(Schema):
    theme: str | None = Field(None, max_length=60, description="A theme's key.")
    year: int | None = Field(None, ge=2000, le=2100, description="The year the cluster was launched.")


def cluster_out(cluster: LearningCluster) -> dict[str, Any]:
    lead = cluster.lead_expert
    return {
        "id": cluster.pk,
        "title": cluster.title,
        "theme": cluster.theme.key,
        "theme_name": cluster.theme.name,
        "areas": list(cluster.theme.areas),
        "status": cluster.status,
        "starts_on": cluster.starts_on,
        "ends_on": cluster.ends_on,
        "lead_expert": lead.full_name if lead is not None and lead.erased_at is None else None,
        "expected_results": cluster.expected_results,
        "members": [
            {
                "city": member.city.slug,
                "city_name": member.city.name,
                "country": member.city.country,
                "role": member.role,
                "joined_on": member.joined_on,
            }
            for member in cluster.members.all()
        ],
    }


@router.get(
    "/clusters", response=documented({200: list[ClusterOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
@paginate(Pagination)
def list_clusters(request: HttpRequest, filters: Query[ClusterFilters]) -> Any:
    """Learning clusters launched (running or completed), newest first, with their member cities (mentors
    first). No token needed. Filters: `theme` (a theme's key), `year` (launched that year)."""
    rows = public_clusters()
    if filters.theme:
        rows = rows.filter(theme__key=filters.theme)
    if filters.year:
        rows = rows.filter(starts_on__year=filters.year)
    return Mapped(rows.order_by("-starts_on", "-pk"), cluster_out)
