"""What expert work asks of each person now (icc.core.attention): an expert's declarations to make and
claims to submit; the secretariat's claims to decide, work without a lead expert, and open calls that
experts answered. A fixed number of queries per person, none for people with no part in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.experts.models import (
    Assignment,
    AssignmentExpert,
    AssignmentStatus,
    CallInterest,
    ClaimStatus,
    ExpenseClaim,
)

OPEN = (AssignmentStatus.PLANNED, AssignmentStatus.CONFIRMED)


@contributes
def expert_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.expert:
        return
    mine = AssignmentExpert.objects.filter(expert__user=user, expert__erased_at__isnull=True)
    undeclared = mine.filter(conflict_declared_at__isnull=True, assignment__status__in=OPEN).aggregate(
        n=Count("pk"), oldest=Min("created")
    )
    if undeclared["n"]:
        yield AttentionItem(
            key="experts.declare",
            label=ngettext(
                "%(n)s piece of expert work waits for your declaration of conflicts of interest",
                "%(n)s pieces of expert work wait for your declaration of conflicts of interest",
                undeclared["n"],
            )
            % {"n": undeclared["n"]},
            count=undeclared["n"],
            oldest=undeclared["oldest"],
            url=reverse("experts:my_work"),
        )
    today = timezone.localdate()
    waiting_or_settled = ExpenseClaim.objects.filter(assignment_expert=OuterRef("pk")).exclude(
        status=ClaimStatus.RETURNED
    )
    to_claim = (
        mine.filter(
            Q(assignment__status=AssignmentStatus.DONE)
            | Q(assignment__status=AssignmentStatus.CONFIRMED, assignment__ends_on__lt=today)
        )
        .filter(~Exists(waiting_or_settled))
        .aggregate(n=Count("pk"), oldest=Min("assignment__ends_on"))
    )
    if to_claim["n"]:
        yield AttentionItem(
            key="experts.claim",
            label=ngettext(
                "%(n)s piece of expert work is over: submit your expense claim",
                "%(n)s pieces of expert work are over: submit your expense claims",
                to_claim["n"],
            )
            % {"n": to_claim["n"]},
            count=to_claim["n"],
            oldest=to_claim["oldest"],
            url=reverse("experts:my_work"),
        )


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    claims = ExpenseClaim.objects.filter(status=ClaimStatus.SUBMITTED).aggregate(
        n=Count("pk"), oldest=Min("submitted_at")
    )
    if claims["n"]:
        yield AttentionItem(
            key="experts.claims",
            label=ngettext(
                "%(n)s expense claim to approve, correct or return",
                "%(n)s expense claims to approve, correct or return",
                claims["n"],
            )
            % {"n": claims["n"]},
            count=claims["n"],
            oldest=claims["oldest"],
            url=reverse("experts:claim_list"),
        )
    has_lead = AssignmentExpert.objects.filter(assignment=OuterRef("pk"), lead=True)
    leaderless = (
        Assignment.objects.filter(status__in=OPEN, ends_on__gte=timezone.localdate())
        .filter(~Exists(has_lead))
        .order_by("starts_on", "pk")
    )
    first = leaderless.values_list("pk", "starts_on").first()
    if first:
        n = leaderless.count()
        yield AttentionItem(
            key="experts.no_lead",
            label=ngettext(
                "%(n)s piece of expert work without a lead expert",
                "%(n)s pieces of expert work without a lead expert",
                n,
            )
            % {"n": n},
            count=n,
            due=first[1],
            url=reverse("experts:assignment_detail", args=[first[0]]),
            detail=_("The link opens the soonest."),
        )
    answered = (
        CallInterest.objects.filter(assignment__open_call=True, assignment__status=AssignmentStatus.PLANNED)
        .order_by()
        .aggregate(n=Count("assignment", distinct=True), oldest=Min("at"))
    )
    if answered["n"]:
        yield AttentionItem(
            key="experts.call_interest",
            label=ngettext(
                "%(n)s open call that experts answered: choose the team",
                "%(n)s open calls that experts answered: choose the team",
                answered["n"],
            )
            % {"n": answered["n"]},
            count=answered["n"],
            oldest=answered["oldest"],
            url=reverse("experts:calls"),
        )


@contributes
def profile_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    """Intercultural profiles: the secretariat's to review and to share, a lead expert's drafts and returned
    profiles, a city coordinator's shared profiles awaiting the city's decision (selectors/profiles.py)."""
    from icc.experts.selectors.profiles import profile_attention_items

    yield from profile_attention_items(user, summary)
