"""What the collection asks of each person now (icc.core.attention): the secretariat's practices to review;
a city's questions from the secretariat to answer and published practices to confirm (stale: no review for
three years). Two queries at most per person, none for people with no part in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef
from django.urls import reverse
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.practices.models import Practice, PracticeStatus, ReviewQuestion

REVIEWABLE = (PracticeStatus.PROPOSED, PracticeStatus.IN_REVIEW)


@contributes
def practice_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if summary.secretariat:
        unanswered = ReviewQuestion.objects.filter(practice=OuterRef("pk"), answered_at__isnull=True)
        waiting = (
            Practice.objects.filter(status__in=REVIEWABLE)
            .filter(~Exists(unanswered))
            .aggregate(n=Count("pk"), oldest=Min("proposed_at"))
        )
        if waiting["n"]:
            yield AttentionItem(
                key="practices.review",
                label=ngettext(
                    "%(n)s good practice proposed by a city waits for your review",
                    "%(n)s good practices proposed by cities wait for your review",
                    waiting["n"],
                )
                % {"n": waiting["n"]},
                count=waiting["n"],
                oldest=waiting["oldest"],
                url=reverse("practices:list") + "?status=proposed",
            )
    if not summary.city_ids:
        return
    questions = ReviewQuestion.objects.filter(
        practice__city_id__in=summary.city_ids,
        practice__status__in=REVIEWABLE,
        answered_at__isnull=True,
    ).aggregate(n=Count("pk"), oldest=Min("created"))
    if questions["n"]:
        yield AttentionItem(
            key="practices.questions",
            label=ngettext(
                "%(n)s question from the secretariat on your city's practices waits for your answer",
                "%(n)s questions from the secretariat on your city's practices wait for your answer",
                questions["n"],
            )
            % {"n": questions["n"]},
            count=questions["n"],
            oldest=questions["oldest"],
            url=reverse("practices:list") + "?status=in_review",
        )
    stale = (
        Practice.objects.stale()
        .filter(city_id__in=summary.city_ids)
        .aggregate(n=Count("pk"), oldest=Min("reviewed_at"))
    )
    if stale["n"]:
        yield AttentionItem(
            key="practices.confirm",
            label=ngettext(
                "%(n)s published practice of your city is three years old: confirm it or update it",
                "%(n)s published practices of your city are three years old: confirm or update them",
                stale["n"],
            )
            % {"n": stale["n"]},
            count=stale["n"],
            oldest=stale["oldest"],
            url=reverse("practices:list") + "?status=published",
        )
