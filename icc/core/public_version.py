"""The public content version: one number that moves on with every change the public site could show.

The public pages and the public API are cached by this number (icc/public/page_cache.py): a page is
computed once per version and language, whatever the number of readers, and a publication, a withdrawal or
a corrected city name changes the number, so that the next request of any server computes the page anew.

What moves it on:
- a save or a deletion of a record the public site reads (cities, national networks, questionnaires,
  rounds, responses, reports and their versions, the network's settings): receivers connected by
  `icc.public` (icc/public/signals.py), which knows what it reads;
- writes that send no signal (bulk creation, queryset updates) call `public_content_changed()` themselves:
  the scores of a round (icc/index/services/scores.py) and the cities of an import.

The number is read once per cached request (one indexed query), and moved on inside the transaction
that makes the change: a reader sees the new number exactly when it sees the new data.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from icc.core.models import PublicVersion

ROW = 1


def public_version() -> str:
    """The current version, e.g. "42.1765091234.123456": the number and when it moved on, so that a number
    taken again after a rolled-back change is still another version. One query."""
    row = PublicVersion.objects.filter(pk=ROW).values_list("number", "changed_at").first()
    if row is None:
        return "0"
    number, changed_at = row
    return f"{number}.{changed_at.timestamp():.6f}" if changed_at else str(number)


def public_content_changed() -> None:
    """Move the number on, inside the caller's transaction (if any)."""
    now = timezone.now()
    if PublicVersion.objects.filter(pk=ROW).update(number=F("number") + 1, changed_at=now):
        return
    try:
        with transaction.atomic():
            PublicVersion.objects.create(pk=ROW, number=1, changed_at=now)
    except IntegrityError:  # created by another process in between
        PublicVersion.objects.filter(pk=ROW).update(number=F("number") + 1, changed_at=now)
