"""What the programme asks of each person now (icc.core.attention): a risk owner's risks due for review (their
review date reached); the secretariat's targets at risk or missed (the last computed statuses, stored by
`targets_recompute`: reading them costs one query, computing them would not). Nothing, and no query, for
people with no part in it beyond one query for owners."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.programme.models import WATCHED_RISKS, Risk, Target, TargetStatus


@contributes
def risk_owner_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not user.is_authenticated:
        return
    due = (
        Risk.objects.filter(owner=user, status__in=WATCHED_RISKS, review_on__lte=timezone.localdate())
        .values("owner")
        .annotate(n=Count("pk"), oldest=Min("review_on"), first=Min("pk"))
    )
    row = next(iter(due), None)
    if row and row["n"]:
        oldest = (
            Risk.objects.filter(owner=user, status__in=WATCHED_RISKS, review_on=row["oldest"])
            .order_by("pk")
            .values_list("pk", flat=True)[:1]
        )
        yield AttentionItem(
            key="programme.risk_review",
            label=ngettext("%(n)s programme risk to review", "%(n)s programme risks to review", row["n"])
            % {"n": row["n"]},
            count=row["n"],
            oldest=row["oldest"],
            url=reverse("programme:risk_detail", args=[oldest[0]]),
            detail=_("The link opens the one due first."),
        )


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    rows = list(
        Target.objects.filter(status__in=(TargetStatus.AT_RISK, TargetStatus.MISSED)).values_list(
            "pk", "status_computed_at"
        )
    )
    if rows:
        yield AttentionItem(
            key="programme.targets_at_risk",
            label=ngettext(
                "%(n)s programme target at risk or missed",
                "%(n)s programme targets at risk or missed",
                len(rows),
            )
            % {"n": len(rows)},
            count=len(rows),
            url=reverse("programme:dashboard"),
            detail=_("As computed last; the dashboard shows today's figures."),
        )
