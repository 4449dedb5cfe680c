"""Published Index scores and clusters for the tests of icc/clusters, made directly (no questionnaire)."""

import datetime

from django.utils import timezone

from icc.clusters.models import ClusterTheme, LearningCluster
from icc.index.models import ResponseScore, ResponseStatus
from icc.network.models import City
from tests.factories import CityFactory, ResponseFactory, RoundFactory


def publish_scores(scores: dict[City, dict[str, float]], *, year: int = 2022) -> None:
    """Each city's area scores as a validated response published in a round of `year`."""
    index_round = RoundFactory(
        name=f"Round {year}",
        opens_on=datetime.date(year, 1, 1),
        deadline=datetime.date(year, 6, 1),
        status="closed",
        results_published_at=timezone.now(),
    )
    for city, areas in scores.items():
        response = ResponseFactory(
            round=index_round, city=city, status=ResponseStatus.VALIDATED, publication_agreed=True
        )
        ResponseScore.objects.create(
            response=response,
            questionnaire="icc-example",
            engine_version="test",
            computed_at=timezone.now(),
            scores={"city": city.name, "areas": areas, "aggregate": None, "complete": True},
        )


def network_with_scores() -> dict[str, City]:
    """Nine member cities scored in the refugee reception areas (welcoming, language): three strong, three
    middling, three weak; French, German, Italian and Norwegian speakers."""
    rows = [
        ("Oslo", "NO", 92, 88),
        ("Lyon", "FR", 85, 80),
        ("Bergamo", "IT", 84, 86),
        ("Geneva", "CH", 60, 55),
        ("Turin", "IT", 57, 52),
        ("Munich", "DE", 55, 58),
        ("Nantes", "FR", 30, 25),
        ("Bremen", "DE", 20, 28),
        ("Trondheim", "NO", 15, 35),
    ]
    cities = {}
    for name, country, _welcoming, _language in rows:
        cities[name] = City.objects.filter(name_en=name).first() or CityFactory(
            name_en=name, slug=name.lower(), country=country
        )
    publish_scores({cities[n]: {"welcoming": float(w), "language": float(lg)} for n, _c, w, lg in rows})
    return cities


def make_cluster(
    *, theme: str = "refugee_reception", status: str = "running", lead=None, **kwargs
) -> LearningCluster:
    return LearningCluster.objects.create(
        theme=ClusterTheme.objects.get(key=theme),
        title_en=kwargs.pop("title", "Welcoming refugees together"),
        title_fr="Accueillir ensemble les réfugiés",
        starts_on=kwargs.pop("starts_on", datetime.date(2024, 3, 1)),
        status=status,
        lead_expert=lead,
        **kwargs,
    )
