"""Writes to a city's record: creation, changes to its facts and contacts, status changes."""

import datetime
import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.countries import is_country_code
from icc.core.history import reason as history_reason
from icc.core.history import record_change
from icc.network.eligibility import EligibilityRules, Shortfall, eligibility_shortfalls
from icc.network.models import CITY_STATUS_WORKFLOW, City, CityContact, CityStatus, NetworkSettings
from icc.network.selectors.access import network_settings

# A city of more than this is implausible (Tokyo's metropolitan area is ~37 million).
MAX_PLAUSIBLE_POPULATION = 40_000_000

CITY_FACT_FIELDS = (
    "name_en", "name_fr", "country", "region", "latitude", "longitude", "is_capital", "website",
    "population", "population_year", "population_source",
    "foreign_residents_share", "foreign_residents_year", "foreign_residents_source",
    "foreign_born_share", "foreign_born_year", "foreign_born_source",
    "minorities_share", "minorities_year", "minorities_source",
    "support_group_established", "support_group_description",
)  # fmt: skip
# Membership of a national network is the secretariat's decision, like the internal notes.
SECRETARIAT_ONLY_FIELDS = ("national_network", "notes")


class SecretariatOnlyFields(PermissionDenied):
    """Someone other than the secretariat tried to set `national_network` or `notes`; `fields` maps each
    refused field to its message."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(_("Only the secretariat changes these fields; leave them out."))
        self.fields = {name: _("Only the secretariat changes this field.") for name in names}


def _check_may_change(city: City, by: User | None, fields: dict[str, Any]) -> None:
    """The field-level rule, here so that every way in (forms, API, imports) obeys it. `by=None` is the
    system itself (imports from the command line, demo data)."""
    if by is None:
        return
    if not by.has_perm("network.change_city", city):
        raise PermissionDenied(_("Your roles do not allow changing %(city)s.") % {"city": city})
    refused = sorted(set(fields) & set(SECRETARIAT_ONLY_FIELDS))
    if refused and not by.has_perm("network.view_city_internal", city):
        raise SecretariatOnlyFields(refused)


def city_status_choices(city: City) -> list[str]:
    """The statuses the secretariat may give the city by hand: the workflow's next states, except
    membership, which only the accession step "member" grants (a suspended member is reinstated here)."""
    return [
        state
        for state in CITY_STATUS_WORKFLOW.allowed_from(city.status)
        if state != CityStatus.MEMBER or city.status == CityStatus.SUSPENDED
    ]


def city_name_key(name: str) -> str:
    """Name folded for duplicate checks: case, accents and surrounding spaces do not count."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    # Folding can lengthen a name (ligatures, "ß" -> "ss"): the key keeps the column's 200 characters.
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()[:200]


def unique_city_slug(
    name: str, country: str, exclude_pk: int | None = None, *, taken: set[str] | None = None
) -> str:
    """A slug no other city has. `taken`: the slugs in use, when the caller (an import of thousands of
    cities) read them once and adds each new one, instead of one query per city."""
    # 100 characters leave room for the country and a number within the column's 120.
    base = slugify(unicodedata.normalize("NFKD", name))[:100].strip("-") or "city"
    candidates = [base, f"{base}-{country.lower()}"] + [
        f"{base}-{country.lower()}-{n}" for n in range(2, 100)
    ]
    if taken is None:
        others = City.objects.exclude(pk=exclude_pk) if exclude_pk is not None else City.objects.all()
        taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    return next(slug for slug in candidates if slug not in taken)


def eligibility_rules(row: NetworkSettings | None = None) -> EligibilityRules:
    row = row or network_settings()
    return EligibilityRules(min_population=row.min_population, min_diversity_share=row.min_diversity_share)


def city_eligibility(city: City) -> list[Shortfall]:
    return eligibility_shortfalls(
        population=city.population,
        foreign_residents_share=city.foreign_residents_share,
        foreign_born_share=city.foreign_born_share,
        minorities_share=city.minorities_share,
        rules=eligibility_rules(),
    )


