"""Reads of the register. Access checks for a city or a network happen here, in one helper each."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from icc.accounts.selectors import user_roles_summary
from icc.network.models import ACCESSION_ORDER, NOT_STARTED, City, NationalNetwork, NetworkSettings


def network_settings() -> NetworkSettings:
    settings_row, _ = NetworkSettings.objects.get_or_create(pk=1)
    return settings_row


def get_city_for_user(user: Any, slug: str, *, perm: str = "network.view_city") -> City:
    """The city if `user` may read it (else 404) and holds `perm` on it (else 403)."""
    city = City.objects.select_related("national_network").filter(slug=slug).first()
    if city is None or not user.has_perm("network.view_city", city):
        raise Http404("No such city.")
    if perm != "network.view_city" and not user.has_perm(perm, city):
        raise PermissionDenied
    return city


def get_network_for_user(user: Any, slug: str, *, perm: str = "network.view_network") -> NationalNetwork:
    network = NationalNetwork.objects.select_related("lead_city").filter(slug=slug).first()
    if network is None or not user.has_perm("network.view_network", network):
        raise Http404("No such national network.")
    if perm != "network.view_network" and not user.has_perm(perm, network):
        raise PermissionDenied
    return network


def cities_visible_to(user: Any) -> QuerySet[City]:
    summary = user_roles_summary(user)
    cities = City.objects.select_related("national_network")
    if summary.secretariat or summary.expert:
        return cities
    return cities.filter(Q(pk__in=summary.city_ids) | Q(national_network__in=summary.coordinated_network_ids))


def networks_visible_to(user: Any) -> QuerySet[NationalNetwork]:
    summary = user_roles_summary(user)
    networks = NationalNetwork.objects.select_related("lead_city")
    if summary.secretariat:
        return networks
    return networks.filter(
        Q(pk__in=summary.coordinated_network_ids) | Q(cities__in=summary.coordinated_city_ids)
    ).distinct()


def network_city_ids(network: NationalNetwork) -> set[int]:
    return set(network.cities.values_list("pk", flat=True))


def city_accession_state(city: City) -> str:
    """The last accession step reached, or NOT_STARTED."""
    reached = {step.step for step in city.accession_steps.all()}
    state = NOT_STARTED
    for step in ACCESSION_ORDER:
        if step in reached:
            state = step
    return state
