"""The demo's expert pool: 40 experts from across the member states, as a programme's pool looks.

- 16 women of 40 (40 %), one expert who prefers not to say, one who has not said;
- 12 active French speakers (the strategy wants more), working languages flagged;
- statuses spread: 30 active, 4 in training (each with a mentor and sessions attended), 3 candidates,
  3 inactive; Ana Kovač (expert@demo.icc) is an active expert whose account sees her own record;
- every Index area covered, two of them thin (international outlook and intelligence/competence: a
  single active expert each), themes spread, countries known;
- the pool's targets: 50 % women, 15 French speakers and 35 active experts by the end of 2028.
Names are invented; the site says that demo data is synthetic.

`load_experts_demo()` is what `icc load_demo` calls: the pool, then the work and the visits (WORK's
icc/experts/demo_visits.py) and the profiles (icc/experts/demo_profiles.py) when those modules exist.
"""

from __future__ import annotations

import datetime
import importlib
import random
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from icc.accounts.models import User
from icc.core.history import reason, record_change
from icc.experts.models import Expert, PoolTarget, TargetKind, Theme, TrainingRecord
from icc.experts.selectors.pool import area_choices
from icc.experts.services.pool import ExpertData, LanguageEntry, expert_save

SEED = 19
DEMO_EXPERT_EMAIL = "expert@demo.icc"
THIN_AREAS = ("international", "intelligence")


@dataclass(frozen=True)
class Person:
    name: str
    gender: str  # woman, man, another, not_given or "" (not stated)
    country: str
    languages: tuple[tuple[str, str, bool], ...]  # (code, level, working)
    status: str = "active"


N, F, W, B = "native", "fluent", "working", "basic"