def city_validate(city: City) -> None:
    """Every rule a city's record must pass, in one place (the forms and the import use it); sets name_key."""
    errors: dict[str, list[str]] = {}
    if not is_country_code(city.country):
        errors.setdefault("country", []).append(
            _("“%(code)s” is not a country code. Use the two-letter ISO code, e.g. FR or DE.")
            % {"code": city.country}
        )
    if city.population is not None:
        if city.population <= 0:
            errors.setdefault("population", []).append(
                _("Population must be a positive number of inhabitants.")
            )
        elif city.population > MAX_PLAUSIBLE_POPULATION:
            errors.setdefault("population", []).append(
                _("Population %(pop)s is implausible for a city; check for extra digits.")
                % {"pop": city.population}
            )
    this_year = datetime.date.today().year
    for year_field in ("population_year", "foreign_residents_year", "foreign_born_year", "minorities_year"):
        year = getattr(city, year_field)
        if year is not None and not 1900 <= year <= this_year:
            errors.setdefault(year_field, []).append(
                _("The year must be between 1900 and %(year)s.") % {"year": this_year}
            )
    if not (city.name_en or "").strip():
        errors.setdefault("name_en", []).append(_("Give the city's name in English."))
    city.name_key = city_name_key(city.name_en or "")
    network = city.national_network
    if network is not None and network.country != city.country:
        errors.setdefault("national_network", []).append(
            _("%(network)s groups cities of another country; choose a network of the city's country or none.")
            % {"network": network}
        )
    duplicate = (
        City.objects.filter(country=city.country, name_key=city.name_key).exclude(pk=city.pk).first()
        if city.name_key
        else None
    )
    if duplicate is not None:
        errors.setdefault("name_en", []).append(
            _("%(name)s (%(country)s) is already in the register.")
            % {"name": duplicate.name, "country": city.country}
        )
    try:
        city.full_clean(exclude=["name_key", "slug", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def city_create(*, by: User | None, status: str = CityStatus.ENQUIRY, **fields: Any) -> City:
    unknown = set(fields) - set(CITY_FACT_FIELDS) - set(SECRETARIAT_ONLY_FIELDS)
    if unknown:
        raise TypeError(f"city_create() got unknown fields {sorted(unknown)}")
    if "name_en" in fields and not fields.get("name_fr"):
        fields["name_fr"] = fields["name_en"]
    city = City(**fields, status=status)
    city.country = (city.country or "").upper()
    city_validate(city)
    city.slug = unique_city_slug(city.name_en or "", city.country)
    record_change(city, by=by, reason=history_reason("created"))
    city.save()
    return city


@transaction.atomic
def city_update(*, city: City, by: User | None, **fields: Any) -> City:
    allowed = set(CITY_FACT_FIELDS) | set(SECRETARIAT_ONLY_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"city_update() got unknown fields {sorted(unknown)}")
    city = City.objects.select_for_update().get(pk=city.pk)
    _check_may_change(city, by, fields)
    for name, value in fields.items():
        setattr(city, name, value)
    city.country = (city.country or "").upper()
    city_validate(city)
    record_change(city, by=by)
    city.save()
    return city


@transaction.atomic
def city_change_status(
    *, city: City, status: str, by: User | None, date: datetime.date | None = None, reason: str = ""
) -> City:
    """Suspend, withdraw, reinstate or reopen a city. Membership itself comes from the accession step."""
    city = City.objects.select_for_update().get(pk=city.pk)
    if by is not None and not by.has_perm("network.manage_accession", city):
        raise PermissionDenied(_("Only the secretariat changes a city's status."))
    CITY_STATUS_WORKFLOW.check(city.status, status)
    if status not in city_status_choices(city):
        raise ValidationError(
            {"status": _("A candidate becomes a member by recording the accession step “Member”.")}
        )
    if not reason.strip() and status in (CityStatus.SUSPENDED, CityStatus.WITHDRAWN):
        raise ValidationError(
            {"reason": _("Give the reason for this change; it is kept in the city's history.")}
        )
    city.status = status
    city.status_since = date or datetime.date.today()
    if reason.strip():
        stored = history_reason("network.city_status_because", status=status, words=reason)
    else:
        stored = history_reason("network.city_status", status=status)
    record_change(city, by=by, reason=stored)
    city.save()
    return city


@transaction.atomic
def contact_save(
    *, city: City, by: User | None, contact: CityContact | None = None, **fields: Any
) -> CityContact:
    contact = contact or CityContact(city=city)
    if contact.city_id != city.pk:
        raise ValidationError(_("This contact belongs to another city."))
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.full_clean()
    record_change(contact, by=by)
    contact.save()
    return contact


@transaction.atomic
def contact_delete(*, contact: CityContact, by: User | None) -> None:
    record_change(contact, by=by)
    contact.delete()
