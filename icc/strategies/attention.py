"""What city strategies ask of each person now (icc.core.attention):

- the owner of an action, and the coordinators of its city, see the open actions due within two weeks or
  overdue;
- the city's coordinators and contributors see the series (performance measures, and indicators the city
  types in) without a figure for the strategy's latest period;
- the secretariat sees the strategies still in drafting more than a year after they were started.

A fixed number of queries per person; none for people without a city role, an action or the secretariat."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.strategies.models import OPEN_ACTION_STATUSES, Action, Strategy, StrategyStatus
from icc.strategies.selectors import ACTIVE_STATUSES, missing_data

DUE_SOON = datetime.timedelta(days=14)
DRAFTING_TOO_LONG = datetime.timedelta(days=365)


@contributes
def action_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.authenticated:
        return
    today = timezone.localdate()
    mine = Q(owner=user) | Q(indicator__result__strategy__city_id__in=summary.coordinated_city_ids)
    due = list(
        Action.objects.filter(
            mine,
            status__in=OPEN_ACTION_STATUSES,
            due_on__isnull=False,
            due_on__lte=today + DUE_SOON,
            indicator__result__strategy__status__in=ACTIVE_STATUSES,
        )
        .order_by("due_on", "pk")
        .values_list("pk", "due_on", "indicator_id", "indicator__result__strategy_id")[:500]
    )
    if not due:
        return
    overdue = len([row for row in due if row[1] is not None and row[1] < today])
    first = due[0]
    yield AttentionItem(
        key="strategies.actions_due",
        label=ngettext(
            "%(n)s action of a city strategy due within two weeks or overdue",
            "%(n)s actions of city strategies due within two weeks or overdue",
            len(due),
        )
        % {"n": len(due)},
        count=len(due),
        due=first[1],
        url=reverse("strategies:indicator_detail", args=[first[3], first[2]]) + "#actions-h",
        detail=ngettext("%(n)s overdue.", "%(n)s overdue.", overdue) % {"n": overdue} if overdue else "",
    )


@contributes
def missing_data_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.city_ids:
        return
    missing = missing_data(summary.city_ids)
    if not missing:
        return
    first = missing[0]
    yield AttentionItem(
        key="strategies.data_missing",
        label=ngettext(
            "%(n)s series of your city's strategy has no figure for its latest period",
            "%(n)s series of your city's strategy have no figure for their latest period",
            len(missing),
        )
        % {"n": len(missing)},
        count=len(missing),
        url=reverse("strategies:strategy_detail", args=[first.strategy_id]),
        detail=first.period_label,
    )


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    limit = timezone.localdate() - DRAFTING_TOO_LONG
    stale = list(
        Strategy.objects.filter(status=StrategyStatus.DRAFTING, status_changed_on__lte=limit)
        .order_by("status_changed_on", "pk")
        .values_list("pk", "status_changed_on")
    )
    if stale:
        yield AttentionItem(
            key="strategies.drafting_long",
            label=ngettext(
                "%(n)s city strategy in drafting for more than a year",
                "%(n)s city strategies in drafting for more than a year",
                len(stale),
            )
            % {"n": len(stale)},
            count=len(stale),
            oldest=stale[0][1],
            url=reverse("strategies:strategy_list") + "?status=drafting",
        )
