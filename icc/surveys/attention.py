"""What residents' surveys ask of a city coordinator now (icc.core.attention): an open survey with few
answers for the time gone (spread the word), and a closed survey whose results are not published yet. Two
queries for a coordinator, none for anyone else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.surveys.selectors import few_answer_surveys, unpublished_closed


@contributes
def survey_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.coordinated_city_ids:
        return
    few = few_answer_surveys(summary.coordinated_city_ids)
    if few:
        first = few[0]
        yield AttentionItem(
            key="surveys.few_answers",
            label=ngettext(
                "%(n)s residents' survey is open with few answers",
                "%(n)s residents' surveys are open with few answers",
                len(few),
            )
            % {"n": len(few)},
            count=len(few),
            url=reverse("surveys:detail", args=[first.pk]),
            due=first.closes_on,
            detail=_("%(answers)s answers of the %(target)s hoped for; share the public address.")
            % {"answers": first.n, "target": first.target_answers},  # type: ignore[attr-defined]
        )
    closed = list(
        unpublished_closed(summary.coordinated_city_ids).order_by("closes_on").values_list("pk", "closes_on")
    )
    if closed:
        yield AttentionItem(
            key="surveys.to_publish",
            label=ngettext(
                "%(n)s closed residents' survey: its results are not published yet",
                "%(n)s closed residents' surveys: their results are not published yet",
                len(closed),
            )
            % {"n": len(closed)},
            count=len(closed),
            oldest=closed[0][1],
            url=reverse("surveys:detail", args=[closed[0][0]]),
        )
