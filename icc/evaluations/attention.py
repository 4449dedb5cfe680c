"""What evaluations ask of each person now (icc.core.attention): the city's evaluation to answer and its
shared
report to read; the secretariat's submitted answers to read and reports to review; the expert's reports to
write.
A fixed number of queries per person, none for people with no part in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.evaluations.models import ANSWERING, Evaluation, EvaluationReport, EvaluationStatus, ReportStatus


@contributes
def city_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.city_ids:
        return
    to_answer = list(
        Evaluation.objects.filter(city_id__in=summary.city_ids, status__in=ANSWERING)
        .order_by("deadline", "pk")
        .values_list("pk", "title", "deadline", "opened_at")
    )
    if to_answer:
        pk, title, deadline, opened = to_answer[0]
        yield AttentionItem(
            key="evaluations.answer",
            label=ngettext(
                "%(n)s evaluation of your strategy to answer",
                "%(n)s evaluations of your strategy to answer",
                len(to_answer),
            )
            % {"n": len(to_answer)},
            count=len(to_answer),
            oldest=opened,
            due=deadline,
            url=reverse("evaluations:detail", args=[pk]),
            detail=title,
        )
    to_read = list(
        EvaluationReport.objects.filter(
            evaluation__city_id__in=summary.city_ids,
            status__in=(ReportStatus.SHARED, ReportStatus.PUBLISHED),
            city_read_at__isnull=True,
        )
        .order_by("shared_at", "pk")
        .values_list("evaluation_id", "shared_at")
    )
    if to_read:
        yield AttentionItem(
            key="evaluations.report_read",
            label=ngettext(
                "%(n)s evaluation report shared with your city to read",
                "%(n)s evaluation reports shared with your city to read",
                len(to_read),
            )
            % {"n": len(to_read)},
            count=len(to_read),
            oldest=to_read[0][1],
            url=reverse("evaluations:report", args=[to_read[0][0]]),
        )


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    submitted = list(
        Evaluation.objects.filter(status=EvaluationStatus.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", "submitted_at")
    )
    if submitted:
        yield AttentionItem(
            key="evaluations.answers_read",
            label=ngettext(
                "%(n)s city's evaluation answers submitted to read",
                "%(n)s cities' evaluation answers submitted to read",
                len(submitted),
            )
            % {"n": len(submitted)},
            count=len(submitted),
            oldest=submitted[0][1],
            url=reverse("evaluations:detail", args=[submitted[0][0]]),
            detail=_(
                "Return them with comments, or accept them by assigning the expert. "
                "The link opens the oldest."
            ),
        )
    review = list(
        EvaluationReport.objects.filter(status=ReportStatus.REVIEW)
        .order_by("updated", "pk")
        .values_list("evaluation_id", "updated")
    )
    if review:
        yield AttentionItem(
            key="evaluations.report_review",
            label=ngettext(
                "%(n)s evaluation report to review", "%(n)s evaluation reports to review", len(review)
            )
            % {"n": len(review)},
            count=len(review),
            oldest=review[0][1],
            url=reverse("evaluations:report", args=[review[0][0]]),
        )


@contributes
def expert_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.expert:
        return
    drafts = list(
        EvaluationReport.objects.filter(Q(expert__user_id=user.pk), status=ReportStatus.DRAFT)
        .order_by("created", "pk")
        .values_list("evaluation_id", "created")
    )
    if drafts:
        yield AttentionItem(
            key="evaluations.report_write",
            label=ngettext(
                "%(n)s evaluation report to write", "%(n)s evaluation reports to write", len(drafts)
            )
            % {"n": len(drafts)},
            count=len(drafts),
            oldest=drafts[0][1],
            url=reverse("evaluations:report", args=[drafts[0][0]]),
        )