PEOPLE = [
    Person("Claire Dubois", "woman", "FR", (("fr", N, True), ("en", F, True), ("es", B, False))),
    Person("Julien Marchand", "man", "FR", (("fr", N, True), ("en", F, True))),
    Person("Sophie Peeters", "woman", "BE", (("nl", N, True), ("fr", F, True), ("en", F, True))),
    Person("Olivier Lambert", "man", "BE", (("fr", N, True), ("en", W, True), ("nl", B, False))),
    Person(
        "Lukas Brunner", "man", "CH", (("de", N, True), ("fr", F, True), ("en", F, True), ("it", W, False))
    ),
    Person(
        "Anne Schmit", "woman", "LU", (("lb", N, False), ("fr", F, True), ("de", F, True), ("en", F, True))
    ),
    Person("Giulia Romano", "woman", "IT", (("it", N, True), ("en", F, True), ("fr", W, True))),
    Person("Marco Bianchi", "man", "IT", (("it", N, True), ("en", W, True))),
    Person("Lucía Fernández", "woman", "ES", (("es", N, True), ("en", F, True), ("ca", F, False))),
    Person("Javier Moreno", "man", "ES", (("es", N, True), ("en", W, True), ("pt", B, False))),
    Person("João Ferreira", "man", "PT", (("pt", N, True), ("en", F, True), ("es", W, False))),
    Person(
        "Inês Carvalho", "woman", "PT", (("pt", N, True), ("en", F, True), ("fr", W, True)), "in_training"
    ),
    Person("Katrin Vogel", "woman", "DE", (("de", N, True), ("en", F, True), ("fr", W, True))),
    Person("Stefan Richter", "man", "DE", (("de", N, True), ("en", F, True))),
    Person("Florian Huber", "man", "AT", (("de", N, True), ("en", F, True)), "inactive"),
    Person("Pieter de Vries", "man", "NL", (("nl", N, True), ("en", F, True), ("de", W, False))),
    Person("Helen Ashworth", "woman", "GB", (("en", N, True), ("fr", F, True))),
    Person("David Okafor", "man", "GB", (("en", N, True),)),
    Person("Siobhán Murphy", "woman", "IE", (("en", N, True), ("ga", F, False))),
    Person("Erik Haugen", "man", "NO", (("nb", N, True), ("en", F, True), ("sv", W, False))),
    Person("Anders Lindqvist", "man", "SE", (("sv", N, True), ("en", F, True)), "inactive"),
    Person("Mette Rasmussen", "woman", "DK", (("da", N, True), ("en", F, True)), "candidate"),
    Person("Mikko Virtanen", "man", "FI", (("fi", N, True), ("en", F, True), ("sv", W, False))),
    Person("Katarzyna Nowak", "woman", "PL", (("pl", N, True), ("en", F, True), ("de", W, False))),
    Person("Tomasz Wiśniewski", "man", "PL", (("pl", N, True), ("en", W, True)), "in_training"),
    Person("Petr Dvořák", "man", "CZ", (("cs", N, True), ("en", F, True), ("sk", F, False))),
    Person("Zsófia Tóth", "woman", "HU", (("hu", N, True), ("en", F, True))),
    Person("Andrei Popescu", "man", "RO", (("ro", N, True), ("fr", F, True), ("en", F, True))),
    Person("Elena Dimitrova", "woman", "BG", (("bg", N, True), ("en", F, True), ("ru", W, False))),
    Person("Nikos Papadopoulos", "man", "GR", (("el", N, True), ("en", F, True), ("fr", W, True))),
    Person("Andreas Georgiou", "not_given", "CY", (("el", N, True), ("en", F, True)), "candidate"),
    Person("Ivana Horvat", "woman", "HR", (("hr", N, True), ("en", F, True), ("it", W, False))),
    Person("Ana Kovač", "woman", "SI", (("sl", N, True), ("en", F, True), ("hr", W, False))),
    Person("Milan Jovanović", "man", "RS", (("sr", N, True), ("en", W, True)), "in_training"),
    Person("Oksana Shevchenko", "woman", "UA", (("uk", N, True), ("en", F, True), ("pl", W, False))),
    Person("Victor Rusu", "man", "MD", (("ro", N, True), ("fr", F, True), ("ru", F, False))),
    Person("Mehmet Yılmaz", "man", "TR", (("tr", N, True), ("en", F, True), ("de", W, False)), "inactive"),
    Person("Nino Beridze", "", "GE", (("ka", N, True), ("en", F, True), ("ru", W, False)), "candidate"),
    Person("Aram Petrosyan", "man", "AM", (("hy", N, True), ("en", W, True), ("fr", B, False))),
    Person("Arben Hoxha", "man", "AL", (("sq", N, True), ("it", F, True), ("en", W, True)), "in_training"),
]

TRAINING_SESSIONS = [
    ("Induction to the Intercultural Cities Index", datetime.date(2024, 3, 12)),
    ("Running a first expert visit", datetime.date(2024, 10, 8)),
    ("Writing an intercultural profile", datetime.date(2025, 5, 20)),
    ("Anti-rumour methodology", datetime.date(2025, 11, 4)),
    ("Induction to the Intercultural Cities Index", datetime.date(2026, 4, 14)),
]
AVAILABILITY = [
    "",
    "Not available in August.",
    "Two visits a year at most.",
    "Prefers visits in spring and autumn.",
    "Available at short notice for workshops.",
    "Teaching term: weekends only from October to December.",
]


def _areas(rng: random.Random, people: list[Person]) -> dict[str, list[str]]:
    """Each expert's Index areas: two to four of the well-covered areas, every one at least twice among
    active experts; the thin areas with one active expert each (and a candidate, who does not count)."""
    keys = [key for key, _title in area_choices() if key not in THIN_AREAS]
    active = [p.name for p in people if p.status == "active"]
    chosen: dict[str, list[str]] = {p.name: rng.sample(keys, rng.randint(2, 4)) for p in people}
    # Every well-covered area held by at least two active experts, whatever the draw gave.
    for i, key in enumerate(keys):
        holders = [name for name in active if key in chosen[name]]
        for name in (active[(2 * i) % len(active)], active[(2 * i + 1) % len(active)]):
            if len(holders) >= 2:
                break
            if name not in holders:
                chosen[name].append(key)
                holders.append(name)
    chosen["Giulia Romano"].append("international")
    chosen["Katarzyna Nowak"].append("intelligence")
    chosen["Mette Rasmussen"].append("intelligence")  # a candidate: not yet counted
    return chosen


