"""The demo's tested innovations: the anti-rumour approach (born in Barcelona, 2010), taken up by 35 cities
at every stage (pioneers before 2016, new adopters since, a pipeline of interested cities), with its
toolkit, guide and training events, and the strategy's target of 20 new cities by the end of 2019;
a second innovation (intercultural competence training) with a few adopters. Seeded; loaded once."""

from __future__ import annotations

import datetime
import random

from simple_history.utils import bulk_create_with_history

from icc.accounts.models import RoleKind, User
from icc.core.history import reason
from icc.network.models import City
from icc.practices.models import Adoption, AdoptionStage, Innovation, InnovationResource, ResourceKind

SEED = 2010
# Stages of the 35 anti-rumour cities: 4 pioneers (before 2016), then 18 new adopters at every stage
# (two short of the target) and 13 interested cities in the pipeline.
PLAN = (
    [AdoptionStage.EVALUATED] * 6
    + [AdoptionStage.RUNNING] * 10
    + [AdoptionStage.INITIATED] * 6
    + [AdoptionStage.INTERESTED] * 13
)


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def load() -> None:
    if Innovation.objects.exists():
        return
    rng = random.Random(SEED)
    staff = User.objects.filter(roles__kind=RoleKind.SECRETARIAT).order_by("pk").first()
    why = reason("practices.demo_data")
    barcelona = City.objects.filter(name_en="Barcelona").first()
    anti_rumour = Innovation.objects.create(
        key="anti-rumour",
        name_en="The anti-rumour approach",
        name_fr="L'approche anti-rumeurs",
        description_en=(
            "A city-led strategy against the rumours and stereotypes that feed prejudice about diversity: "
            "a network of local actors, trained anti-rumour agents, and public campaigns that answer "
            "rumours with facts, empathy and critical thinking."
        ),
        description_fr=(
            "Une stratégie municipale contre les rumeurs et les stéréotypes qui nourrissent les préjugés "
            "sur la diversité : un réseau d'acteurs locaux, des agents anti-rumeurs formés et des campagnes "
            "publiques qui répondent aux rumeurs par les faits, l'empathie et l'esprit critique."
        ),
        origin=barcelona,
        target_cities=20,
        target_date=datetime.date(2019, 12, 31),
        counts_from=datetime.date(2016, 1, 1),
    )
    training = Innovation.objects.create(
        key="competence-training",
        name_en="Intercultural competence training for city staff",
        name_fr="Formation des agents municipaux à la compétence interculturelle",
        description_en="A two-day course for every new employee, designed with the network's experts.",
        description_fr=(
            "Une formation de deux jours pour chaque nouvel agent, conçue avec les experts du réseau."
        ),
        target_cities=10,
        target_date=datetime.date(2027, 12, 31),
        counts_from=datetime.date(2024, 1, 1),
    )
    InnovationResource.objects.bulk_create(
        [
            InnovationResource(
                innovation=anti_rumour, kind=ResourceKind.TOOLKIT, title_en="Anti-rumour handbook",
                title_fr="Manuel anti-rumeurs", url="https://example.org/anti-rumour/handbook",
            ),
            InnovationResource(
                innovation=anti_rumour, kind=ResourceKind.GUIDE, title_en="Designing an anti-rumour campaign",
                title_fr="Concevoir une campagne anti-rumeurs", url="https://example.org/anti-rumour/campaign",
            ),
            InnovationResource(
                innovation=anti_rumour, kind=ResourceKind.TRAINING,
                title_en="Training of anti-rumour agents, Barcelona",
                title_fr="Formation d'agents anti-rumeurs, Barcelone", date=datetime.date(2017, 3, 14),
            ),
            InnovationResource(
                innovation=anti_rumour, kind=ResourceKind.TRAINING, title_en="Online training for new cities",
                title_fr="Formation en ligne pour les nouvelles villes", date=datetime.date(2025, 10, 2),
            ),
            InnovationResource(
                innovation=training, kind=ResourceKind.TOOLKIT, title_en="Course materials",
                title_fr="Supports de cours", url="https://example.org/competence/course",
            ),
        ]
    )  # fmt: skip
    cities = [c for c in City.objects.public().order_by("name_en") if c.pk != getattr(barcelona, "pk", None)]
    rng.shuffle(cities)
    adoptions = []
    if barcelona is not None:
        adoptions.append(
            Adoption(
                innovation=anti_rumour, city=barcelona, stage=AdoptionStage.EVALUATED,
                interested_on=datetime.date(2010, 1, 15), initiated_on=datetime.date(2010, 3, 1),
                running_since=datetime.date(2010, 9, 1), evaluated_on=datetime.date(2014, 6, 30),
                evidence="Evaluation of the strategy's first four years (city report, 2014).",
            )
        )  # fmt: skip
    for n, (city, stage) in enumerate(zip(cities, PLAN, strict=False)):
        pioneer = n < 4
        start = datetime.date(2012, 1, 1) if pioneer else datetime.date(2016, 1, 1)
        # Each stage's dates stay in the past: the further the stage, the earlier the city began.
        latest = {
            AdoptionStage.EVALUATED: datetime.date(2021, 12, 31),
            AdoptionStage.RUNNING: datetime.date(2024, 6, 30),
            AdoptionStage.INITIATED: datetime.date(2025, 6, 30),
            AdoptionStage.INTERESTED: datetime.date(2025, 9, 30),
        }
        end = datetime.date(2015, 6, 30) if pioneer else latest[stage]
        interested = _day(rng, start, end)
        adoption = Adoption(innovation=anti_rumour, city=city, stage=stage, interested_on=interested)
        initiated = interested + datetime.timedelta(days=rng.randint(30, 200))
        running = initiated + datetime.timedelta(days=rng.randint(60, 300))
        evaluated = running + datetime.timedelta(days=rng.randint(400, 900))
        if stage != AdoptionStage.INTERESTED:
            adoption.initiated_on = initiated
            adoption.evidence = "Training of agents held; the handbook received."
        if stage in (AdoptionStage.RUNNING, AdoptionStage.EVALUATED):
            adoption.running_since = running
            adoption.evidence = f"{rng.randint(20, 120)} agents trained; a public campaign ran."
        if stage == AdoptionStage.EVALUATED:
            adoption.evaluated_on = evaluated
            adoption.evidence = "Evaluation report: fewer rumours heard in the follow-up survey."
        adoptions.append(adoption)
    for city in cities[len(PLAN) : len(PLAN) + 4]:
        adoptions.append(
            Adoption(
                innovation=training, city=city, stage=AdoptionStage.RUNNING,
                interested_on=datetime.date(2024, 2, 1), initiated_on=datetime.date(2024, 5, 1),
                running_since=datetime.date(2024, 9, 1),
            )
        )  # fmt: skip
    bulk_create_with_history(adoptions, Adoption, default_user=staff, default_change_reason=why)
