"""What the policy tools ask of each person now (icc.core.attention): the people of a city see the city's
self-assessments still in progress (to answer; its coordinators: to complete). One query, none for people
with no city."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.policytools.models import Assessment, AssessmentStatus


@contributes
def city_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.city_ids:
        return
    open_ones = list(
        Assessment.objects.filter(city_id__in=summary.city_ids, status=AssessmentStatus.IN_PROGRESS)
        .order_by("created", "pk")
        .values_list("pk", "created")
    )
    if not open_ones:
        return
    count = len(open_ones)
    yield AttentionItem(
        key="policytools.in_progress",
        label=ngettext(
            "%(n)s policy self-assessment of your city to fill in",
            "%(n)s policy self-assessments of your city to fill in",
            count,
        )
        % {"n": count},
        count=count,
        url=reverse("policytools:assessment_detail", args=[open_ones[0][0]])
        if count == 1
        else reverse("policytools:home"),
        oldest=open_ones[0][1],
        detail=_("Answers are saved as you go; the city's coordinator completes it."),
    )
