"""Who may do what with a practice: decided here, once (every view and API endpoint goes through it).

- the secretariat reads, edits and decides on every practice;
- a city's coordinators and contributors propose practices for their city, edit them until they are
  published, answer the secretariat's questions and confirm a published practice is still current;
- everyone reads a published practice on the public site (icc/practices/selectors/catalogue.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from icc.accounts.selectors import user_roles_summary
from icc.network.models import City
from icc.practices.models import Practice, PracticeStatus

CITY_EDITABLE = (
    PracticeStatus.DRAFT,
    PracticeStatus.PROPOSED,
    PracticeStatus.IN_REVIEW,
    PracticeStatus.DECLINED,
)
PROPOSABLE = (PracticeStatus.DRAFT, PracticeStatus.DECLINED)
REVIEWABLE = (PracticeStatus.PROPOSED, PracticeStatus.IN_REVIEW)


@dataclass(frozen=True)
class PracticeAccess:
    secretariat: bool
    city_team: bool
    status: str

    @property
    def can_read(self) -> bool:
        return self.secretariat or self.city_team

    @property
    def can_edit(self) -> bool:
        return self.secretariat or (self.city_team and self.status in CITY_EDITABLE)

    @property
    def can_propose(self) -> bool:
        return self.city_team and self.status in PROPOSABLE

    @property
    def can_review(self) -> bool:
        return self.secretariat and self.status in REVIEWABLE

    @property
    def can_answer(self) -> bool:
        return self.city_team and self.status in REVIEWABLE

    @property
    def can_confirm(self) -> bool:
        return (self.city_team or self.secretariat) and self.status == PracticeStatus.PUBLISHED


def practice_access(user: Any, practice: Practice) -> PracticeAccess:
    summary = user_roles_summary(user)
    return PracticeAccess(
        secretariat=summary.secretariat,
        city_team=practice.city_id in summary.city_ids,
        status=practice.status,
    )


def get_practice_for_user(user: Any, pk: int) -> tuple[Practice, PracticeAccess]:
    """The practice and what `user` may do with it; 404 for anyone who may not read it here."""
    practice = get_object_or_404(Practice.objects.select_related("city", "proposed_by"), pk=pk)
    access = practice_access(user, practice)
    if not access.can_read:
        raise Http404
    return practice, access


def cities_for_proposals(user: Any) -> QuerySet[City]:
    """The cities `user` may propose a practice for: their own (coordinator or contributor); every city for
    the secretariat."""
    summary = user_roles_summary(user)
    if summary.secretariat:
        return City.objects.order_by("name")
    return City.objects.filter(pk__in=summary.city_ids).order_by("name")


def may_use_practices(user: Any) -> bool:
    summary = user_roles_summary(user)
    return summary.secretariat or bool(summary.city_ids)


def visible_practices(user: Any) -> QuerySet[Practice]:
    """The practices `user` works on: every one for the secretariat, their cities' for a city team."""
    summary = user_roles_summary(user)
    practices = Practice.objects.select_related("city")
    if summary.secretariat:
        return practices
    return practices.filter(city_id__in=summary.city_ids)
