"""What the register asks of each person now (icc.core.attention): for the secretariat, plans and reports
waiting for approval, overdue fees and candidates waiting at an accession step; for a national network's
coordinator, this year's action plan and report. A fixed number of queries whatever the network's size."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.network.models import (
    City,
    CityStatus,
    FeeStatus,
    MembershipPeriod,
    NationalNetwork,
    NetworkPlan,
    PlanKind,
    PlanStatus,
)

# A candidate city whose last accession step is older than this is listed as waiting.
ACCESSION_WAIT = datetime.timedelta(days=90)


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    today = timezone.localdate()
    # Plans and reports waiting for approval (one query; the link opens the oldest).
    submitted = list(
        NetworkPlan.objects.filter(status=PlanStatus.SUBMITTED)
        .select_related("network")
        .only("pk", "submitted_at", "network__slug")
        .order_by("submitted_at", "pk")
    )
    if submitted:
        oldest = submitted[0]
        yield AttentionItem(
            key="network.plans_submitted",
            label=ngettext(
                "%(n)s action plan or report waiting for approval",
                "%(n)s action plans and reports waiting for approval",
                len(submitted),
            )
            % {"n": len(submitted)},
            count=len(submitted),
            oldest=oldest.submitted_at,
            url=reverse("network:plan_detail", args=[oldest.network.slug, oldest.pk]),
            detail=_("The link opens the oldest.") if len(submitted) > 1 else "",
        )
    # Overdue fees (one query).
    fees = MembershipPeriod.objects.filter(status=FeeStatus.DUE, due_date__lt=today).aggregate(
        n=Count("pk"), oldest=Min("due_date")
    )
    if fees["n"]:
        yield AttentionItem(
            key="network.fees_overdue",
            label=ngettext("%(n)s membership fee overdue", "%(n)s membership fees overdue", fees["n"])
            % {"n": fees["n"]},
            count=fees["n"],
            oldest=fees["oldest"],
            url=reverse("network:fee_outstanding"),
        )
    # Candidates whose last accession step is older than ACCESSION_WAIT (one query).
    cutoff = today - ACCESSION_WAIT
    waiting = (
        City.objects.filter(status=CityStatus.CANDIDATE)
        .annotate(last_step=Max("accession_steps__date"))
        .filter(Q(last_step__lt=cutoff) | Q(last_step__isnull=True, status_since__lt=cutoff))
        .aggregate(n=Count("pk"), oldest=Min("last_step"), oldest_status=Min("status_since"))
    )
    if waiting["n"]:
        yield AttentionItem(
            key="network.accession_waiting",
            label=ngettext(
                "%(n)s candidate city waiting at an accession step for more than %(days)s days",
                "%(n)s candidate cities waiting at an accession step for more than %(days)s days",
                waiting["n"],
            )
            % {"n": waiting["n"], "days": ACCESSION_WAIT.days},
            count=waiting["n"],
            oldest=min(d for d in (waiting["oldest"], waiting["oldest_status"]) if d is not None),
            url=reverse("network:pipeline"),
        )


@contributes
def network_coordinator_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    """This year's action plan and report of each network the person coordinates, until submitted (one
    query for the networks, one for their plans)."""
    if not summary.coordinated_network_ids:
        return
    year = timezone.localdate().year
    networks = list(NationalNetwork.objects.filter(pk__in=summary.coordinated_network_ids).order_by("slug"))
    plans = {
        (plan.network_id, plan.kind): plan
        for plan in NetworkPlan.objects.filter(network__in=networks, year=year).only(
            "pk", "network_id", "kind", "status", "created", "decided_at", "secretariat_comments"
        )
    }
    for network in networks:
        for kind, label in PlanKind.choices:
            plan = plans.get((network.pk, kind))
            if plan is not None and plan.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):
                continue
            words = {"network": network.name, "kind": str(label).lower(), "year": year}
            if plan is None:
                text = _("%(network)s: the %(kind)s %(year)s is due; none is started") % words
                url = reverse("network:plan_create", args=[network.slug]) + f"?kind={kind}&year={year}"
            elif plan.status == PlanStatus.RETURNED:
                text = _("%(network)s: the secretariat returned the %(kind)s %(year)s with comments") % words
                url = reverse("network:plan_detail", args=[network.slug, plan.pk])
            else:
                text = _("%(network)s: the %(kind)s %(year)s is a draft; submit it for approval") % words
                url = reverse("network:plan_detail", args=[network.slug, plan.pk])
            yield AttentionItem(
                key="network.plan_due",
                label=text,
                count=1,
                oldest=plan.decided_at or plan.created if plan is not None else None,
                url=url,
                detail=plan.secretariat_comments
                if plan is not None and plan.status == PlanStatus.RETURNED
                else "",
            )
