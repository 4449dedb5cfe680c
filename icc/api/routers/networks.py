"""National networks: public for everyone (name, country, lead city, member cities)."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.api.schemas import Slug
from icc.core.countries import country_name
from icc.network.models import City, NationalNetwork
from icc.public.page_cache import public_cache

router = Router(tags=["national networks"])


class NetworkCityOut(Schema):
    slug: str
    name: str


class NetworkOut(Schema):
    slug: str
    name: str
    name_en: str
    name_fr: str
    country: str = Field(..., description="ISO 3166 alpha-2 code.")
    country_name: str
    founded: int | None
    website: str
    description: str
    lead_city: str | None = Field(..., description="The lead city's slug, when it is a public city.")
    cities: list[NetworkCityOut] = Field(..., description="Its public cities (as `/cities` lists them).")


def _networks() -> Any:
    public_cities = City.objects.public().only("pk", "slug", "name_en", "name_fr")
    return (
        NationalNetwork.objects.select_related("lead_city")
        .annotate(lead_city_public=Exists(City.objects.public().filter(pk=OuterRef("lead_city"))))
        .prefetch_related(
            Prefetch("cities", queryset=public_cities.order_by("name"), to_attr="public_cities")
        )
    )


def network_out(network: NationalNetwork) -> dict[str, Any]:
    lead = network.lead_city
    return {
        "slug": network.slug,
        "name": network.name,
        "name_en": network.name_en,  # type: ignore[attr-defined]
        "name_fr": network.name_fr,  # type: ignore[attr-defined]
        "country": network.country,
        "country_name": country_name(network.country),
        "founded": network.founded,
        "website": network.website,
        "description": network.description,
        "lead_city": lead.slug if lead is not None and network.lead_city_public else None,  # type: ignore[attr-defined]
        "cities": [{"slug": c.slug, "name": c.name} for c in network.public_cities],  # type: ignore[attr-defined]
    }


@router.get(
    "/networks", response=documented({200: list[NetworkOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
@public_cache
@paginate(Pagination)
def list_networks(request: HttpRequest) -> Any:
    """Every national network, by name, with its public cities."""
    return Mapped(_networks().order_by("name", "pk"), network_out)


@router.get(
    "/networks/{slug}",
    response=documented({200: NetworkOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
def get_network(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One national network."""
    network = _networks().filter(slug=slug).first()
    if network is None:
        raise Http404
    return network_out(network)
