"""The demo gap data: synthetic and labelled so, believable gaps, small groups withheld, one domain under
coverage, Lyon publishing; the same figures at every load."""

import pytest
from django.utils import timezone

from icc.accounts.models import RoleKind
from icc.core.attention import attention_for
from icc.gaps.demo import load_gaps_demo
from icc.gaps.models import CityGaps, GapGroup, GapImport, GapResult, ImportStatus, MissingReason, Observation
from icc.gaps.selectors.publication import gap_publishing_cities
from icc.gaps.statistics import domain_score
from tests.factories import CityFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cities(alice, lyon, reggio, carol):
    strasbourg = CityFactory(name_en="Strasbourg", slug="strasbourg", country="FR")
    grant(carol, RoleKind.CITY_CONTRIBUTOR, city=strasbourg)
    return lyon, reggio, strasbourg


def test_the_demo_loads_once_with_believable_synthetic_gaps(demo_cities, carol):
    lyon, _reggio, strasbourg = demo_cities
    loaded = load_gaps_demo()
    assert loaded.loaded and loaded.counts["cities with gap data"] == 3
    assert not load_gaps_demo().loaded

    assert all("Synthetic" in note for note in Observation.objects.values_list("source_note", flat=True))
    periods = set(Observation.objects.filter(city=lyon).values_list("period", flat=True))
    assert len(periods) == 6
    newest = str(timezone.localdate().year - 2)
    employment = GapResult.objects.get(
        city=lyon, indicator__key="employment_rate", period=newest, focal__key="foreign_born"
    ).record
    assert -15 <= employment["gap_pp"] <= -8 and employment["significant"]
    # People of unknown origin: too few to show, withheld.
    unknown = GapResult.objects.filter(city=lyon, focal__key="unknown", record__isnull=False)
    assert unknown.exists() and all(result.suppressed for result in unknown)
    # Health has one indicator of two: no domain score.
    assert set(
        GapResult.objects.filter(city=lyon, indicator__key="good_self_reported_health").values_list(
            "missing_reason", flat=True
        )
    ) == {MissingReason.NOT_COLLECTED}
    health = domain_score(
        "health",
        {"unmet_medical_needs": 80.0, "good_self_reported_health": None},
        ["unmet_medical_needs", "good_self_reported_health"],
    )
    assert health.score is None
    # Non-EU nationals may not vote in local elections: not applicable.
    assert (
        GapResult.objects.filter(
            city=lyon, indicator__key="voted_local_election", focal__key="non_eu_nationals"
        )
        .values_list("missing_reason", flat=True)
        .distinct()
        .get()
        == MissingReason.NOT_APPLICABLE
    )
    assert list(gap_publishing_cities()) == [lyon]
    # Strasbourg's figures are old and a file with errors waits for its people.
    assert GapImport.objects.get(city=strasbourg).status == ImportStatus.HAS_ERRORS
    keys = {item.key for item in attention_for(carol)}
    assert {"gaps.import_errors", "gaps.stale"} <= keys


def test_the_demo_gives_the_same_figures_at_every_load(demo_cities):
    load_gaps_demo()
    first = sorted(
        Observation.objects.values_list("city__slug", "indicator__key", "period", "group__key", "numerator")
    )
    Observation.objects.all().delete()
    GapImport.objects.all().delete()
    CityGaps.objects.all().delete()
    GapGroup.objects.all().delete()
    load_gaps_demo()
    second = sorted(
        Observation.objects.values_list("city__slug", "indicator__key", "period", "group__key", "numerator")
    )
    assert first == second
