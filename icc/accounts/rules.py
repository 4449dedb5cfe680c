"""Who may do what: predicates over roles (django-rules). Each app's rules.py declares its permissions."""

from typing import Any

import rules

from icc.accounts.selectors import user_roles_summary


@rules.predicate
def is_secretariat(user: Any) -> bool:
    return user_roles_summary(user).secretariat


@rules.predicate
def is_expert(user: Any) -> bool:
    return user_roles_summary(user).expert


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


rules.add_perm("accounts.manage_people", is_secretariat)
