"""The demo's programme of activities, 2016 to 2026 (seeded, deterministic, bulk-loaded):

- each year from 2016 an annual programme (items proposed by the secretariat or a city, validated at the
  previous year's coordinators' meeting, done; one or two dropped with their reason), a coordinators'
  meeting in November (the first in 2015), and about six thematic workshops and study visits (about 60
  in all), with a webinar or a public conference now and then;
- about 300 contacts (city delegates, national officials, academics, NGO staff), half of them women, some
  who did not say; registrations with attendance, travel funding requested, approved (a few refused) and
  paid, feedback from about half of those present; personal data of events held more than 90 days ago
  deleted, with the record of it;
- one public conference open for registration now (in 30 days, relative to today), with places left, and
  a study visit next month to which Strasbourg is invited;
- the demo coordinator (coordinator@demo.icc, Strasbourg) attended past events (her certificates are on
  her registrations), and a funding request waits for the secretariat's decision.
Names are invented; the site says that demo data is synthetic.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from icc.accounts.models import User
from icc.activities.models import (
    COORDINATORS_MEETING,
    Audience,
    ClaimStatus,
    Contact,
    Event,
    EventKind,
    EventStatus,
    Feedback,
    FundingRequest,
    FundingStatus,
    InvitedCity,
    PersonalDataDeletion,
    ProgrammeItem,
    ProgrammeStatus,
    Registration,
    RegistrationStatus,
    ReimbursementClaim,
)
from icc.network.models import City, CityStatus

SEED = 20
FIRST_YEAR, LAST_YEAR = 2016, 2026
DEMO_COORDINATOR = "coordinator@demo.icc"
UTC = datetime.UTC

WORKSHOPS = [
    ("Anti-rumour strategies", "Stratégies anti-rumeurs", "tools"),
    (
        "Intercultural competence training for city staff",
        "Former le personnel municipal à la compétence interculturelle",
        "know_how",
    ),
    ("Refugee reception and inclusion", "Accueil et inclusion des réfugiés", "know_how"),
    (
        "Media and political discourse on diversity",
        "Médias et discours politique sur la diversité",
        "visibility",
    ),
    ("Diversity advantage in business", "L'avantage de la diversité pour les entreprises", "tools"),
    ("Intercultural public space", "L'espace public interculturel", "know_how"),
    (
        "Participation of migrants in local democracy",
        "Participation des migrants à la démocratie locale",
        "outreach",
    ),
    ("Measuring gaps between communities", "Mesurer les écarts entre communautés", "tools"),
    ("Inclusive schools and neighbourhoods", "Écoles et quartiers inclusifs", "know_how"),
    ("Welcoming newcomers", "L'accueil des nouveaux arrivants", "expansion"),
]
FIRST_NAMES_W = [
    "Ana",
    "Marta",
    "Sofia",
    "Claire",
    "Ingrid",
    "Giulia",
    "Elena",
    "Nadia",
    "Leila",
    "Hanna",
    "Irene",
    "Laura",
    "Maja",
    "Petra",
    "Sara",
    "Yasmin",
    "Olga",
    "Inês",
    "Lucía",
    "Emma",
]
FIRST_NAMES_M = [
    "Marco",
    "Jonas",
    "Pedro",
    "Luca",
    "Tomás",
    "Karim",
    "Nikos",
    "Jan",
    "Olivier",
    "Miguel",
    "Stefan",
    "David",
    "Ahmed",
    "Pierre",
    "Erik",
    "Paolo",
    "Andrei",
    "Hugo",
    "Ivan",
    "Rui",
]
LAST_NAMES = [
    "Almeida",
    "Berger",
    "Costa",
    "Dimitrov",
    "Eriksen",
    "Ferrari",
    "García",
    "Hansen",
    "Ivanova",
    "Jansen",
    "Kovačić",
    "Laurent",
    "Moreau",
    "Novak",
    "Olsen",
    "Petrov",
    "Quintana",
    "Rossi",
    "Schneider",
    "Tavares",
    "Uribe",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zanetti",
    "Benali",
    "Horvat",
]
ROLES = [
    ("Intercultural coordinator", "city"),
    ("Head of the integration office", "city"),
    ("Deputy mayor for social cohesion", "city"),
    ("Policy officer, Ministry of the Interior", "national"),
    ("Researcher in migration studies", "academic"),
    ("Director of a migrants' association", "ngo"),
]
ORGANISATIONS = {"national": "Ministry of the Interior", "academic": "University", "ngo": "Migrants' Forum"}


@dataclass
class DemoActivities:
    events: int
    contacts: int
    registrations: int
    open_event: Event | None


def _person(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        gender = rng.choices(["woman", "man", "another", "not_given", ""], weights=[52, 40, 1, 3, 4])[0]
        first = rng.choice(
            FIRST_NAMES_W
            if gender == "woman" or (gender in ("another", "not_given", "") and rng.random() < 0.5)
            else FIRST_NAMES_M
        )
        name = f"{first} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name, gender


def _slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return plain.replace(" ", ".").replace("'", "")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=UTC)


def load_activities_demo(today: datetime.date | None = None) -> DemoActivities:
    """Load once: a database that already has coordinators' meetings is left alone (events of other apps,
    such as cluster meetings, do not count)."""
    if Event.objects.filter(kind__key=COORDINATORS_MEETING).exists() or not City.objects.exists():
        return DemoActivities(0, 0, 0, None)
    with transaction.atomic():
        return _load(today or timezone.localdate())


def _load(today: datetime.date) -> DemoActivities:
    rng = random.Random(SEED)
    kinds = {kind.key: kind for kind in EventKind.objects.all()}
    members = list(City.objects.filter(status=CityStatus.MEMBER).order_by("name"))
    cities = members or list(City.objects.order_by("name"))
    secretariat = User.objects.filter(email="secretariat@demo.icc").first()
    coordinator = User.objects.filter(email=DEMO_COORDINATOR).first()
    strasbourg = City.objects.filter(name_en="Strasbourg").first()
    now = timezone.now()

    # People: two or three delegates per city, and people from outside the cities for public events.
    used: set[str] = set()
    contacts: list[Contact] = []
    for city in cities:
        for _n in range(rng.choice((2, 2, 3))):
            name, gender = _person(rng, used)
            role = rng.choice(ROLES[:3])[0]
            contacts.append(
                Contact(
                    full_name=name,
                    email=f"{_slug(name)}@{city.slug}.example.org",
                    organisation=f"City of {city.name_en}",
                    role_title=role,
                    country=city.country,
                    language="fr" if city.country in ("FR", "BE", "CH", "LU", "MA", "CA") else "en",
                    gender=gender,
                    city=city,
                    consent_given_at=_at(datetime.date(2016, 1, 10), 9),
                )
            )
    for _n in range(40):
        name, gender = _person(rng, used)
        role, group = rng.choice(ROLES[3:])
        contacts.append(
            Contact(
                full_name=name,
                email=f"{_slug(name)}@example.org",
                organisation=ORGANISATIONS[group],
                role_title=role,
                country=rng.choice(["PT", "IT", "ES", "NO", "DE", "FR"]),
                language="en",
                gender=gender,
                consent_given_at=_at(datetime.date(2017, 3, 1), 9),
            )
        )
    if coordinator is not None:
        contacts.append(
            Contact(
                full_name=coordinator.full_name,
                email=coordinator.email,
                organisation="City of Strasbourg",
                role_title="Intercultural coordinator",
                country="FR",
                language="fr",
                gender="woman",
                city=strasbourg,
                user=coordinator,
                consent_given_at=_at(datetime.date(2016, 1, 10), 9),
            )
        )
    contacts = Contact.objects.bulk_create(contacts)
    city_people: dict[int, list[Contact]] = {}
    for contact in contacts:
        if contact.city_id:
            city_people.setdefault(contact.city_id, []).append(contact)
    others = [c for c in contacts if c.city_id is None]
    demo_contact = next((c for c in contacts if c.user_id), None)

    events: list[Event] = []
    items: list[ProgrammeItem] = []
    item_of_event: list[int | None] = []
    meetings: dict[int, int] = {}  # year -> index in events
    # The first meeting (November 2015) validates the 2016 programme.
    for year in range(FIRST_YEAR - 1, LAST_YEAR + 1):
        host = rng.choice(cities)
        day = datetime.date(year, 11, 14 + rng.randrange(7))
        meetings[year] = len(events)
        events.append(
            Event(
                kind=kinds[COORDINATORS_MEETING],
                title_en=f"Coordinators' meeting {year}",
                title_fr=f"Réunion des coordinateurs {year}",
                description_en="The network's yearly meeting: results of the year and next year's programme.",
                description_fr="La réunion annuelle du réseau : le bilan de l'année et le programme suivant.",
                starts_at=_at(day, 8),
                ends_at=_at(day + datetime.timedelta(days=1), 16),
                time_zone="Europe/Paris",
                place=f"{host.name_en} city hall",
                host_city=host,
                audience=Audience.MEMBER_CITIES,
                capacity=120,
                places_per_city=2,
                funding_ceiling=Decimal("800.00"),
                created_by=secretariat,
                personal_data_delete_on=day + datetime.timedelta(days=90),
            )
        )
        item_of_event.append(None)
        if year < FIRST_YEAR:
            continue
        per_year = 6 if year < LAST_YEAR else 5
        for n in range(per_year):
            workshop = n % 2 == 0
            title_en, title_fr, objective = rng.choice(WORKSHOPS)
            host = rng.choice(cities)
            month = 2 + n * 1.5
            day = datetime.date(year, int(month), 3 + rng.randrange(20))
            kind = kinds["thematic_workshop" if workshop else "study_visit"]
            if not workshop:
                title_en, title_fr = (
                    f"Study visit to {host.name_en}: {title_en.lower()}",
                    f"Visite d'étude à {host.name_fr}",
                )
            elif rng.random() < 0.2:
                kind = kinds["webinar"]
            proposer = rng.choice(cities) if rng.random() < 0.3 else None
            items.append(
                ProgrammeItem(
                    year=year,
                    title_en=title_en,
                    title_fr=title_fr,
                    kind=kind,
                    objective=objective,
                    proposed_by_city=proposer,
                    created_by=secretariat,
                )
            )
            item_of_event.append(len(items) - 1)
            online = kind.key == "webinar"
            events.append(
                Event(
                    kind=kind,
                    title_en=title_en,
                    title_fr=title_fr,
                    starts_at=_at(day, 9),
                    ends_at=_at(day + datetime.timedelta(days=0 if online else 1), 12 if online else 16),
                    time_zone="Europe/Paris",
                    place="" if online else f"{host.name_en}",
                    online_link="https://meet.example.org/icc" if online else "",
                    host_city=None if online else host,
                    audience=Audience.MEMBER_CITIES,
                    capacity=40,
                    places_per_city=2,
                    funding_ceiling=Decimal("0.00") if online else Decimal("650.00"),
                    created_by=secretariat,
                    personal_data_delete_on=day + datetime.timedelta(days=90),
                )
            )
        if year % 3 == 1:  # a public conference now and then
            day = datetime.date(year, 6, 20)
            host = rng.choice(cities)
            events.append(
                Event(
                    kind=kinds["conference"],
                    title_en=f"Intercultural cities conference {year}",
                    title_fr=f"Conférence des cités interculturelles {year}",
                    starts_at=_at(day, 9),
                    ends_at=_at(day + datetime.timedelta(days=1), 17),
                    place=f"{host.name_en} congress centre",
                    host_city=host,
                    audience=Audience.PUBLIC,
                    capacity=200,
                    funding_ceiling=Decimal("500.00"),
                    public_participants=True,
                    created_by=secretariat,
                    personal_data_delete_on=day + datetime.timedelta(days=90),
                )
            )
            item_of_event.append(None)
        for _drop in range(rng.choice((1, 2))):
            title_en, title_fr, objective = rng.choice(WORKSHOPS)
            items.append(
                ProgrammeItem(
                    year=year,
                    title_en=f"Peer review: {title_en.lower()}",
                    title_fr=f"Examen par les pairs : {title_fr.lower()}",
                    kind=kinds["thematic_workshop"],
                    objective=objective,
                    status=ProgrammeStatus.DROPPED,
                    drop_reason="No host city could take it on this year.",
                    created_by=secretariat,
                )
            )

    # The event open for registration now, and a study visit next month to which Strasbourg is invited.
    soon = today + datetime.timedelta(days=30)
    open_index = len(events)
    host = rng.choice(cities)
    events.append(
        Event(
            kind=kinds["conference"],
            title_en="Cities of welcome: a public conference",
            title_fr="Villes d'accueil : une conférence publique",
            description_en=(
                "Mayors, officials, researchers and associations: how cities welcome newcomers. Open to all."
            ),
            description_fr=(
                "Maires, fonctionnaires, chercheurs et associations : comment les villes accueillent les "
                "nouveaux arrivants. Ouverte à toutes et à tous."
            ),
            starts_at=_at(soon, 9),
            ends_at=_at(soon + datetime.timedelta(days=1), 17),
            place=f"{host.name_en} congress centre",
            host_city=host,
            audience=Audience.PUBLIC,
            capacity=150,
            funding_ceiling=Decimal("600.00"),
            registration_opens_at=now - datetime.timedelta(days=10),
            registration_closes_at=_at(soon - datetime.timedelta(days=5), 23),
            public_participants=True,
            created_by=secretariat,
            personal_data_delete_on=soon + datetime.timedelta(days=90),
        )
    )
    item_of_event.append(None)
    invited_index = len(events)
    visit_day = today + datetime.timedelta(days=40)
    events.append(
        Event(
            kind=kinds["study_visit"],
            title_en=f"Study visit to {host.name_en}: welcoming newcomers",
            title_fr=f"Visite d'étude à {host.name_fr} : l'accueil des nouveaux arrivants",
            starts_at=_at(visit_day, 9),
            ends_at=_at(visit_day + datetime.timedelta(days=1), 16),
            place=host.name_en,
            host_city=host,
            audience=Audience.INVITED,
            capacity=20,
            places_per_city=2,
            funding_ceiling=Decimal("650.00"),
            created_by=secretariat,
            personal_data_delete_on=visit_day + datetime.timedelta(days=90),
        )
    )
    item_of_event.append(None)

    for event in events:
        held = event.ends_at.date() < today
        event.status = EventStatus.DONE if held else EventStatus.PUBLISHED
        if held and event.kind.key == COORDINATORS_MEETING:
            event.report = "Minutes: the year's results, the next programme validated, the cities' proposals."
    events = Event.objects.bulk_create(events)
    # The programme: validated at the previous year's meeting, done once its event was held.
    for item in items:
        meeting = meetings.get(item.year - 1)
        if item.status != ProgrammeStatus.DROPPED and meeting is not None:
            item.validated_at = events[meeting]
            item.status = ProgrammeStatus.VALIDATED
    items = ProgrammeItem.objects.bulk_create(items)
    linked = []
    for event, index in zip(events, item_of_event, strict=True):
        if index is not None:
            event.programme_item = items[index]
            linked.append(event)
            if event.status == EventStatus.DONE and items[index].status == ProgrammeStatus.VALIDATED:
                items[index].status = ProgrammeStatus.DONE
    Event.objects.bulk_update(linked, ["programme_item"])
    ProgrammeItem.objects.bulk_update(items, ["status"])
    if strasbourg is not None:
        InvitedCity.objects.create(event=events[invited_index], city=strasbourg, invited_by=secretariat)

    # Registrations, attendance, funding, claims, feedback.
    registrations: list[Registration] = []
    for event in events:
        held = event.status == EventStatus.DONE
        if event.pk == events[invited_index].pk:
            continue
        if event.audience == Audience.PUBLIC:
            people = rng.sample(others, min(len(others), rng.randint(12, 25) if held else 9))
            delegates = [c for c in contacts if c.city_id]
            people += rng.sample(delegates, min(len(delegates), 20 if held else 6))
        else:
            chosen = rng.sample(
                cities,
                min(
                    len(cities),
                    rng.randint(10, 18) if event.kind.key != COORDINATORS_MEETING else len(cities) * 2 // 3,
                ),
            )
            people = [p for city in chosen for p in city_people.get(city.pk, [])[: rng.choice((1, 2))]]
        if (
            demo_contact is not None
            and held
            and event.audience != Audience.PUBLIC
            and rng.random() < 0.25
            and demo_contact not in people
        ):
            people.append(demo_contact)
        if event.capacity is not None:
            people = people[: event.capacity]
        for person in people:
            registered_at = event.starts_at - datetime.timedelta(days=rng.randint(10, 50))
            registrations.append(
                Registration(
                    event=event,
                    contact=person,
                    city_id=person.city_id,
                    status=RegistrationStatus.REGISTERED,
                    registered_at=registered_at,
                    show_name_publicly=rng.random() < 0.4,
                    attended=(rng.random() < 0.92) if held else None,
                    attendance_marked_at=event.starts_at if held else None,
                )
            )
    registrations = Registration.objects.bulk_create(registrations)
    funding: list[FundingRequest] = []
    claims: list[ReimbursementClaim] = []
    feedback: list[Feedback] = []
    pending_left = 1
    for registration in registrations:
        event = registration.event
        held = event.status == EventStatus.DONE
        if event.funding_ceiling > 0 and registration.city_id and rng.random() < 0.6:
            travel = Decimal(rng.randrange(120, 420))
            subsistence = Decimal(rng.randrange(60, 180))
            if travel + subsistence > event.funding_ceiling:
                subsistence = event.funding_ceiling - travel
            requested_at = (registration.registered_at or event.starts_at) + datetime.timedelta(days=1)
            if not held and pending_left:
                pending_left -= 1
                funding.append(
                    FundingRequest(
                        registration=registration,
                        travel_requested=travel,
                        subsistence_requested=subsistence,
                        requested_at=requested_at,
                    )
                )
                continue
            refused = rng.random() < 0.08
            funding.append(
                FundingRequest(
                    registration=registration,
                    travel_requested=travel,
                    subsistence_requested=subsistence,
                    status=FundingStatus.REFUSED if refused else FundingStatus.APPROVED,
                    travel_approved=Decimal(0) if refused else travel,
                    subsistence_approved=Decimal(0) if refused else subsistence,
                    refusal_reason="Travel within the host country is paid by the city." if refused else "",
                    requested_at=requested_at,
                    decided_at=requested_at + datetime.timedelta(days=4),
                    decided_by=secretariat,
                )
            )
            if not refused and held and registration.attended:
                spent_travel = travel - Decimal(rng.randrange(0, 30))
                paid = event.ends_at < now - datetime.timedelta(days=45)
                claims.append(
                    ReimbursementClaim(
                        registration=registration,
                        travel=spent_travel,
                        subsistence=subsistence,
                        status=ClaimStatus.PAID if paid else ClaimStatus.SUBMITTED,
                        submitted_at=event.ends_at + datetime.timedelta(days=7),
                        decided_at=event.ends_at + datetime.timedelta(days=20) if paid else None,
                        decided_by=secretariat if paid else None,
                        paid_amount=spent_travel + subsistence if paid else Decimal(0),
                        paid_at=event.ends_at + datetime.timedelta(days=30) if paid else None,
                    )
                )
        if held and registration.attended and rng.random() < 0.5:
            feedback.append(
                Feedback(
                    registration=registration,
                    usefulness=rng.choices([2, 3, 4, 5], weights=[1, 3, 6, 5])[0],
                    what_was_new=rng.choice(
                        [
                            "",
                            "",
                            "How another city trains its staff.",
                            "The anti-rumour method step by step.",
                            "Contacts with cities facing the same questions.",
                        ]
                    ),
                )
            )
    FundingRequest.objects.bulk_create(funding)
    ReimbursementClaim.objects.bulk_create(claims)
    Feedback.objects.bulk_create(feedback)
    # Personal data of events past their deletion day: none was kept in the demo; the record says so.
    PersonalDataDeletion.objects.bulk_create(
        [
            PersonalDataDeletion(
                event=event, deleted_at=_at(event.personal_data_delete_on, 3), registrations=0, receipts=0
            )
            for event in events
            if event.personal_data_delete_on and event.personal_data_delete_on <= today
        ]
    )
    return DemoActivities(
        events=len(events),
        contacts=len(contacts),
        registrations=len(registrations),
        open_event=events[open_index],
    )
