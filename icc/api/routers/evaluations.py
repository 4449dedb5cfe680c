"""Evaluations of strategies' implementation in the JSON API: `GET /evaluations?city=<slug>`.

Without a token: the evaluations whose report is published (`Evaluation.objects.public()`, as the public
site).
With a token: also what the token's person may read on the platform (icc.evaluations.selectors: the
secretariat
everything; a city's people their city's evaluations once opened, the report once shared; an expert the
evaluations whose report they write); the report's text only where they may read the report."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY, user_of
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.evaluations import selectors
from icc.evaluations.models import Evaluation, EvaluationReport

router = Router(tags=["strategy evaluations"])


class RecommendationOut(Schema):
    text: dict[str, str] = Field(..., description="By language (en, fr); an empty text where not written.")
    result: str | None = Field(None, description="The title of the result it is about, if any.")
    action: str | None = Field(None, description="The title of the action it is about, if any.")


class ReportOut(Schema):
    status: str = Field(..., description="draft, review, shared or published.")
    expert: str
    summary: dict[str, str]
    findings: dict[str, str]
    shared: str | None
    published: str | None
    recommendations: list[RecommendationOut]


class EvaluationOut(Schema):
    id: int
    city: str = Field(..., description="The city's slug.")
    strategy: str = Field(..., description="The title of the evaluated strategy.")
    title: dict[str, str]
    status: str = Field(..., description="draft, open, submitted, returned or accepted (the city's answers).")
    deadline: str | None
    url: str | None = Field(None, description="The public page of the published report.")
    report: ReportOut | None = Field(None, description="Only when the caller may read the report.")


class EvaluationFilters(Schema):
    city: str = Field("", max_length=100, description="A city's slug, e.g. lyon.")


def _report(report: EvaluationReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "expert": report.expert.full_name,
        "summary": {"en": report.summary_en or "", "fr": report.summary_fr or ""},
        "findings": {"en": report.findings_en or "", "fr": report.findings_fr or ""},
        "shared": report.shared_at.isoformat() if report.shared_at else None,
        "published": report.published_at.isoformat() if report.published_at else None,
        "recommendations": [
            {
                "text": {"en": r.text_en or "", "fr": r.text_fr or ""},
                "result": r.result.title if r.result else None,
                "action": r.action.title if r.action else None,
            }
            for r in report.recommendations.all()
        ],
    }


@router.get(
    "/evaluations",
    response=documented({200: list[EvaluationOut]}),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@paginate(Pagination)
def list_evaluations(request: HttpRequest, filters: Query[EvaluationFilters]) -> Any:
    """Evaluations of city strategies, newest first. Filter: `city` (slug)."""
    user = user_of(request)
    public_ids = set(Evaluation.objects.public().values_list("pk", flat=True))
    if user.is_authenticated:
        found = selectors.visible_evaluations(user) | Evaluation.objects.filter(pk__in=public_ids)
    else:
        found = Evaluation.objects.filter(pk__in=public_ids)
    if filters.city:
        found = found.filter(city__slug=filters.city)
    found = (
        found.distinct()
        .select_related("city", "strategy", "report", "report__expert")
        .prefetch_related("report__recommendations__result", "report__recommendations__action")
        .order_by("-created", "-pk")
    )

    def item(evaluation: Evaluation) -> dict[str, Any]:
        published = evaluation.pk in public_ids
        report = getattr(evaluation, "report", None) if hasattr(evaluation, "report") else None
        readable = published or (
            user.is_authenticated and selectors.evaluation_access(user, evaluation).can_read_report
        )
        return {
            "id": evaluation.pk,
            "city": evaluation.city.slug,
            "strategy": evaluation.strategy.title,
            "title": {"en": evaluation.title_en or "", "fr": evaluation.title_fr or ""},
            "status": evaluation.status,
            "deadline": evaluation.deadline.isoformat() if evaluation.deadline else None,
            "url": request.build_absolute_uri(f"/en/evaluations/reports/{evaluation.pk}/")
            if published
            else None,
            "report": _report(report) if report is not None and readable else None,
        }

    return Mapped(found, item)
