"""Access to city reports, decided here (house rule 4).

- The secretariat does everything: generates drafts, assigns experts, shares, publishes.
- Assigned experts read and comment the drafts of their reports, and read their published versions.
- The city's people see the draft only once it is shared with the city, and every published version.
- Everybody (anonymous too) reads a published version where the response's results are public
  (`is_response_published`, the one rule of publication).
"""

from typing import Any

import rules

from icc.accounts.rules import is_expert, is_secretariat
from icc.accounts.selectors import user_roles_summary
from icc.index.selectors.publication import is_response_published


def _report_of(obj: Any) -> Any:
    """Predicates take a Report or a ReportVersion."""
    return getattr(obj, "report", obj)


@rules.predicate
def is_assigned_expert(user: Any, obj: Any) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    report = _report_of(obj)
    # The report page prefetches the experts: reuse them rather than ask again.
    cache = getattr(report, "_prefetched_objects_cache", {})
    if "experts" in cache:
        return any(expert.pk == user.pk for expert in cache["experts"])
    return report.experts.filter(pk=user.pk).exists()


@rules.predicate
def works_for_report_city(user: Any, obj: Any) -> bool:
    return obj is not None and _report_of(obj).response.city_id in user_roles_summary(user).city_ids


@rules.predicate
def is_shared_with_city(user: Any, obj: Any) -> bool:
    return obj is not None and _report_of(obj).shared_at is not None


@rules.predicate
def has_published_version(user: Any, obj: Any) -> bool:
    return obj is not None and _report_of(obj).last_published_at is not None


@rules.predicate
def results_are_public(user: Any, obj: Any) -> bool:
    return obj is not None and is_response_published(_report_of(obj).response)


assigned_expert = is_expert & is_assigned_expert

# Knowing that the report exists: its page (the draft, or only its published versions).
rules.add_perm(
    "reports.view_report",
    is_secretariat
    | assigned_expert
    | (works_for_report_city & (is_shared_with_city | has_published_version)),
)
rules.add_perm(
    "reports.view_draft", is_secretariat | assigned_expert | (works_for_report_city & is_shared_with_city)
)
rules.add_perm("reports.comment_report", is_secretariat | assigned_expert)
rules.add_perm("reports.manage_report", is_secretariat)
rules.add_perm("reports.manage_batches", is_secretariat)
# A published version (the object is a ReportVersion).
rules.add_perm(
    "reports.view_version", is_secretariat | assigned_expert | works_for_report_city | results_are_public
)
