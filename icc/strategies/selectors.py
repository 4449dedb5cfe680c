"""Reads of city strategies. Access is decided here, once (see docs/strategies.md):

- the secretariat reads and changes every strategy;
- the city's coordinators read and change their city's strategies (structure, status, publication);
- the city's contributors read them and keep the figures and the action plans up to date (data entry:
  data points, targets, action updates, the turn-the-curve fields), but change neither structure nor status;
- anyone else, signed in or not, reads a published strategy on the public site only; in the back office a
  strategy of another city is unknown to them (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from icc.accounts.selectors import user_roles_summary
from icc.strategies.models import Strategy


@dataclass(frozen=True)
class StrategyAccess:
    read: bool = False
    data: bool = False  # enters figures, targets, action updates, turn-the-curve fields
    write: bool = False  # changes the structure, the status, the publication

    @property
    def any(self) -> bool:
        return self.read


def city_access(user: Any, city_id: int) -> StrategyAccess:
    roles = user_roles_summary(user)
    if roles.secretariat or city_id in roles.coordinated_city_ids:
        return StrategyAccess(read=True, data=True, write=True)
    if city_id in roles.contributed_city_ids:
        return StrategyAccess(read=True, data=True)
    return StrategyAccess()


def strategy_access(user: Any, strategy: Strategy) -> StrategyAccess:
    return city_access(user, strategy.city_id)


def strategies_visible_to(user: Any) -> QuerySet[Strategy]:
    roles = user_roles_summary(user)
    qs = Strategy.objects.select_related("city")
    if roles.secretariat:
        return qs
    return qs.filter(city_id__in=roles.city_ids)


def strategy_for_user(user: Any, pk: int, *, write: bool = False, data: bool = False) -> Strategy:
    """The strategy `pk` if `user` may read it (404 otherwise); with `write` (structure, status) or `data`
    (figures, action plans) the person must also be allowed that (403 otherwise)."""
    strategy = Strategy.objects.select_related("city", "presented_at_event", "previous").filter(pk=pk).first()
    if strategy is None:
        raise Http404
    access = strategy_access(user, strategy)
    if not access.read:
        raise Http404
    if write and not access.write:
        raise PermissionDenied
    if data and not access.data:
        raise PermissionDenied
    return strategy