def _mailbox(name: str) -> str:
    """ "Lucía Fernández" -> "lucia.fernandez": the demo's invented e-mail addresses."""
    plain = unicodedata.normalize("NFKD", name.replace("ı", "i")).encode("ascii", "ignore").decode()
    return ".".join(part for part in re.split(r"[^a-z]+", plain.lower()) if part)


def load_expert_pool() -> int:
    """Load the demo pool into an empty one; a pool that holds any expert is left alone. Returns the
    number of experts loaded."""
    if Expert.objects.exists():
        return 0
    rng = random.Random(SEED)
    why = reason("experts.demo_data")
    themes = list(Theme.objects.order_by("order"))
    demo_user = User.objects.filter(email=DEMO_EXPERT_EMAIL).first()
    areas = _areas(rng, PEOPLE)
    countries = sorted({p.country for p in PEOPLE})
    with transaction.atomic():
        experts: dict[str, Expert] = {}
        for person in PEOPLE:
            slug = _mailbox(person.name)
            others = [code for code in countries if code != person.country]
            linked = demo_user if person.name == "Ana Kovač" else None
            data = ExpertData(
                full_name=person.name,
                email=linked.email if linked else f"{slug}@experts.example.org",
                phone=f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(100000, 999999)}",
                gender=person.gender,
                country=person.country,
                availability_note=rng.choice(AVAILABILITY),
                biography="",
                languages=[LanguageEntry(code, level, working) for code, level, working in person.languages],
                areas=areas[person.name],
                themes=rng.sample(themes, rng.randint(1, 2)) if themes else [],
                countries_known=sorted({person.country, *rng.sample(others, rng.randint(1, 3))}),
                status=person.status,
                account_email=linked.email if linked else None,
            )
            experts[person.name] = expert_save(expert=None, data=data, by=None)
        mentors = [e for e in experts.values() if e.status == "active" and e.user_id is None]
        for i, expert in enumerate(e for e in experts.values() if e.status == "in_training"):
            expert.mentor = mentors[(3 * i) % len(mentors)]
            record_change(expert, by=None, reason=why)
            expert.save()
            sessions = TRAINING_SESSIONS[:2] if i % 2 else [TRAINING_SESSIONS[0], TRAINING_SESSIONS[4]]
            for session, day in sessions:
                record = TrainingRecord(expert=expert, session=session, held_on=day, attended=True)
                record_change(record, by=None, reason=why)
                record.save()
        for expert in rng.sample(mentors, 8):
            session, day = rng.choice(TRAINING_SESSIONS[1:4])
            record = TrainingRecord(expert=expert, session=session, held_on=day, attended=rng.random() > 0.15)
            record_change(record, by=None, reason=why)
            record.save()
        for kind, value in (
            (TargetKind.WOMEN_SHARE, Decimal("50")),
            (TargetKind.FRENCH_SPEAKERS, Decimal("15")),
            (TargetKind.ACTIVE_EXPERTS, Decimal("35")),
        ):
            target = PoolTarget(
                kind=kind,
                value=value,
                due_on=datetime.date(2028, 12, 31),
                note="Strategy 2025-2028",
            )
            record_change(target, by=None, reason=why)
            target.save()
    return len(experts)


def load_experts_demo() -> dict[str, int]:
    """The pool, then (when their modules exist) the work and visits, then the profiles."""
    counts = {"experts": load_expert_pool()}
    for module_name, function_name in (
        ("icc.experts.demo_visits", "load_expert_work"),
        ("icc.experts.demo_profiles", "load_expert_profiles"),
    ):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        result = getattr(module, function_name)()
        counts[function_name] = result if isinstance(result, int) else 0
    return counts
