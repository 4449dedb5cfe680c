"""A national network's cities and their Index questionnaires (for the network's coordinator and the
secretariat): three queries whatever the number of cities."""

from __future__ import annotations

from dataclasses import dataclass

from icc.index.models import Response, Round, RoundStatus
from icc.network.models import City, NationalNetwork

ROUNDS_SHOWN = 3


@dataclass
class NetworkCityRow:
    city: City
    responses: list[Response | None]  # one per round of `NetworkIndexStatus.rounds`, None: not invited


@dataclass
class NetworkIndexStatus:
    network: NationalNetwork
    rounds: list[Round]
    rows: list[NetworkCityRow]


def network_index_status(network: NationalNetwork) -> NetworkIndexStatus:
    """Each city of the network (by name) with the status of its response in the latest rounds that are
    open or closed (newest first)."""
    cities = list(City.objects.filter(national_network=network).order_by("name"))
    rounds = list(Round.objects.exclude(status=RoundStatus.DRAFT).order_by("-opens_on", "-pk")[:ROUNDS_SHOWN])
    found = {
        (r.city_id, r.round_id): r
        for r in Response.objects.filter(city__in=cities, round__in=rounds).only(
            "pk", "city_id", "round_id", "status", "deadline", "submitted_at"
        )
    }
    return NetworkIndexStatus(
        network=network,
        rounds=rounds,
        rows=[
            NetworkCityRow(city=city, responses=[found.get((city.pk, round_.pk)) for round_ in rounds])
            for city in cities
        ],
    )
