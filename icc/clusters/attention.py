"""What learning clusters and the policy lab ask of each person now (icc.core.attention): the secretariat's
progress reports to review and applications to score and decide; a lead expert's progress reports due (within
two weeks or overdue) and reports returned to them. A fixed number of queries per person, none for people with
no part in it."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Min, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.clusters.models import (
    ApplicationStatus,
    ClusterStatus,
    LabApplication,
    LearningCluster,
    ProgressReport,
    ReportStatus,
)
from icc.clusters.selectors import next_report_due
from icc.core.attention import AttentionItem, contributes

DUE_SOON = datetime.timedelta(days=14)


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    waiting = list(
        ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", "submitted_at")
    )
    if waiting:
        yield AttentionItem(
            key="clusters.report_review",
            label=ngettext(
                "%(n)s learning cluster progress report to review",
                "%(n)s learning cluster progress reports to review",
                len(waiting),
            )
            % {"n": len(waiting)},
            count=len(waiting),
            oldest=waiting[0][1],
            url=reverse("clusters:report_detail", args=[waiting[0][0]]),
            detail=_("The link opens the oldest."),
        )
    applications = (
        LabApplication.objects.filter(status=ApplicationStatus.SUBMITTED)
        .values("call_id")
        .annotate(n=Count("pk"), oldest=Min("created"))
        .order_by("oldest")
    )
    rows = list(applications)
    if rows:
        total = sum(row["n"] for row in rows)
        unscored = (
            LabApplication.objects.filter(status=ApplicationStatus.SUBMITTED)
            .annotate(scored=Count("scores"))
            .filter(scored=0)
            .count()
        )
        yield AttentionItem(
            key="clusters.applications",
            label=ngettext(
                "%(n)s application to the policy lab to score and decide",
                "%(n)s applications to the policy lab to score and decide",
                total,
            )
            % {"n": total},
            count=total,
            oldest=rows[0]["oldest"],
            url=reverse("clusters:call_applications", args=[rows[0]["call_id"]]),
            detail=ngettext("%(n)s not scored yet.", "%(n)s not scored yet.", unscored) % {"n": unscored}
            if unscored
            else "",
        )


@contributes
def lead_expert_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.expert:
        return
    today = timezone.localdate()
    led = list(
        LearningCluster.objects.filter(
            lead_expert__user=user, lead_expert__erased_at__isnull=True, status=ClusterStatus.RUNNING
        ).prefetch_related(Prefetch("reports", queryset=ProgressReport.objects.order_by("-period_end")))
    )
    returned = [r for c in led for r in c.reports.all() if r.status == ReportStatus.RETURNED]
    if returned:
        first = min(returned, key=lambda r: r.reviewed_at or r.created)
        yield AttentionItem(
            key="clusters.report_returned",
            label=ngettext(
                "%(n)s progress report returned to you: correct it and submit it again",
                "%(n)s progress reports returned to you: correct them and submit them again",
                len(returned),
            )
            % {"n": len(returned)},
            count=len(returned),
            oldest=first.reviewed_at,
            url=reverse("clusters:report_detail", args=[first.pk]),
        )
    due = [
        (next_report_due(c, c.reports.all()), c)
        for c in led
        if not any(r.status == ReportStatus.RETURNED for r in c.reports.all())
    ]
    due = sorted(
        ((day, c) for day, c in due if day - DUE_SOON <= today), key=lambda pair: (pair[0], pair[1].pk)
    )
    if due:
        yield AttentionItem(
            key="clusters.report_due",
            label=ngettext(
                "%(n)s learning cluster's progress report is due",
                "%(n)s learning clusters' progress reports are due",
                len(due),
            )
            % {"n": len(due)},
            count=len(due),
            due=due[0][0],
            url=reverse("clusters:report_new", args=[due[0][1].pk]),
        )
