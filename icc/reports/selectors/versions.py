"""Reads of reports for the pages: published versions, a round's reports, the reports a person sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from icc.accounts.selectors import user_roles_summary
from icc.core.models import Job
from icc.index.models import Response, Round
from icc.index.selectors.publication import PUBLISHED_RESPONSE
from icc.network.models import City
from icc.reports.models import Report, ReportVersion
from icc.reports.services.batches import batch_responses, round_batches


def public_report_versions(city: City) -> list[ReportVersion]:
    """The latest published version of each report of the city whose results are public, newest round
    first. Two queries."""
    published = Response.objects.filter(PUBLISHED_RESPONSE, city=city).values("pk")
    latest = (
        ReportVersion.objects.filter(report__response__in=published)
        .values("report")
        .annotate(latest=Max("number"))
    )
    wanted = Q()
    for row in latest:
        wanted |= Q(report_id=row["report"], number=row["latest"])
    if not latest:
        return []
    return list(
        ReportVersion.objects.filter(wanted)
        .select_related("report__response__round", "report__response__city")
        .defer("content", "commentary")
        .order_by("-report__response__round__opens_on")
    )


def report_versions(report: Report) -> list[ReportVersion]:
    """Every published version of a report, newest first, without their (large) content."""
    return list(
        report.versions.select_related("published_by").defer("content", "commentary").order_by("-number")
    )


@dataclass
class RoundReportRow:
    response: Response
    report: Report | None

    @property
    def latest_version(self) -> int | None:
        return getattr(self.report, "latest_version", None) if self.report else None


@dataclass
class RoundReportsPage:
    round: Round
    rows: list[RoundReportRow]
    batch: Job | None  # the latest batch of the round
    drafts: int
    shared: int
    published: int


def latest_round_batch(round_: Round) -> Job | None:
    """The round's latest batch of drafts (a `core.Job`), with who started it. One query."""
    return round_batches(round_.pk).select_related("requested_by").first()


def round_reports_page(round_: Round) -> RoundReportsPage:
    """Every validated, scored response of the round with the state of its report. Four queries."""
    responses = batch_responses(round_)
    reports = {
        r.response_id: r
        for r in Report.objects.filter(response__in=responses)
        .annotate(latest_version=Max("versions__number"), expert_count=Count("experts", distinct=True))
        .defer("draft_content", "commentary")
    }
    rows = [RoundReportRow(response=r, report=reports.get(r.pk)) for r in responses]
    batch = latest_round_batch(round_)
    return RoundReportsPage(
        round=round_,
        rows=rows,
        batch=batch,
        drafts=sum(1 for r in reports.values() if r.has_draft),
        shared=sum(1 for r in reports.values() if r.is_shared),
        published=sum(1 for r in reports.values() if r.last_published_at),
    )


def reports_for_user(user: Any) -> QuerySet[Report]:
    """The reports a person may open: all (secretariat), assigned ones (experts), and their cities' shared
    or published ones (city people)."""
    summary = user_roles_summary(user)
    queryset = (
        Report.objects.select_related("response__round", "response__city")
        .annotate(latest_version=Max("versions__number"))
        .defer("draft_content", "commentary")
        .order_by("-response__round__opens_on", "response__city__name")
    )
    if summary.secretariat:
        return queryset
    visible = Q(pk__in=[])
    if summary.expert:
        visible |= Q(experts=user)
    if summary.city_ids:
        visible |= Q(response__city_id__in=summary.city_ids) & (
            Q(shared_at__isnull=False) | Q(last_published_at__isnull=False)
        )
    return queryset.filter(visible).distinct()
