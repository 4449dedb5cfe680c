"""Reads of the initiation course, for its pages and for other apps (programme, network)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from icc.learning.models import Course


def course_first_published_on() -> datetime.date | None:
    """The date the first course was published: the programme's "initiation course ready"."""
    first = (
        Course.objects.filter(published_at__isnull=False)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else None
