"""What needs a person now ("needs you"): the signed-in home lists it, oldest first.

Each app contributes in a module `<app>/attention.py` that decorates, with `@contributes`, functions
taking `(user, summary)` (summary: `icc.accounts.selectors.RolesSummary`, read once per request) and
returning `AttentionItem`s. The dashboard only collects them (`attention_for`); it knows nothing of any
app. A new app adds its items in its own `attention.py`, nowhere else: modules named `attention` are
discovered in every installed app on first use, as the admin discovers `admin.py`.

Items must be cheap: a contributor runs a fixed number of queries whatever the size of the network
(aggregates, not a query per city), and returns nothing (no query at all) for a person whose roles give
them nothing to do there.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttentionItem:
    """One line of a person's task list: what to do, how many, since when, and where."""

    label: str  # translated, e.g. "Responses submitted and waiting for review"
    count: int
    url: str  # the page where the work is done
    oldest: datetime.datetime | datetime.date | None = None  # the oldest piece of work, or None
    detail: str = ""  # one more line: a note, a due date, a completion
    due: datetime.date | None = None  # a deadline, shown as a countdown
    key: str = ""  # stable identifier (tests, anchors), e.g. "index.review"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[int, float]:
        when = self.oldest or self.due
        if when is None:
            return (1, 0.0)
        if isinstance(when, datetime.datetime):
            stamp = when.timestamp()
        else:
            stamp = datetime.datetime.combine(when, datetime.time(), tzinfo=datetime.UTC).timestamp()
        return (0, stamp)

    @property
    def days_waiting(self) -> int | None:
        if self.oldest is None:
            return None
        # Days as the reader's calendar counts them: an aware moment is read in the site's time zone.
        oldest = self.oldest
        if isinstance(oldest, datetime.datetime):
            oldest = (timezone.localtime(oldest) if timezone.is_aware(oldest) else oldest).date()
        return max((timezone.localdate() - oldest).days, 0)

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        left = self.days_left
        return -left if left is not None and left < 0 else 0


Contributor = Callable[[Any, Any], Iterable[AttentionItem]]
_contributors: list[Contributor] = []
_discovered = False


def contributes(function: Contributor) -> Contributor:
    """Register a function `(user, summary) -> items` (decorator, used in `<app>/attention.py`)."""
    if function not in _contributors:
        _contributors.append(function)
    return function


def _discover() -> None:
    global _discovered
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("attention")
        _discovered = True


def attention_for(user: Any) -> list[AttentionItem]:
    """Everything that needs `user`, oldest (or nearest deadline) first; items counting 0 are left out."""
    from icc.accounts.selectors import user_roles_summary

    _discover()
    summary = user_roles_summary(user)
    if not summary.authenticated:
        return []
    items = [item for contributor in _contributors for item in contributor(user, summary) if item.count]
    return sorted(items, key=lambda item: item.sort_key)
