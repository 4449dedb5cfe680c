"""Demo gap data: ten cities with three to six periods of synthetic figures shaped like a city sample of
the Labour Force Survey (employment, education) and of EU-SILC and social surveys (the rest), every figure
labelled synthetic in its source. Believable gaps: foreign-born residents' employment rate 8 to 15 points
below the native-born one, poverty and overcrowding twice as frequent, narrowing a little each year in some
cities; groups too small to show (people of unknown origin), which the statistics withhold; self-reported
health not collected anywhere, so the health domain has no score (one indicator of two); naturalisation left
out, and voting "not applicable" to non-EU nationals. Lyon and Lisbon publish their gaps. Strasbourg (the
demo coordinator's city) has figures up to 2023 only and a file with errors waiting: its "needs you" list
shows both.

Seeded (numpy and random with SEED): every load gives the same figures.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import RoleKind, User
from icc.core.history import reason
from icc.gaps.models import GapGroup, Indicator, MissingReason, Observation, Role
from icc.gaps.services.compute import city_gaps_recompute
from icc.gaps.services.imports import gap_import_check
from icc.gaps.services.publication import city_gaps_publish
from icc.network.demo import DemoResult
from icc.network.models import City

SEED = 21
PUBLISHING = ("Lyon", "Lisbon")
STALE = "Strasbourg"  # its newest figures are three years old: "needs you" asks for newer ones
FRENCH = ("FR", "CH")  # cities that name their groups in French

GROUPS = {
    "native_born": ("Native-born residents", "Résidents nés dans le pays"),
    "foreign_born": ("Foreign-born residents", "Résidents nés à l'étranger"),
    "non_eu_nationals": ("Non-EU nationals", "Ressortissants de pays hors UE"),
    "second_generation": ("Second generation", "Deuxième génération"),
    "unknown": ("Origin not known", "Origine inconnue"),
}


@dataclass(frozen=True)
class CityPlan:
    name: str
    periods: int  # how many years
    age: int  # the newest year is this many years before the current one
    level: float  # shifts every group's favourable rate a little (a city doing better or worse)
    gap: float  # scales the gaps (1 = the typical gap)
    narrowing: float  # how much of the gap closes per year (0.05 = 5 %)
    second_generation: bool
    unknown: bool


CITIES = [
    CityPlan("Lyon", 6, 2, 0.00, 1.0, 0.06, True, True),
    CityPlan("Lisbon", 5, 2, -0.02, 0.8, 0.04, False, True),
    CityPlan("Strasbourg", 4, 3, 0.01, 1.1, 0.00, True, True),
    CityPlan("Barcelona", 5, 1, -0.01, 1.2, 0.03, True, False),
    CityPlan("Oslo", 3, 2, 0.04, 1.3, 0.00, False, True),
    CityPlan("Tilburg", 4, 2, 0.02, 0.9, 0.05, True, False),
    CityPlan("Reggio Emilia", 5, 2, 0.00, 1.0, 0.02, True, True),
    CityPlan("Patras", 3, 2, -0.05, 0.7, 0.00, False, False),
    CityPlan("Subotica", 3, 2, -0.04, 0.6, 0.00, False, True),
    CityPlan("Neuchâtel", 6, 1, 0.03, 1.1, 0.04, True, False),
]

# Per indicator: the native-born rate, then each focal group's rate at a typical gap, and the survey
# (sample sizes below). Rates of polarity -1 indicators are "bad" rates (unemployment...).
RATES: dict[str, tuple[float, dict[str, float], str]] = {
    "employment_rate": (
        0.74,
        {"foreign_born": 0.625, "non_eu_nationals": 0.55, "second_generation": 0.69},
        "lfs",
    ),
    "unemployment_rate": (
        0.07,
        {"foreign_born": 0.14, "non_eu_nationals": 0.19, "second_generation": 0.10},
        "lfs",
    ),
    "overqualification_rate": (
        0.21,
        {"foreign_born": 0.34, "non_eu_nationals": 0.42, "second_generation": 0.24},
        "lfs",
    ),
    "early_school_leaving": (
        0.08,
        {"foreign_born": 0.17, "non_eu_nationals": 0.21, "second_generation": 0.11},
        "lfs",
    ),
    "tertiary_attainment": (
        0.46,
        {"foreign_born": 0.37, "non_eu_nationals": 0.29, "second_generation": 0.41},
        "lfs",
    ),
    "neet_rate": (0.10, {"foreign_born": 0.17, "non_eu_nationals": 0.23, "second_generation": 0.13}, "lfs"),
    "at_risk_of_poverty_rate": (
        0.14,
        {"foreign_born": 0.29, "non_eu_nationals": 0.38, "second_generation": 0.19},
        "silc",
    ),
    "overcrowding_rate": (
        0.10,
        {"foreign_born": 0.24, "non_eu_nationals": 0.33, "second_generation": 0.15},
        "silc",
    ),
    "housing_cost_overburden": (
        0.08,
        {"foreign_born": 0.16, "non_eu_nationals": 0.20, "second_generation": 0.11},
        "silc",
    ),
    "unmet_medical_needs": (
        0.04,
        {"foreign_born": 0.07, "non_eu_nationals": 0.09, "second_generation": 0.05},
        "silc",
    ),
    "voted_local_election": (0.56, {"foreign_born": 0.41, "second_generation": 0.47}, "survey"),
    "association_membership": (
        0.36,
        {"foreign_born": 0.26, "non_eu_nationals": 0.20, "second_generation": 0.31},
        "survey",
    ),
    "feels_safe_at_night": (
        0.73,
        {"foreign_born": 0.66, "non_eu_nationals": 0.61, "second_generation": 0.69},
        "survey",
    ),
    "trust_in_police": (
        0.69,
        {"foreign_born": 0.61, "non_eu_nationals": 0.55, "second_generation": 0.58},
        "survey",
    ),
    "perceived_discrimination": (
        0.05,
        {"foreign_born": 0.18, "non_eu_nationals": 0.26, "second_generation": 0.15},
        "survey",
    ),
}
# Collected nowhere: the health domain keeps one indicator of two, below the two thirds a score needs.
NOT_COLLECTED = ("good_self_reported_health",)
# The group of each survey's sample sizes (ranges): people of unknown origin are always too few to show.
SIZES = {
    "lfs": {"native_born": (3000, 6000), "foreign_born": (600, 1500), "non_eu_nationals": (250, 600),
            "second_generation": (180, 400), "unknown": (12, 28)},
    "silc": {"native_born": (1400, 2600), "foreign_born": (280, 600), "non_eu_nationals": (130, 260),
             "second_generation": (90, 200), "unknown": (8, 25)},
    "survey": {"native_born": (900, 1600), "foreign_born": (220, 450), "non_eu_nationals": (110, 220),
               "second_generation": (80, 160), "unknown": (10, 26)},
}  # fmt: skip
SOURCES = {
    "lfs": "Synthetic demo figures, shaped like a city sample of the Labour Force Survey",
    "silc": "Synthetic demo figures, shaped like a city sample of EU-SILC",
    "survey": "Synthetic demo figures, shaped like a city social survey",
}
BAD_FILE = (
    "city,indicator,polarity,period,group,role,numerator,denominator\n"
    "strasbourg,employment_rate,1,2025,native_born,reference,3120,4300\n"
    "strasbourg,employment_rate,1,2025,foreign_born,focal,1290,1100\n"
    "strasbourg,unemployment_rate,1,2025,native_born,reference,210,3000\n"
    "strasbourg,unemployment_rate,1,2025,foreign_born,focal,95,640\n"
)


def _rate(
    reference: float, focal: float, plan: CityPlan, years_before: int, polarity: int
) -> tuple[float, float]:
    """The reference and focal rates of one city and year: the typical gap scaled by the city's, a little
    wider in earlier years where the city narrows it."""
    shift = plan.level * polarity
    gap = (focal - reference) * plan.gap * (1 + plan.narrowing * years_before)
    ref = min(max(reference + shift, 0.01), 0.98)
    return ref, min(max(ref + gap, 0.005), 0.98)


def _observations(
    plan: CityPlan,
    city: City,
    groups: dict[str, GapGroup],
    indicators: dict[str, Indicator],
    draw: np.random.Generator,
    last: int,
) -> list[Observation]:
    rows: list[Observation] = []
    years = range(last - plan.periods + 1, last + 1)
    focal_keys = ["foreign_born", "non_eu_nationals"]
    focal_keys += ["second_generation"] if plan.second_generation else []
    focal_keys += ["unknown"] if plan.unknown else []
    for key, (reference_rate, focal_rates, survey) in RATES.items():
        indicator = indicators[key]
        for year in years:
            ref_rate, _ = _rate(reference_rate, reference_rate, plan, last - year, indicator.polarity)
            n = int(draw.integers(*SIZES[survey]["native_born"]))
            rows.append(
                Observation(
                    city=city,
                    indicator=indicator,
                    period=str(year),
                    group=groups["native_born"],
                    role=Role.REFERENCE,
                    numerator=int(draw.binomial(n, ref_rate)),
                    denominator=n,
                    source_note=SOURCES[survey],
                )
            )
            for focal in focal_keys:
                typical = focal_rates.get(focal if focal != "unknown" else "foreign_born")
                if typical is None:  # non-EU nationals may not vote in local elections
                    rows.append(
                        Observation(
                            city=city,
                            indicator=indicator,
                            period=str(year),
                            group=groups[focal],
                            role=Role.FOCAL,
                            missing_reason=MissingReason.NOT_APPLICABLE,
                            source_note=SOURCES[survey],
                        )
                    )
                    continue
                _ref, rate = _rate(reference_rate, typical, plan, last - year, indicator.polarity)
                n = int(draw.integers(*SIZES[survey][focal]))
                rows.append(
                    Observation(
                        city=city,
                        indicator=indicator,
                        period=str(year),
                        group=groups[focal],
                        role=Role.FOCAL,
                        numerator=int(draw.binomial(n, rate)),
                        denominator=n,
                        source_note=SOURCES[survey],
                    )
                )
    for key in NOT_COLLECTED:
        for year in years:
            for group_key in ["native_born", *focal_keys]:
                rows.append(
                    Observation(
                        city=city,
                        indicator=indicators[key],
                        period=str(year),
                        group=groups[group_key],
                        role=Role.REFERENCE if group_key == "native_born" else Role.FOCAL,
                        missing_reason=MissingReason.NOT_COLLECTED,
                        source_note=SOURCES["silc"],
                    )
                )
    return rows


def load_gaps_demo() -> DemoResult:
    """Load the demo gap data once, into a demo network that has none."""
    if GapGroup.objects.exists() or Observation.objects.exists():
        return DemoResult(loaded=False)
    cities = {city.name_en: city for city in City.objects.filter(name_en__in=[plan.name for plan in CITIES])}
    if not cities:
        return DemoResult(loaded=False)
    started = time.perf_counter()
    draw = np.random.default_rng(SEED)
    this_year = timezone.localdate().year
    indicators = {indicator.key: indicator for indicator in Indicator.objects.all()}
    secretariat = User.objects.filter(roles__kind=RoleKind.SECRETARIAT).order_by("pk").first()
    why = reason("gaps.demo_data")
    with transaction.atomic():
        plans = [plan for plan in CITIES if plan.name in cities]
        bulk_create_with_history(
            [
                GapGroup(
                    city=cities[plan.name],
                    key=key,
                    name=GROUPS[key][1 if cities[plan.name].country in FRENCH else 0],
                )
                for plan in plans
                for key in GROUPS
                if (key != "second_generation" or plan.second_generation)
                and (key != "unknown" or plan.unknown)
            ],
            GapGroup,
            default_user=secretariat,
            default_change_reason=why,
        )
        by_city: dict[int, dict[str, GapGroup]] = {}
        for group in GapGroup.objects.all():
            by_city.setdefault(group.city_id, {})[group.key] = group
        observations: list[Observation] = []
        for plan in plans:
            city = cities[plan.name]
            last = this_year - plan.age
            observations += _observations(plan, city, by_city[city.pk], indicators, draw, last)
        bulk_create_with_history(
            observations, Observation, batch_size=1000, default_user=secretariat, default_change_reason=why
        )
        for plan in plans:
            city_gaps_recompute(city=cities[plan.name])
        for name in PUBLISHING:
            if name in cities:
                city_gaps_publish(city=cities[name], by=secretariat)
        if STALE in cities:
            contributor = User.objects.filter(
                roles__kind=RoleKind.CITY_CONTRIBUTOR, roles__city=cities[STALE]
            ).first()
            if contributor is not None:
                gap_import_check(
                    city=cities[STALE],
                    by=contributor,
                    upload=SimpleUploadedFile(
                        "strasbourg-2025.csv", BAD_FILE.encode(), content_type="text/csv"
                    ),
                )
    return DemoResult(
        loaded=True,
        seconds=time.perf_counter() - started,
        counts={"cities with gap data": len(plans), "figures": len(observations)},
    )
