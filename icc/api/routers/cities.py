"""Cities: public facts for everyone; with a token, the register as its owner may see it (same rules as
the pages: `network.view_city` and `get_city_for_user`); creation and changes through the register's
services."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StringConstraints

from icc.api.auth import PUBLIC, PUBLIC_SECURITY, TOKEN, user_of, writer_of
from icc.api.errors import ApiError, documented
from icc.api.pagination import Mapped, Pagination
from icc.api.schemas import Finite, InSchema, Line, Name, ShortText, Slug, Text
from icc.core.countries import country_name
from icc.core.search import search
from icc.network.models import PUBLIC_CITY_STATUSES, City, NationalNetwork
from icc.network.selectors.access import cities_visible_to, get_city_for_user
from icc.network.services.cities import (
    MAX_PLAUSIBLE_POPULATION,
    SecretariatOnlyFields,
    city_create,
    city_update,
)
from icc.public.page_cache import public_cache

router = Router(tags=["cities"])

CityStatusValue = Literal["enquiry", "candidate", "member", "suspended", "withdrawn"]


class CityRecordOut(Schema):
    """What only the people who may read the city's record see."""

    status: str
    status_since: datetime.date
    support_group_established: datetime.date | None
    support_group_description: str
    notes: str | None = Field(None, description="Internal notes: the secretariat only (else null).")
    can_change: bool = Field(..., description="Whether this token's owner may change the city's facts.")


class CityOut(Schema):
    slug: str
    name: str
    name_en: str
    name_fr: str
    country: str = Field(..., description="ISO 3166 alpha-2 code.")
    country_name: str
    region: str
    latitude: float | None
    longitude: float | None
    is_capital: bool
    website: str
    population: int | None
    population_year: int | None
    population_source: str
    foreign_residents_share: float | None
    foreign_residents_year: int | None
    foreign_residents_source: str
    foreign_born_share: float | None
    foreign_born_year: int | None
    foreign_born_source: str
    minorities_share: float | None
    minorities_year: int | None
    minorities_source: str
    status: str | None = Field(
        ..., description="member or candidate, else null; the status itself only in `record`."
    )
    member_since: datetime.date | None
    national_network: str | None = Field(..., description="The national network's slug.")
    record: CityRecordOut | None = Field(
        None, description="The city's record, when the token's owner may read it (else null)."
    )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def city_out(user: Any, city: City) -> dict[str, Any]:
    record = None
    if user.is_authenticated and user.has_perm("network.view_city", city):
        record = {
            "status": city.status,
            "status_since": city.status_since,
            "support_group_established": city.support_group_established,
            "support_group_description": city.support_group_description,
            "notes": city.notes if user.has_perm("network.view_city_internal", city) else None,
            "can_change": user.has_perm("network.change_city", city),
        }
    return {
        "slug": city.slug,
        "name": city.name,
        "name_en": city.name_en,
        "name_fr": city.name_fr,
        "country": city.country,
        "country_name": country_name(city.country),
        "region": city.region,
        "latitude": _float(city.latitude),
        "longitude": _float(city.longitude),
        "is_capital": city.is_capital,
        "website": city.website,
        "population": city.population,
        "population_year": city.population_year,
        "population_source": city.population_source,
        "foreign_residents_share": _float(city.foreign_residents_share),
        "foreign_residents_year": city.foreign_residents_year,
        "foreign_residents_source": city.foreign_residents_source,
        "foreign_born_share": _float(city.foreign_born_share),
        "foreign_born_year": city.foreign_born_year,
        "foreign_born_source": city.foreign_born_source,
        "minorities_share": _float(city.minorities_share),
        "minorities_year": city.minorities_year,
        "minorities_source": city.minorities_source,
        "status": city.public_status,
        "member_since": city.member_since,
        "national_network": city.national_network.slug if city.national_network else None,
        "record": record,
    }


def _records_readable(user: Any) -> Q:
    """The cities whose record `user` may read (statuses included)."""
    return Q(pk__in=cities_visible_to(user).values("pk")) if user.is_authenticated else Q(pk__in=[])


def readable_cities(user: Any) -> QuerySet[City]:
    """The public cities (`City.objects.public()`), plus those whose record `user` may read."""
    public = Q(pk__in=City.objects.public().values("pk"))
    return City.objects.select_related("national_network").filter(public | _records_readable(user))


def get_readable_city(user: Any, slug: str) -> City:
    """The city if `user` may read its record (`get_city_for_user`) or if it is public; else 404."""
    if user.is_authenticated:
        try:
            return get_city_for_user(user, slug)
        except Http404:
            pass
    city = City.objects.public().select_related("national_network").filter(slug=slug).first()
    if city is None:
        raise Http404
    return city


class CityFilters(Schema):
    q: Annotated[Line, StringConstraints(max_length=100)] | None = Field(
        None, description="Part of the name (English or French) or region."
    )
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")] | None = Field(
        None, description="ISO alpha-2 code."
    )
    status: CityStatusValue | None = None
    network: Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)] | None = Field(
        None, description="A national network's slug."
    )


