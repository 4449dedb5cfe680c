"""What evidence of impact asks of the secretariat now (icc.core.attention): finished analyses not yet
published as a study (newer than the latest study). One query for the secretariat, none for anyone else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.impact.models import AnalysisRun


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    # Runs finished after the newest run that has a study, with none of their own.
    newest_published = AnalysisRun.objects.filter(studies__isnull=False).aggregate(last=Max("finished_at"))[
        "last"
    ]
    waiting = AnalysisRun.objects.filter(finished_at__isnull=False, studies__isnull=True)
    if newest_published is not None:
        waiting = waiting.filter(finished_at__gt=newest_published)
    figures = waiting.aggregate(count=Count("pk", filter=Q(pk__isnull=False)), oldest=Min("finished_at"))
    if figures["count"]:
        yield AttentionItem(
            label=ngettext(
                "Impact analysis finished, not published as a study",
                "Impact analyses finished, not published as a study",
                figures["count"],
            ),
            count=figures["count"],
            url=reverse("impact:dashboard"),
            oldest=figures["oldest"],
            detail=_("Publish the one you keep, with its limits, or run it again."),
            key="impact.unpublished",
        )
