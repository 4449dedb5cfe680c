"""Evidence of impact: the published impact studies with their figures (ImpactStudy.objects.public(), the
same rule as the public page). No token needed."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.impact.models import ImpactStudy
from icc.impact.selectors import public_studies

router = Router(tags=["impact"])


class StudyOut(Schema):
    id: int
    title: str = Field(
        ..., description="In the language asked for (Accept-Language or ?lang), English otherwise."
    )
    summary: str
    published_on: str = Field(..., description="ISO 8601 date.")
    coverage: dict[str, Any] = Field(
        ..., description="Cities with Index results, Index years, figures per outcome."
    )
    correlations: list[dict[str, Any]] = Field(
        ...,
        description=(
            "One per predictor (`aggregate` or `area:<id>`) and outcome: n, and `pearson`, `spearman`, "
            "`partial` each with r, low, high (95 %, Fisher's z), p, q (Benjamini-Hochberg across outcomes)."
        ),
    )
    panel: list[dict[str, Any]] = Field(
        ...,
        description="Per outcome: coef, se, low, high, p, n_obs, n_cities, n_years (fixed effects).",
    )
    robustness: dict[str, Any] = Field(
        ...,
        description="Monte Carlo weightings: runs, seed, and per outcome correlation_share and panel_share.",
    )
    limits: list[str]


LIMITS = [
    "association is not causation",
    "the Index is self-reported",
    "the cities that join select themselves",
    "small numbers of cities and rounds",
    "population and diversity controls read from the peer-group bands",
]


def study_out(study: ImpactStudy) -> dict[str, Any]:
    results = study.snapshot.get("results") or {}
    return {
        "id": study.pk,
        "title": study.title,
        "summary": study.summary,
        "published_on": study.published_on.isoformat() if study.published_on else "",
        "coverage": results.get("coverage", {}),
        "correlations": results.get("correlations", []),
        "panel": results.get("panel", []),
        "robustness": results.get("robustness", {}),
        "limits": LIMITS,
    }


@router.get(
    "/impact/studies", response=documented({200: list[StudyOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
@paginate(Pagination)
def list_studies(request: HttpRequest) -> Any:
    """Published impact studies, newest first, with their figures. No token needed."""
    return Mapped(public_studies().order_by("-published_on", "-pk"), study_out)
