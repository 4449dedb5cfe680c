"""What the landing page and the dashboards show."""

from typing import Any

from django.db.models import Count, Q

from icc.accounts.selectors import user_roles_summary
from icc.network.models import City, CityStatus, NationalNetwork
from icc.network.selectors.access import cities_visible_to, networks_visible_to


def home_figures() -> dict[str, int]:
    counts = City.objects.aggregate(
        members=Count("pk", filter=Q(status=CityStatus.MEMBER)),
        countries=Count("country", filter=Q(status=CityStatus.MEMBER), distinct=True),
    )
    return {**counts, "networks": NationalNetwork.objects.count()}


def dashboard_context(user: Any) -> dict[str, Any]:
    from icc.core.attention import attention_for

    summary = user_roles_summary(user)
    context: dict[str, Any] = {"summary": summary, "attention": attention_for(user)}
    if summary.secretariat:
        context["status_counts"] = dict(
            City.objects.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
        )
        context["statuses"] = CityStatus.choices
    context["my_cities"] = list(cities_visible_to(user).filter(pk__in=summary.city_ids).order_by("name"))
    context["my_networks"] = list(networks_visible_to(user).filter(pk__in=summary.coordinated_network_ids))
    return context
