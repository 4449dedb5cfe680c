"""Funding and partners: the demo content `icc load_demo` loads (seeded, deterministic, bulk-created with
their first history row).

- budgets 2016-2026: the Council of Europe ordinary budget (500-700 kEUR a year, planned and actual; the
  current year's actual not yet known), two EU joint projects (2017-2018 and 2021-2023, 80 % co-funded) with
  their yearly share, national networks' own resources, and a state's voluntary contributions;
- three donors and their applications in every status (draft to closed), two deadlines within 30 days;
- other costs (translation, publications, meetings, the platform) each year;
- eight partner organisations with agreements, contributions in cash and in kind, contacts (invented names)
  and the demo events they took part in.
Fee income, expert work and events' travel funding are not loaded here: they are read from the network's
fees, the experts' claims and the activities' funding that their own demos load.
Names of people are invented; amounts are synthetic."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import User
from icc.activities.models import Event
from icc.core.history import reason
from icc.funding.models import (
    ApplicationStatus,
    BudgetLine,
    ContributionKind,
    CostCategory,
    Donor,
    FundingApplication,
    FundingProject,
    IncomeSource,
    OtherCost,
    Partner,
    PartnerActivity,
    PartnerAgreement,
    PartnerContact,
    PartnerContribution,
)

SEED = 15
SECRETARIAT_EMAIL = "secretariat@demo.icc"
FIRST_YEAR = 2016
LAST_YEAR = 2026


@dataclass(frozen=True)
class DemoFunding:
    budget_lines: int
    applications: int
    partners: int


def _euros(value: float) -> Decimal:
    return Decimal(round(value / 100) * 100).quantize(Decimal("0.01"))


def _bulk(model: type, rows: list, by: User | None) -> list:
    return list(
        bulk_create_with_history(
            rows, model, default_user=by, default_change_reason=reason("funding.demo_data")
        )
    )


PARTNERS = [
    (
        "Welcoming America",
        "ngo",
        "US",
        "https://welcomingamerica.org",
        "A network of welcoming communities in the United States; exchanges with intercultural cities.",
        "Un réseau de communautés accueillantes aux États-Unis ; échanges avec les cités interculturelles.",
        True,
    ),
    (
        "Migration Policy Group",
        "ngo",
        "BE",
        "https://www.migpolgroup.com",
        "A think tank on migration and diversity; advice on indicators and integration policy.",
        "Un groupe de réflexion sur les migrations et la diversité ; conseil sur les indicateurs.",
        True,
    ),
    (
        "Eurocities",
        "network",
        "BE",
        "https://eurocities.eu",
        "The network of large European cities; joint work on migrant inclusion.",
        "Le réseau des grandes villes européennes ; travail commun sur l'inclusion des migrants.",
        True,
    ),
    (
        "University of Deusto",
        "university",
        "ES",
        "https://www.deusto.es",
        "Research on intercultural policies and the anti-rumour approach.",
        "Recherche sur les politiques interculturelles et l'approche anti-rumeurs.",
        True,
    ),
    (
        "University of Bristol",
        "university",
        "GB",
        "https://www.bristol.ac.uk",
        "Research partner of the impact study.",
        "Partenaire de recherche de l'étude d'impact.",
        True,
    ),
    (
        "UNESCO Coalition of Inclusive Cities",
        "international",
        "FR",
        "https://www.unesco.org",
        "Coordination of city networks against racism and discrimination.",
        "Coordination des réseaux de villes contre le racisme et la discrimination.",
        True,
    ),
    (
        "Fondation Horizons Communs",
        "foundation",
        "FR",
        "",
        "A foundation supporting the policy lab's sessions (synthetic example).",
        "Une fondation soutenant les sessions du laboratoire (exemple fictif).",
        False,
    ),
    (
        "Nordic Centre for Diversity Studies",
        "university",
        "NO",
        "",
        "Training of the initiation course's tutors (synthetic example).",
        "Formation des tuteurs du cours d'initiation (exemple fictif).",
        False,
    ),
]
CONTACTS = [
    ("Helena Marsh", "Director of programmes"),
    ("Pieter Vos", "Senior policy analyst"),
    ("Lucía Etxeberria", "Professor"),
    ("Tomas Berg", "Project officer"),
]


def load_funding_demo(today: datetime.date | None = None) -> DemoFunding:
    """Load once: a database that already has budget lines or partners is left alone."""
    if BudgetLine.objects.exists() or Partner.objects.exists():
        return DemoFunding(0, 0, 0)
    return _load(today or timezone.localdate())


def _load(today: datetime.date) -> DemoFunding:
    rng = random.Random(SEED)
    by = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    projects = _bulk(
        FundingProject,
        [
            FundingProject(
                name="ICC-EU joint project: intercultural integration strategies",
                starts_on=datetime.date(2017, 1, 1),
                ends_on=datetime.date(2018, 12, 31),
                amount=Decimal("625000.00"),
                cofunding_rate=Decimal("80.00"),
            ),
            FundingProject(
                name="ICC-EU joint project: inclusive integration policy lab",
                starts_on=datetime.date(2021, 3, 1),
                ends_on=datetime.date(2023, 2, 28),
                amount=Decimal("750000.00"),
                cofunding_rate=Decimal("80.00"),
            ),
        ],
        by,
    )
    donors = _bulk(
        Donor,
        [
            Donor(name="Ministry of Foreign Affairs of Norway", kind="state", country="NO"),
            Donor(name="Fondation Horizons Communs", kind="foundation", country="FR"),
            Donor(name="Nordic Inclusion Fund", kind="foundation", country="SE"),
        ],
        by,
    )
    lines: list[BudgetLine] = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        ordinary = _euros(rng.uniform(520_000, 680_000))
        past = year < today.year
        lines.append(
            BudgetLine(
                year=year,
                source=IncomeSource.ORDINARY,
                planned=ordinary,
                actual=_euros(float(ordinary) * rng.uniform(0.96, 1.0)) if past else None,
            )
        )
        networks = _euros(rng.uniform(25_000, 60_000) * (1 + (year - FIRST_YEAR) / 10))
        lines.append(
            BudgetLine(
                year=year,
                source=IncomeSource.NETWORKS,
                planned=networks,
                actual=_euros(float(networks) * rng.uniform(0.85, 1.05)) if past else None,
            )
        )
        if year % 2 == 0:
            state = _euros(rng.uniform(80_000, 150_000))
            lines.append(
                BudgetLine(
                    year=year,
                    source=IncomeSource.DONOR,
                    donor=donors[0],
                    planned=state,
                    actual=state if past else None,
                    note="Voluntary contribution",
                )
            )
        for project in projects:
            if project.starts_on.year <= year <= project.ends_on.year:
                years = project.ends_on.year - project.starts_on.year + 1
                share = (project.eu_amount / years).quantize(Decimal("0.01"))
                lines.append(
                    BudgetLine(
                        year=year,
                        source=IncomeSource.EU,
                        project=project,
                        planned=share,
                        actual=share if past else None,
                    )
                )
    _bulk(BudgetLine, lines, by)

    applications = _applications(rng, donors, today)
    _bulk(FundingApplication, applications, by)

    costs = []
    categories = [c.value for c in CostCategory]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for _n in range(4):
            day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if day > today:
                continue
            costs.append(
                OtherCost(
                    category=rng.choice(categories),
                    date=day,
                    amount=_euros(rng.uniform(3_000, 25_000)),
                    note="",
                )
            )
    _bulk(OtherCost, costs, by)

    partners = _bulk(
        Partner,
        [
            Partner(
                name=name,
                kind=kind,
                country=country,
                website=website,
                description=en,
                description_en=en,
                description_fr=fr,
                public=public,
            )
            for name, kind, country, website, en, fr, public in PARTNERS
        ],
        by,
    )
    _partner_records(rng, partners, today, by)
    return DemoFunding(len(lines), len(applications), len(partners))


def _applications(rng: random.Random, donors: list[Donor], today: datetime.date) -> list[FundingApplication]:
    """Closed grants in past years, then one application in each other status, two with deadlines soon."""
    rows: list[FundingApplication] = []
    for year in range(FIRST_YEAR, today.year):
        donor = donors[1 + year % 2]
        asked = _euros(rng.uniform(40_000, 120_000))
        rows.append(
            FundingApplication(
                donor=donor,
                title=f"Anti-rumour strategies in new member cities {year}",
                year=year,
                amount_asked=asked,
                amount_granted=_euros(float(asked) * rng.uniform(0.6, 1.0)),
                status=ApplicationStatus.CLOSED if year < today.year - 1 else ApplicationStatus.REPORTING,
                submission_deadline=datetime.date(year - 1, 10, 15),
                submitted_on=datetime.date(year - 1, 10, 10),
                reporting_deadline=datetime.date(year + 1, 3, 31)
                if year < today.year - 1
                else today + datetime.timedelta(days=21),
            )
        )
    year = today.year
    rows += [
        FundingApplication(
            donor=donors[1],
            title="Policy lab cohort 2026-2027",
            year=year,
            amount_asked=Decimal("90000.00"),
            amount_granted=Decimal("75000.00"),
            status=ApplicationStatus.GRANTED,
            submission_deadline=datetime.date(year - 1, 11, 30),
            submitted_on=datetime.date(year - 1, 11, 20),
            reporting_deadline=datetime.date(year + 1, 3, 31),
        ),
        FundingApplication(
            donor=donors[2],
            title="Intercultural competence training for city staff",
            year=year,
            amount_asked=Decimal("60000.00"),
            status=ApplicationStatus.SUBMITTED,
            submission_deadline=today - datetime.timedelta(days=40),
            submitted_on=today - datetime.timedelta(days=45),
        ),
        FundingApplication(
            donor=donors[2],
            title="Gender and diversity in city leadership",
            year=year,
            amount_asked=Decimal("45000.00"),
            status=ApplicationStatus.REFUSED,
            submission_deadline=datetime.date(year, 2, 28),
            submitted_on=datetime.date(year, 2, 20),
        ),
        FundingApplication(
            donor=donors[1],
            title="Impact study follow-up",
            year=year + 1,
            amount_asked=Decimal("110000.00"),
            status=ApplicationStatus.DRAFT,
            submission_deadline=today + datetime.timedelta(days=18),
        ),
        FundingApplication(
            donor=donors[0],
            title="National networks' coordinators' academy",
            year=year + 1,
            amount_asked=Decimal("150000.00"),
            status=ApplicationStatus.DRAFT,
            submission_deadline=today + datetime.timedelta(days=75),
        ),
    ]
    return rows


def _partner_records(
    rng: random.Random, partners: list[Partner], today: datetime.date, by: User | None
) -> None:
    agreements = []
    contributions = []
    contacts = []
    for n, partner in enumerate(partners):
        start = datetime.date(FIRST_YEAR + n % 5, 1 + n % 12, 1)
        agreements.append(
            PartnerAgreement(
                partner=partner,
                title=f"Memorandum of understanding with {partner.name}",
                starts_on=start,
                ends_on=None
                if n % 3
                else datetime.date(start.year + 4, start.month, 1) - datetime.timedelta(days=1),
            )
        )
        for year in range(start.year, min(today.year, LAST_YEAR) + 1, 2):
            cash = n % 2 == 0
            contributions.append(
                PartnerContribution(
                    partner=partner,
                    year=year,
                    kind=ContributionKind.CASH if cash else ContributionKind.IN_KIND,
                    amount=_euros(rng.uniform(5_000, 30_000)),
                    description="Co-financing of study visits" if cash else "Experts' time and venues",
                )
            )
        name, role = CONTACTS[n % len(CONTACTS)]
        contacts.append(
            PartnerContact(
                partner=partner,
                name=name,
                role=role,
                email=f"{name.split()[0].lower()}.{n}@example.org",
            )
        )
    _bulk(PartnerAgreement, agreements, by)
    _bulk(PartnerContribution, contributions, by)
    _bulk(PartnerContact, contacts, by)
    events = list(Event.objects.order_by("starts_at", "pk").values_list("pk", flat=True))
    if events:
        links = []
        for partner in partners:
            for pk in sorted(rng.sample(events, min(3, len(events)))):
                links.append(
                    PartnerActivity(
                        partner=partner,
                        event_id=pk,
                        role=rng.choice(["speaker", "co-organiser", "participant"]),
                    )
                )
        _bulk(PartnerActivity, links, by)
