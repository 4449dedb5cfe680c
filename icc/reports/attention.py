"""What the reports ask of each person now (icc.core.attention): drafts waiting for publication (the
secretariat), reports shared with a city (its coordinator), reports an expert is assigned to. One query
per contributor whatever the number of reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.reports.models import Report, ReportStatus


def _reports() -> Any:
    return (
        Report.objects.select_related("response__city", "response__round")
        .defer("draft_content", "commentary")
        .order_by("draft_generated_at", "pk")
    )


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    drafts = list(_reports().filter(draft_generated_at__isnull=False).exclude(status=ReportStatus.PUBLISHED))
    if drafts:
        yield AttentionItem(
            key="reports.drafts_waiting",
            label=ngettext(
                "%(n)s report draft waiting for publication",
                "%(n)s report drafts waiting for publication",
                len(drafts),
            )
            % {"n": len(drafts)},
            count=len(drafts),
            oldest=drafts[0].draft_generated_at,
            url=reverse("reports:report_list"),
            detail=", ".join(str(r.response.city.name) for r in drafts[:5])
            + (" …" if len(drafts) > 5 else ""),
        )


@contributes
def city_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.coordinated_city_ids:
        return
    for report in _reports().filter(
        response__city_id__in=summary.coordinated_city_ids, status=ReportStatus.SHARED
    ):
        yield AttentionItem(
            key="reports.shared",
            label=_("%(city)s · %(round)s: the draft report is shared with the city for reading")
            % {"city": report.response.city.name, "round": report.response.round.name},
            count=1,
            oldest=report.shared_at,
            url=reverse("reports:report_detail", args=[report.pk]),
        )


@contributes
def expert_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    """An expert's assigned reports not yet published, with the date their commentary is due (counted
    down) when the secretariat set one, oldest first."""
    if not summary.expert:
        return
    for report in _reports().filter(experts=user).exclude(status=ReportStatus.PUBLISHED):
        yield AttentionItem(
            key="reports.assigned",
            label=_("%(city)s · %(round)s: the report you are assigned to (%(status)s)")
            % {
                "city": report.response.city.name,
                "round": report.response.round.name,
                "status": report.get_status_display(),
            },
            count=1,
            oldest=report.draft_generated_at or report.created,
            due=report.commentary_due_on,
            url=reverse("reports:report_detail", args=[report.pk]),
        )
