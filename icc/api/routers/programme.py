"""The programme's objectives, targets and risks in the JSON API: the public summary of the targets (the same
rule as the public page: `Target.objects.public()`, no names of people, no risks)."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.programme import selectors

router = Router(tags=["programme"])


class TargetOut(Schema):
    id: int
    objective_number: int
    objective: str
    label: str
    source: str
    value: float
    unit: str
    baseline_date: datetime.date
    deadline: datetime.date
    current: float | None
    forecast: float | None
    status: str


class SummaryOut(Schema):
    period: str | None
    title: str | None
    targets: list[TargetOut]


@router.get(
    "/programme/targets", response=documented({200: SummaryOut}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
def targets(request: HttpRequest) -> SummaryOut:
    """The current strategy period's published targets with their computed value, forecast at the deadline and
    status (met, on_track, at_risk, missed; no_source when the part of the platform a target is computed from
    does not exist yet, with current and forecast null). No token needed."""
    period = selectors.current_period()
    if period is None:
        return SummaryOut(period=None, title=None, targets=[])
    rows = []
    for block in selectors.dashboard(period, public=True, with_gender=False):
        for row in block.targets:
            t = row.target
            rows.append(
                TargetOut(
                    id=t.pk,
                    objective_number=block.objective.number,
                    objective=block.objective.title,
                    label=t.label,
                    source=t.source_key,
                    value=float(t.value),
                    unit=t.unit,
                    baseline_date=t.baseline_on,
                    deadline=t.deadline,
                    current=row.progress.current if row.progress else None,
                    forecast=row.progress.forecast if row.progress else None,
                    status=row.status,
                )
            )
    return SummaryOut(period=period.key, title=period.title, targets=rows)