@router.get("/cities", response=documented({200: list[CityOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY)
@public_cache
@paginate(Pagination)
def list_cities(request: HttpRequest, filters: Query[CityFilters]) -> list[dict[str, Any]]:
    """The public cities (members, candidates, and cities with published Index results), by name; with
    a token, also the cities whose record its owner may read, each with its `record`. Filters: `q`,
    `country`, `status` (an internal status only matches the cities whose record you may read),
    `network`."""
    user = user_of(request)
    cities = readable_cities(user)
    if filters.q:
        cities = search(cities, filters.q, ["name_en", "name_fr", "region"])
    if filters.country:
        cities = cities.filter(country=filters.country.upper())
    if filters.status:
        cities = cities.filter(status=filters.status)
        if filters.status not in PUBLIC_CITY_STATUSES:
            # An internal status is known only to those who may read the record: a public city that is
            # suspended must not be found by asking for suspended cities.
            cities = cities.filter(_records_readable(user))
    if filters.network:
        cities = cities.filter(national_network__slug=filters.network)
    return Mapped(cities.order_by("name", "pk"), lambda city: city_out(user, city))  # type: ignore[return-value]


@router.get(
    "/cities/{slug}",
    response=documented({200: CityOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
@public_cache
def get_city(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One city: public facts; with a token whose owner may read the city's record, its `record`."""
    user = user_of(request)
    return city_out(user, get_readable_city(user, slug))


# Writes ---------------------------------------------------------------------------------------------


# The bounds the register's rules enforce (models and `city_validate`), declared so that clients see them.
FIRST_YEAR = 1900
# The register refuses years after the current one; the document is built when the server starts.
THIS_YEAR = datetime.date.today().year
Share = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False, description="Per cent, 0 to 100.")]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=THIS_YEAR, description="The year the figure is for.")]
CityName = Annotated[Name, StringConstraints(max_length=200)]


class CityChangeIn(InSchema):
    """Only the fields sent are changed. `national_network` and `notes` are the secretariat's. A field this
    operation does not take is refused (422), so that a misspelt name never passes for a change."""

    name_en: CityName | None = None
    name_fr: CityName | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")] | None = Field(
        None, description="ISO alpha-2 code."
    )
    region: ShortText | None = None
    latitude: Annotated[Finite, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[Finite, Field(ge=-180, le=180)] | None = None
    is_capital: bool | None = None
    website: Annotated[Line, StringConstraints(max_length=200)] | None = None
    population: Annotated[int, Field(ge=1, le=MAX_PLAUSIBLE_POPULATION)] | None = None
    population_year: Year | None = None
    population_source: ShortText | None = None
    foreign_residents_share: Share | None = None
    foreign_residents_year: Year | None = None
    foreign_residents_source: ShortText | None = None
    foreign_born_share: Share | None = None
    foreign_born_year: Year | None = None
    foreign_born_source: ShortText | None = None
    minorities_share: Share | None = None
    minorities_year: Year | None = None
    minorities_source: ShortText | None = None
    support_group_established: datetime.date | None = None
    support_group_description: Text | None = None
    national_network: Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)] | None = (
        Field(None, description="A national network's slug, or null for none.")
    )
    notes: Text | None = None


class CityCreateIn(CityChangeIn):
    name_en: Annotated[CityName, StringConstraints(min_length=1)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")] = Field(
        ..., description="ISO alpha-2 code."
    )


DECIMAL_FIELDS = (
    "latitude",
    "longitude",
    "foreign_residents_share",
    "foreign_born_share",
    "minorities_share",
)
# Text fields the register stores as "" rather than null.
BLANK_TEXT_FIELDS = (
    "name_fr", "region", "website", "population_source", "foreign_residents_source", "foreign_born_source",
    "minorities_source", "support_group_description", "notes",
)  # fmt: skip


def _service_fields(payload: CityChangeIn) -> dict[str, Any]:
    """The payload as the register's services take it."""
    fields = payload.model_dump(exclude_unset=True)
    for name in DECIMAL_FIELDS:
        if fields.get(name) is not None:
            fields[name] = Decimal(str(fields[name]))
    for name in BLANK_TEXT_FIELDS:
        if name in fields and fields[name] is None:
            fields[name] = ""
    if "country" in fields and fields["country"] is not None:
        fields["country"] = fields["country"].upper()
    if "national_network" in fields and fields["national_network"] is not None:
        network = NationalNetwork.objects.filter(slug=fields["national_network"]).first()
        if network is None:
            raise ApiError(
                422,
                _("Some values are not valid; see the fields."),
                [
                    (
                        "national_network",
                        _("There is no national network “%(slug)s”.") % {"slug": fields["national_network"]},
                    )
                ],
            )
        fields["national_network"] = network
    return fields


@router.post("/cities", response=documented({201: CityOut}, 403), auth=TOKEN)
def create_city(request: HttpRequest, payload: CityCreateIn) -> Status[dict[str, Any]]:
    """Add a city to the register (secretariat; a token that is not read only). Same rules as the
    register's form: country code, plausible population, no duplicate name in the country..."""
    user = writer_of(request)
    if not user.has_perm("network.manage_register"):
        raise ApiError(403, _("Only the secretariat adds cities to the register."))
    city = city_create(by=user, **_service_fields(payload))
    return Status(201, city_out(user, City.objects.select_related("national_network").get(pk=city.pk)))


@router.patch("/cities/{slug}", response=documented({200: CityOut}, 403, 404), auth=TOKEN)
def change_city(request: HttpRequest, slug: Slug, payload: CityChangeIn) -> dict[str, Any]:
    """Change a city's facts: the secretariat, or the city's coordinator for its own city (not
    `national_network` nor `notes`). Only the fields sent change; the change is kept in the city's history."""
    user = writer_of(request)
    city = get_city_for_user(user, slug, perm="network.change_city")
    try:
        city = city_update(city=city, by=user, **_service_fields(payload))
    except SecretariatOnlyFields as exc:  # the register's service decides; the API names the fields
        raise ApiError(403, str(exc), list(exc.fields.items())) from exc
    return city_out(user, City.objects.select_related("national_network").get(pk=city.pk))
