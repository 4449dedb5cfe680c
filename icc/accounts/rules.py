"""Who may do what: predicates over roles (django-rules). Each app's rules.py declares its permissions."""

from typing import Any

import rules
from django.core.exceptions import PermissionDenied

from icc.accounts.models import RoleKind
from icc.accounts.selectors import user_roles_summary


@rules.predicate
def is_secretariat(user: Any) -> bool:
    return user_roles_summary(user).secretariat


def require_secretariat(user: Any) -> None:
    """The one check of a secretariat-only page or action: anyone else is refused (403)."""
    if not is_secretariat(user):
        raise PermissionDenied


@rules.predicate
def is_expert(user: Any) -> bool:
    return user_roles_summary(user).expert


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


@rules.predicate
def coordinates_a_city(user: Any) -> bool:
    return bool(user_roles_summary(user).coordinated_city_ids)


def may_manage_role(user: Any, *, kind: str, city: Any) -> bool:
    """The one rule for who may invite someone to a role, or take it away: the secretariat any role; a city's
    coordinator only the contributor role of a city they coordinate (`city` is a City or its id)."""
    summary = user_roles_summary(user)
    if summary.secretariat:
        return True
    city_id = getattr(city, "pk", city)
    return kind == RoleKind.CITY_CONTRIBUTOR and city_id in summary.coordinated_city_ids


@rules.predicate
def manages_city_team(user: Any, city: Any) -> bool:
    return city is not None and may_manage_role(user, kind=RoleKind.CITY_CONTRIBUTOR, city=city)


rules.add_perm("accounts.manage_people", is_secretariat)
# Inviting: the secretariat (any role) and city coordinators (contributors of their own cities).
rules.add_perm("accounts.invite", is_secretariat | coordinates_a_city)
rules.add_perm("accounts.manage_city_team", manages_city_team)
