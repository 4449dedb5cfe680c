"""Factories for the register; every test builds its data through these."""

import datetime
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import factory

from icc.accounts.models import Role, RoleKind, User
from icc.index.models import Questionnaire, Response, Round, RoundStatus
from icc.network.models import (
    AccessionStep,
    City,
    CityContact,
    CityStatus,
    MembershipPeriod,
    NationalNetwork,
    NetworkPlan,
    PlanKind,
)
from icc.network.services.cities import city_name_key


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery")


class NationalNetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalNetwork

    name_en = factory.Sequence(lambda n: f"Network {n}")
    name_fr = factory.LazyAttribute(lambda o: f"Réseau {o.name_en.split()[-1]}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    country = "IT"


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_en = factory.Sequence(lambda n: f"City {n}")
    name_fr = factory.LazyAttribute(lambda o: o.name_en)
    name_key = factory.LazyAttribute(lambda o: city_name_key(o.name_en))
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "IT"
    population = 120_000
    population_year = 2024
    foreign_born_share = Decimal("12.50")
    foreign_residents_share = Decimal("9.00")
    latitude = Decimal("45.46")
    longitude = Decimal("9.19")
    status = CityStatus.MEMBER
    status_since = datetime.date(2020, 1, 1)
    member_since = factory.LazyAttribute(
        lambda o: datetime.date(2020, 1, 1) if o.status == CityStatus.MEMBER else None
    )


class CityContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityContact

    city = factory.SubFactory(CityFactory)
    name = factory.Faker("name")
    position = "Intercultural coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@city.example.org")


class AccessionStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessionStep

    city = factory.SubFactory(CityFactory, status=CityStatus.CANDIDATE)
    step = "application_received"
    date = datetime.date(2025, 1, 15)


class MembershipPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipPeriod

    city = factory.SubFactory(CityFactory)
    year = 2025
    amount = Decimal(5000)
    due_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 31))


class NetworkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkPlan

    network = factory.SubFactory(NationalNetworkFactory)
    kind = PlanKind.ACTION_PLAN
    year = 2026
    title = factory.LazyAttribute(lambda o: f"Action plan {o.year}")


EXAMPLE_QUESTIONNAIRE = Path(__file__).parent / "index" / "data" / "questionnaire.json"


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """The small example questionnaire of tests/index/data (5 areas, a group, n/a, multiple choice)."""

    class Meta:
        model = Questionnaire
        django_get_or_create = ("key",)

    key = "icc-example"
    document = factory.LazyFunction(lambda: json.loads(EXAMPLE_QUESTIONNAIRE.read_text()))
    title = factory.LazyAttribute(lambda o: o.document["title"])
    version_label = factory.LazyFunction(lambda: {"en": "Example 2026", "fr": "Exemple 2026"})
    source_sha256 = factory.LazyFunction(
        lambda: hashlib.sha256(EXAMPLE_QUESTIONNAIRE.read_bytes()).hexdigest()
    )


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Index round {2026 + n}")
    questionnaire = factory.SubFactory(QuestionnaireFactory)
    opens_on = datetime.date(2026, 9, 1)
    deadline = datetime.date(2026, 12, 15)
    status = RoundStatus.OPEN


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    round = factory.SubFactory(RoundFactory)
    city = factory.SubFactory(CityFactory)
    deadline = factory.LazyAttribute(lambda o: o.round.deadline)


def grant(user: User, kind: str, *, city: City | None = None, network: NationalNetwork | None = None) -> Role:
    return Role.objects.create(user=user, kind=kind, city=city, national_network=network)


__all__ = ["RoleKind", "grant"]
