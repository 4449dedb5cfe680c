"""Reads for the national networks: the list, one network's page, its plans, plans awaiting a decision."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from icc.accounts.models import Role, RoleKind
from icc.core.history import HistoryEntry, history_entries
from icc.network.models import PLAN_WORKFLOW, City, CityStatus, NationalNetwork, NetworkPlan, PlanStatus
from icc.network.selectors.access import networks_visible_to
from icc.network.services.networks import plan_not_editable_reason


def _coordinator_roles() -> Prefetch:
    return Prefetch(
        "role_set",
        queryset=Role.objects.filter(kind=RoleKind.NETWORK_COORDINATOR)
        .select_related("user")
        .order_by("user__full_name"),
        to_attr="coordinator_roles",
    )


@dataclass
class NetworkRow:
    network: NationalNetwork
    member_count: int
    city_count: int
    coordinators: list[Any]
    latest_plan: NetworkPlan | None


def network_rows(user: Any) -> list[NetworkRow]:
    """The networks `user` may read, with member counts, coordinators and their newest plan."""
    networks = (
        NationalNetwork.objects.filter(pk__in=networks_visible_to(user).values("pk"))
        .select_related("lead_city")
        .annotate(
            member_count=Count("cities", filter=Q(cities__status=CityStatus.MEMBER)),
            city_count=Count("cities"),
        )
        .prefetch_related(
            _coordinator_roles(),
            Prefetch(
                "plans", queryset=NetworkPlan.objects.order_by("-year", "-updated"), to_attr="newest_plans"
            ),
        )
        .order_by("name")
    )
    return [
        NetworkRow(
            network=network,
            member_count=network.member_count,
            city_count=network.city_count,
            coordinators=[role.user for role in network.coordinator_roles],  # type: ignore[attr-defined]
            latest_plan=next(iter(network.newest_plans), None),
        )
        for network in networks
    ]


def plans_awaiting_decision() -> QuerySet[NetworkPlan]:
    """Submitted plans, oldest submission first: what the secretariat has to decide."""
    return (
        NetworkPlan.objects.filter(status=PlanStatus.SUBMITTED)
        .select_related("network")
        .order_by("submitted_at", "pk")
    )


@dataclass
class PlanYear:
    year: int
    plans: list[NetworkPlan] = field(default_factory=list)


def network_page_context(user: Any, network: NationalNetwork) -> dict[str, Any]:
    network = (
        NationalNetwork.objects.select_related("lead_city")
        .prefetch_related(
            _coordinator_roles(),
            Prefetch("cities", queryset=City.objects.order_by("name"), to_attr="member_cities"),
            Prefetch(
                "plans",
                queryset=NetworkPlan.objects.select_related("decided_by").order_by("-year", "kind"),
                to_attr="all_plans",
            ),
        )
        .get(pk=network.pk)
    )
    years: dict[int, PlanYear] = {}
    for plan in network.all_plans:
        years.setdefault(plan.year, PlanYear(year=plan.year)).plans.append(plan)
    members = network.member_cities
    return {
        "network": network,
        "members": members,
        "member_count": sum(1 for city in members if city.status == CityStatus.MEMBER),
        "coordinators": [role.user for role in network.coordinator_roles],  # type: ignore[attr-defined]
        "plan_years": list(years.values()),
        "can_edit": user.has_perm("network.change_network", network),
        "can_write_plans": user.has_perm("network.edit_network_plans", network),
        "can_see_history": user.has_perm("network.view_register"),
    }


def get_plan(network: NationalNetwork, pk: int) -> NetworkPlan:
    """A plan of `network` (whose access the caller has checked), or 404."""
    plan = NetworkPlan.objects.select_related("network", "decided_by").filter(pk=pk, network=network).first()
    if plan is None:
        raise Http404("No such plan.")
    return plan


@dataclass
class PlanPermissions:
    can_edit: bool
    can_submit: bool
    can_decide: bool
    locked_reason: str


def plan_permissions(user: Any, plan: NetworkPlan) -> PlanPermissions:
    writer = user.has_perm("network.edit_network_plans", plan.network)
    locked_reason = plan_not_editable_reason(plan)
    return PlanPermissions(
        can_edit=writer and not locked_reason,
        can_submit=writer and PLAN_WORKFLOW.can(plan.status, PlanStatus.SUBMITTED),
        can_decide=user.has_perm("network.decide_network_plans", plan.network)
        and plan.status == PlanStatus.SUBMITTED,
        locked_reason=locked_reason,
    )


def plan_page_context(user: Any, plan: NetworkPlan) -> dict[str, Any]:
    history: list[HistoryEntry] = history_entries(plan)
    return {
        "network": plan.network,
        "plan": plan,
        "plan_perms": plan_permissions(user, plan),
        "history": history,
    }
