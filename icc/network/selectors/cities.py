"""Reads for the list of cities and for one city's page."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict

from icc.accounts.models import Role
from icc.core.countries import country_name
from icc.core.search import collation_key, search, sorted_by_name
from icc.network.models import (
    ACCESSION_ORDER,
    AccessionStepKind,
    City,
    CityStatus,
    NationalNetwork,
)
from icc.network.selectors.access import cities_visible_to

SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "country": ("country", "name"),
    "population": ("population", "name"),
    "-population": ("-population", "name"),
    "status": ("status", "name"),
    "member_since": ("member_since", "name"),
    "-member_since": ("-member_since", "name"),
}


@dataclass
class CityListing:
    cities: list[City]
    q: str
    status: str
    country: str
    network: str
    sort: str
    countries: list[tuple[str, str]]
    networks: QuerySet[NationalNetwork]
    statuses: list[tuple[str, Any]]


def city_list_filtered(user: Any, params: QueryDict) -> CityListing:
    cities = cities_visible_to(user)
    q = params.get("q", "").strip()
    status = params.get("status", "")
    country = params.get("country", "").upper()
    network = params.get("network", "")
    sort = params.get("sort", "name")
    countries_present = sorted(
        {code for code in cities.values_list("country", flat=True)},
        key=lambda c: collation_key(country_name(c)),
    )
    if q:
        cities = search(cities, q, ["name_en", "name_fr", "region"])
    if status in CityStatus.values:
        cities = cities.filter(status=status)
    if country:
        cities = cities.filter(country=country)
    if network:
        cities = cities.filter(national_network__slug=network)
    # Names sort in the reader's order (icc.core.search), the same on every database; other columns by
    # the database, then by name.
    cities = cities.select_related("national_network")
    ordered = (
        sorted_by_name(cities, lambda city: city.name)
        if sort not in SORTS or sort in ("name", "-name")
        else list(cities.order_by(*SORTS[sort]))
    )
    if sort == "-name":
        ordered.reverse()
    return CityListing(
        cities=ordered,
        q=q,
        status=status,
        country=country,
        network=network,
        sort=sort if sort in SORTS else "name",
        countries=[(code, country_name(code)) for code in countries_present],
        networks=NationalNetwork.objects.order_by("name"),
        statuses=list(CityStatus.choices),
    )


@dataclass
class TimelineStep:
    kind: str
    label: str
    done: bool
    current: bool
    step: Any  # AccessionStep or None


def accession_timeline(city: City) -> list[TimelineStep]:
    recorded = {step.step: step for step in city.accession_steps.all()}
    last_done = max((ACCESSION_ORDER.index(k) for k in recorded), default=-1)
    return [
        TimelineStep(
            kind=kind,
            label=str(AccessionStepKind(kind).label),
            done=kind in recorded,
            current=index == last_done + 1,
            step=recorded.get(kind),
        )
        for index, kind in enumerate(ACCESSION_ORDER)
    ]


def city_page_context(user: Any, city: City) -> dict[str, Any]:
    from icc.network.services.cities import city_eligibility

    city = (
        City.objects.select_related("national_network")
        .prefetch_related("contacts", "accession_steps__documents", "accession_steps__recorded_by")
        .get(pk=city.pk)
    )
    can_see_fees = user.has_perm("network.view_city_fees", city)
    return {
        "city": city,
        "contacts": list(city.contacts.all()),
        "timeline": accession_timeline(city),
        "shortfalls": city_eligibility(city),
        "can_edit": user.has_perm("network.change_city", city),
        "can_manage": user.has_perm("network.manage_accession", city),
        "can_see_documents": user.has_perm("network.view_accession_documents", city),
        "can_see_internal": user.has_perm("network.view_city_internal", city),
        "can_see_fees": can_see_fees,
        "periods": list(city.membership_periods.order_by("-year")[:5]) if can_see_fees else [],
        "people": list(
            Role.objects.filter(city=city).select_related("user").order_by("kind", "user__full_name")
        ),
    }
