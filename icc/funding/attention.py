"""What funding asks of the secretariat now (icc.core.attention): the deadlines within 30 days (or passed and
still open): applications in draft to submit, and donor reports due on granted or reporting applications.
One query; nothing for people who are not in the secretariat."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.funding.selectors import deadlines_due


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    due = deadlines_due(timezone.localdate())
    if not due:
        return
    first_day, _which, first = due[0]
    reports = sum(1 for _day, which, _a in due if which == "reporting")
    yield AttentionItem(
        key="funding.deadlines",
        label=ngettext(
            "%(n)s funding deadline within 30 days",
            "%(n)s funding deadlines within 30 days",
            len(due),
        )
        % {"n": len(due)},
        count=len(due),
        due=first_day,
        url=reverse("funding:application_detail", args=[first.pk]),
        detail=_("%(submissions)s to submit, %(reports)s donor reports. The link opens the soonest.")
        % {"submissions": len(due) - reports, "reports": reports},
    )
