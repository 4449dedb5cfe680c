"""`icc load_demo --scale N`: the demo, then N generated member cities with five published Index rounds.

For measuring what the platform costs at the size of a large network (benchmarks/scale.py): the
demo's people, questionnaires and rounds stay as they are; beside them come N member cities with invented
names, each with a validated, agreed response in five closed rounds whose results are published (two on
the earlier questionnaire version, three on the current one), every question answered the way the demo
answers them. Seeded: the same N gives the same data.

Written in bulk, past the services that a person's work goes through (they take ~30 ms an answer and
1,500 cities x 5 rounds is 700,000 answers): no history rows for the generated answers and responses.
The rounds themselves are created, closed, scored and published by the services, which the benchmark times.
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from icc.accounts.models import User
from icc.core.public_version import public_content_changed
from icc.index.demo import _answers, _at, _moment, _Profile, _profiles, _round_through_services, muted_mail
from icc.index.demo_data import RoundSpec
from icc.index.models import Answer, Questionnaire, Response, ResponseStatus, Round, RoundStatus
from icc.index.services import publication as publication_services
from icc.index.services import rounds as round_services
from icc.index.services.scores import round_scores_compute
from icc.index.structure import Structure, structure_of
from icc.network.demo_data import ACCOUNTS
from icc.network.models import City, CityStatus
from icc.network.services.cities import city_name_key

SEED = 1500
ROUNDS = (  # (year, questionnaire version)
    (2006, "icc-2009"),
    (2010, "icc-2009"),
    (2014, "icc-2019"),
    (2018, "icc-2019"),
    (2022, "icc-2019"),
)
COUNTRIES = (
    "AT",
    "BE",
    "CH",
    "DE",
    "DK",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "IE",
    "IT",
    "NL",
    "NO",
    "PL",
    "PT",
    "SE",
)
SYLLABLES = (
    "bel",
    "cor",
    "dan",
    "es",
    "fal",
    "gra",
    "hol",
    "is",
    "lun",
    "mar",
    "nor",
    "ost",
    "pra",
    "ro",
    "san",
    "tor",
    "ul",
    "ven",
    "wal",
    "zel",
)


@dataclass
class ScaleResult:
    cities: int = 0
    answers: int = 0
    seconds: float = 0.0
    # Per round: (name, cities scored, seconds to compute and store the scores)
    recomputes: list[tuple[str, int, float]] = field(default_factory=list)


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name += rng.choice(("", "", "burg", "ville", "stad", "ia", "o"))
        if name not in taken:
            taken.add(name)
            return name


def _cities(rng: random.Random, n: int) -> list[City]:
    taken = set(City.objects.values_list("name_en", flat=True))
    cities = []
    for i in range(n):
        name = _name(rng, taken)
        population = int(10 ** rng.uniform(4.5, 6.5))
        cities.append(
            City(
                name=name,
                name_en=name,
                name_key=city_name_key(name),
                slug=f"{name.lower()}-{i:04d}",
                country=rng.choice(COUNTRIES),
                status=CityStatus.MEMBER,
                member_since=datetime.date(rng.randint(2004, 2020), rng.randint(1, 12), 1),
                population=population,
                population_year=2023,
                foreign_residents_share=Decimal(str(round(rng.uniform(3, 35), 1))),
                foreign_residents_year=2023,
                latitude=Decimal(str(round(rng.uniform(36, 64), 4))),
                longitude=Decimal(str(round(rng.uniform(-9, 28), 4))),
            )
        )
    return City.objects.bulk_create(cities, batch_size=500)


def load_scale(n: int, seed: int = SEED) -> ScaleResult:
    """Add N generated cities with five published rounds (the demo must be loaded first)."""
    start = time.perf_counter()
    rng = random.Random(seed)
    secretariat = User.objects.get(email=ACCOUNTS[0].email)
    result = ScaleResult()
    with muted_mail(), transaction.atomic():
        cities = _cities(rng, n)
        result.cities = len(cities)
        for year, version in ROUNDS:
            questionnaire = Questionnaire.objects.get(key=version)
            structure = structure_of(questionnaire)
            profiles = _profiles(rng, cities, [area.id for area in structure.areas])
            spec = RoundSpec(
                name=f"Index {year} (scale {n})",
                name_fr=f"Indice {year} (échelle {n})",
                questionnaire=version,
                created=datetime.date(year, 1, 10),
                opens_on=datetime.date(year, 1, 17),
                deadline=datetime.date(year, 10, 31),
            )
            round_ = _round_through_services(spec, questionnaire, secretariat)
            result.answers += _answered_round(rng, round_, profiles, structure, year, secretariat)
            with _at(_moment(datetime.date(year + 1, 6, 1))):
                round_ = round_services.round_change_status(
                    round=round_, status=RoundStatus.CLOSED, by=secretariat
                )
            began = time.perf_counter()
            round_scores_compute(round=round_, by=secretariat)
            result.recomputes.append((spec.name, len(cities), time.perf_counter() - began))
            publication_services.round_results_publish(round=round_, by=secretariat)
        public_content_changed()
    result.seconds = time.perf_counter() - start
    return result


def _answered_round(
    rng: random.Random,
    round_: Round,
    profiles: dict[str, _Profile],
    structure: Structure,
    year: int,
    secretariat: User,
) -> int:
    validated_at = _moment(datetime.date(year, 12, 1))
    responses = Response.objects.bulk_create(
        [
            Response(
                round=round_,
                city=profile.city,
                deadline=round_.deadline,
                status=ResponseStatus.VALIDATED,
                submitted_at=validated_at - datetime.timedelta(days=20),
                validated_at=validated_at,
                validated_by=secretariat,
                publication_agreed=True,
                publication_decided_at=validated_at,
            )
            for profile in profiles.values()
        ],
        batch_size=500,
    )
    count = 0
    batch: list[Answer] = []
    for response, profile in zip(responses, profiles.values(), strict=True):
        for answer in _answers(rng, structure, profile, year):
            batch.append(
                Answer(
                    response=response,
                    question=answer.question,
                    value=answer.value,
                    explanation=answer.explanation,
                    links=answer.links,
                    revision=1,
                )
            )
        if len(batch) >= 5000:
            count += len(Answer.objects.bulk_create(batch, batch_size=1000))
            batch = []
    count += len(Answer.objects.bulk_create(batch, batch_size=1000))
    return count
