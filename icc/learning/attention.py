"""What the initiation course asks of each person now (icc.core.attention): a learner's started courses not
finished; the secretariat's lesson versions waiting for review. Two queries at most per person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.learning.models import Enrolment, LessonVersion, VersionStatus


@contributes
def learner_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.authenticated:
        return
    open_ = list(
        Enrolment.objects.filter(user=user, completed_at__isnull=True)
        .order_by("last_activity_at")
        .values_list("course__slug", "course__title", "last_activity_at")
    )
    if open_:
        slug, _title, since = open_[0]
        yield AttentionItem(
            key="learning.not_finished",
            label=ngettext("%(n)s course not finished", "%(n)s courses not finished", len(open_))
            % {"n": len(open_)},
            count=len(open_),
            oldest=since,
            url=reverse("learning:course", args=[slug]),
            detail=_("Your progress is saved: pick up where you left off."),
        )


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    waiting = list(
        LessonVersion.objects.filter(status=VersionStatus.IN_REVIEW)
        .order_by("submitted_at", "pk")
        .values_list("pk", "submitted_at")
    )
    if waiting:
        yield AttentionItem(
            key="learning.review",
            label=ngettext("%(n)s lesson to review", "%(n)s lessons to review", len(waiting))
            % {"n": len(waiting)},
            count=len(waiting),
            oldest=waiting[0][1],
            url=reverse("learning:version", args=[waiting[0][0]]),
            detail=_("The link opens the oldest."),
        )
