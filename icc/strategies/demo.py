# ruff: noqa: E501  (demo data reads better one record a line)
"""City strategies and results-based accountability: the demo content `icc load_demo` loads (seeded,
deterministic, bulk-written with a first history row each, "demo data"):

- eight demo cities with a strategy each, at every status: Strasbourg (the demo coordinator's city) is
  implementing its second strategy, published with its scorecard, and its first one is superseded; the
  others are drafting (one of them for more than a year: the secretariat's needs-you item), validated,
  presented at an event, implementing, evaluated (published too);
- per strategy two or three results, two indicators each with 5 to 10 yearly figures (one indicator per
  strategy read from the city's Index area scores when the demo Index has them), targets, the computed
  forecast (one forecast set by hand, with its reason), the turn-the-curve fields with published practices,
  and actions in every state with dated updates (some due within two weeks, some overdue);
- a programme or two per strategy with measures in the three RBA quadrants, each with its series (one
  without a figure for the latest period: the coordinator's needs-you item), a support group and versions.
Names and figures are invented; the site says that demo data is synthetic.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import User
from icc.core.history import reason
from icc.network.models import City
from icc.strategies.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    DataPoint,
    DataSource,
    Indicator,
    PerformanceMeasure,
    Polarity,
    Programme,
    Quadrant,
    Result,
    SourceKind,
    Strategy,
    StrategyStatus,
    StrategyVersion,
    SupportGroupMember,
    Target,
)

SEED = 2014
SECRETARIAT_EMAIL = "secretariat@demo.icc"
COORDINATOR_EMAIL = "coordinator@demo.icc"
HOME_CITY = "Strasbourg"

RESULTS = [
    (
        "Everyone feels at home in the city",
        "Chacun se sent chez soi dans la ville",
        "All residents, wherever they come from, feel they belong here.",
        "Tous les habitants, d'où qu'ils viennent, sentent qu'ils ont leur place ici.",
        [
            (
                "Residents who trust most of their neighbours",
                "Habitants qui font confiance à leurs voisins",
                "%",
                Polarity.HIGHER_IS_BETTER,
                48.0,
                1.2,
            ),
            (
                "Reported hate incidents",
                "Incidents haineux signalés",
                "per 100,000 residents",
                Polarity.LOWER_IS_BETTER,
                31.0,
                -0.8,
            ),
        ],
    ),
    (
        "Children of every background succeed at school",
        "Les enfants de toutes origines réussissent à l'école",
        "Where a child's parents were born does not decide how far the child goes at school.",
        "Le lieu de naissance des parents ne décide pas du parcours scolaire de l'enfant.",
        [
            (
                "Pupils of migrant background finishing secondary school",
                "Élèves issus de l'immigration diplômés du secondaire",
                "%",
                Polarity.HIGHER_IS_BETTER,
                61.0,
                1.5,
            ),
            (
                "Schools with a mixed intake",
                "Écoles à recrutement mixte",
                "%",
                Polarity.HIGHER_IS_BETTER,
                35.0,
                0.9,
            ),
        ],
    ),
    (
        "Newcomers find work that matches their skills",
        "Les nouveaux arrivants trouvent un emploi à la mesure de leurs compétences",
        "People who arrive in the city work in jobs that use what they know.",
        "Les personnes qui arrivent dans la ville occupent des emplois qui valorisent leurs savoirs.",
        [
            (
                "Newcomers in work after two years",
                "Nouveaux arrivants en emploi après deux ans",
                "%",
                Polarity.HIGHER_IS_BETTER,
                42.0,
                1.8,
            ),
            (
                "Long-term unemployment gap",
                "Écart de chômage de longue durée",
                "percentage points",
                Polarity.LOWER_IS_BETTER,
                9.0,
                -0.3,
            ),
        ],
    ),
]

PROGRAMMES = [
    (
        "Neighbourhood mediators",
        [
            (Quadrant.HOW_MUCH, "Mediations held", "mediations", Polarity.HIGHER_IS_BETTER, 120.0, 15.0),
            (
                Quadrant.HOW_WELL,
                "Residents satisfied with the mediation",
                "%",
                Polarity.HIGHER_IS_BETTER,
                71.0,
                1.5,
            ),
            (
                Quadrant.BETTER_OFF,
                "Conflicts still settled six months later",
                "%",
                Polarity.HIGHER_IS_BETTER,
                58.0,
                2.0,
            ),
        ],
    ),
    (
        "Anti-rumour network",
        [
            (
                Quadrant.HOW_MUCH,
                "Anti-rumour agents trained",
                "people",
                Polarity.HIGHER_IS_BETTER,
                40.0,
                12.0,
            ),
            (
                Quadrant.HOW_WELL,
                "Trainees who would recommend the training",
                "%",
                Polarity.HIGHER_IS_BETTER,
                80.0,
                1.0,
            ),
            (
                Quadrant.BETTER_OFF,
                "Trainees who challenged a rumour since",
                "%",
                Polarity.HIGHER_IS_BETTER,
                34.0,
                3.0,
            ),
        ],
    ),
]

ACTIONS = [
    "Open a welcome desk in every district town hall",
    "Train front-line staff in intercultural competence",
    "Publish a yearly report on hate incidents with the police",
    "Pair schools across neighbourhoods for joint projects",
    "Mentoring scheme with local employers",
    "Recognise foreign qualifications faster with the chamber of trades",
]
SUPPORT_GROUP = [
    ("Amina Haddad", "Residents' council", "chair"),
    ("Marc Oberlin", "Chamber of trades", "member"),
    ("Sofia Petrović", "Migrant associations' forum", "member"),
    ("Luc Steiner", "University, sociology department", "adviser"),
    ("Nadia Benali", "Youth centre", "member"),
]

# (status, published, drafting started years ago, years of data)
PLAN = [
    (StrategyStatus.IMPLEMENTING, True, 0, 9),  # the home city's second strategy
    (StrategyStatus.DRAFTING, False, 2, 5),
    (StrategyStatus.VALIDATED, False, 0, 6),
    (StrategyStatus.PRESENTED, False, 0, 7),
    (StrategyStatus.IMPLEMENTING, False, 0, 8),
    (StrategyStatus.EVALUATED, True, 0, 10),
    (StrategyStatus.IMPLEMENTING, False, 0, 6),
    (StrategyStatus.DRAFTING, False, 0, 5),
]


@dataclass(frozen=True)
class DemoStrategies:
    strategies: int
    indicators: int
    points: int
    actions: int


def load_strategies_demo(today: datetime.date | None = None) -> DemoStrategies:
    """Load once: a database that already has strategies, or no demo network, is left alone."""
    if Strategy.objects.exists() or not City.objects.exists():
        return DemoStrategies(0, 0, 0, 0)
    with transaction.atomic():
        return _load(today or timezone.localdate())


def _cities() -> list[City]:
    public = list(City.objects.public().order_by("name"))
    home = [c for c in public if c.name == HOME_CITY]
    others = [c for c in public if c.name != HOME_CITY]
    random.Random(SEED).shuffle(others)
    return (home + others)[: len(PLAN)]


def _load(today: datetime.date) -> DemoStrategies:
    from icc.practices.models import Practice
    from icc.strategies.sources import index_area_figures

    rng = random.Random(SEED)
    why = reason("strategies.demo_data")
    by = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    cities = _cities()
    if not cities:
        return DemoStrategies(0, 0, 0, 0)
    practices = list(Practice.objects.public().order_by("pk")[:12])

    def bulk(model: type, rows: list) -> list:
        return list(bulk_create_with_history(rows, model, default_user=by, default_change_reason=why))

    # ---- strategies (the home city's first one, superseded, comes first so that the second replaces it)
    strategies: list[Strategy] = []
    plans: list[tuple[Strategy, int]] = []
    home = cities[0]
    earlier = Strategy(
        city=home,
        title_en=f"{home.name}: living together 2014-2018",
        title_fr=f"{home.name} : vivre ensemble 2014-2018",
        title=f"{home.name}: living together 2014-2018",
        status=StrategyStatus.SUPERSEDED,
        starts_on=datetime.date(today.year - 11, 1, 1),
        ends_on=datetime.date(today.year - 7, 12, 31),
        validated_on=datetime.date(today.year - 11, 2, 10),
        validated_by_body="City council",
        presented_on=datetime.date(today.year - 11, 3, 21),
        index_areas=["education", "public_space"],
        status_changed_on=datetime.date(today.year - 6, 1, 15),
    )
    bulk(Strategy, [earlier])
    earlier = Strategy.objects.get(city=home, status=StrategyStatus.SUPERSEDED)
    for city, (status, published, draft_years, years) in zip(cities, PLAN, strict=False):
        start = datetime.date(today.year - years + 4, 1, 1)
        past_drafting = status != StrategyStatus.DRAFTING
        changed = today - datetime.timedelta(days=365 * draft_years + rng.randint(20, 200))
        title = f"{city.name}: {rng.choice(['a city for all', 'diversity advantage', 'living together'])} {start.year}-{start.year + 4}"
        strategies.append(
            Strategy(
                city=city,
                title_en=title,
                title_fr=title.replace("a city for all", "une ville pour tous")
                .replace("diversity advantage", "l'avantage de la diversité")
                .replace("living together", "vivre ensemble"),
                title=title,
                summary="A strategy built with the support group and residents, following results-based accountability.",
                status=status,
                published=published,
                starts_on=start,
                ends_on=datetime.date(start.year + 4, 12, 31),
                validated_on=start - datetime.timedelta(days=40) if past_drafting else None,
                validated_by_body="City council" if past_drafting else "",
                presented_on=start - datetime.timedelta(days=10)
                if status not in (StrategyStatus.DRAFTING, StrategyStatus.VALIDATED)
                else None,
                previous=earlier if city == home else None,
                index_areas=sorted(
                    rng.sample(["education", "public_space", "business", "welcoming", "mediation"], 2)
                ),
                status_changed_on=changed if not past_drafting else start,
            )
        )
        plans.append((strategies[-1], years))
    bulk(Strategy, strategies)
    saved = {(s.city_id, s.title_en): s for s in Strategy.objects.filter(city__in=cities)}
    plans = [(saved[(s.city_id, s.title_en)], years) for s, years in plans]

    # ---- versions, support group, results
    versions, members, results = [], [], []
    for strategy, _years in [(earlier, 5), *plans]:
        for n in range(1, 3 if strategy.status != StrategyStatus.DRAFTING else 2):
            versions.append(
                StrategyVersion(
                    strategy=strategy,
                    number=n,
                    text=f"{strategy.title_en}\n\nVersion {n}: vision, results, indicators and action plans.",
                    content={
                        "sections": [{"heading": "Vision", "body": "A city where diversity is an advantage."}]
                    },
                    note="First draft with the support group" if n == 1 else "As validated by the council",
                    created_by=by,
                )
            )
        for name, organisation, role in rng.sample(SUPPORT_GROUP, rng.randint(3, 5)):
            members.append(
                SupportGroupMember(strategy=strategy, name=name, organisation=organisation, role=role)
            )
        for order, (en, fr, st_en, st_fr, _inds) in enumerate(RESULTS[: rng.randint(2, 3)], start=1):
            results.append(
                Result(
                    strategy=strategy,
                    title=en,
                    title_en=en,
                    title_fr=fr,
                    statement=st_en,
                    statement_en=st_en,
                    statement_fr=st_fr,
                    order=order,
                )
            )
    bulk(StrategyVersion, versions)
    bulk(SupportGroupMember, members)
    bulk(Result, results)
    years_of = {s.pk: years for s, years in plans} | {earlier.pk: 5}
    results = list(
        Result.objects.filter(strategy__in=[earlier, *[s for s, _y in plans]]).select_related(
            "strategy__city"
        )
    )

    # ---- indicators and their figures, targets
    indicators: list[Indicator] = []
    specs = {en: inds for en, _fr, _s, _sf, inds in RESULTS}
    for result in results:
        for order, (name_en, name_fr, unit, polarity, _base, _slope) in enumerate(
            specs[result.title_en], start=1
        ):
            indicators.append(
                Indicator(
                    result=result,
                    name=name_en,
                    name_en=name_en,
                    name_fr=name_fr,
                    unit=unit,
                    polarity=polarity,
                    order=order,
                    story="Figures moved with the economy until the city and its partners acted together."
                    if order == 1
                    else "",
                    partners="Schools, employers, residents' councils, the police, migrant associations."
                    if order == 1
                    else "",
                    what_works="Mediation in the neighbourhoods and mixed projects between schools."
                    if order == 1
                    else "",
                )
            )
    first_results: dict[int, Result] = {}
    for result in results:
        first_results.setdefault(result.strategy_id, result)
    bulk(Indicator, indicators)
    indicators = list(Indicator.objects.filter(result__in=results).select_related("result__strategy__city"))
    points, targets = [], []
    index_fed: set[int] = set()
    for indicator in indicators:
        strategy = indicator.result.strategy
        years = years_of[strategy.pk]
        base, slope = next(
            (b, s) for n, _f, _u, _p, b, s in specs[indicator.result.title_en] if n == indicator.name_en
        )
        # One indicator per strategy reads the city's Index scores of an area, when the demo Index has them.
        if (
            indicator.order == 2
            and indicator.result_id == first_results[strategy.pk].pk
            and strategy.index_areas
        ):
            figures = index_area_figures(strategy.city, strategy.index_areas[0])
            if len(figures) >= 2:
                indicator.source_kind, indicator.source_key = SourceKind.INDEX_AREA, strategy.index_areas[0]
                indicator.name_en = indicator.name = "Index score: " + strategy.index_areas[0].replace(
                    "_", " "
                )
                indicator.name_fr = "Score de l'Indice : " + strategy.index_areas[0].replace("_", " ")
                indicator.unit, indicator.polarity = "score 0-100", Polarity.HIGHER_IS_BETTER
                index_fed.add(indicator.pk)
                for label, start, value, source in figures:
                    points.append(
                        DataPoint(
                            indicator=indicator,
                            period_label=label[:30],
                            period_start=start,
                            value=round(value, 2),
                            source=source[:300],
                            source_kind=DataSource.INDEX,
                        )
                    )
                continue
        start_year = (strategy.starts_on or today).year - 4
        value = base + rng.uniform(-3, 3)
        for i in range(years):
            year = start_year + i
            if year > today.year - 1:
                break
            # After the strategy starts the curve bends the right way: it "turns".
            turn = (
                1.8
                if strategy.starts_on
                and year >= strategy.starts_on.year
                and strategy.status != StrategyStatus.DRAFTING
                else 0
            )
            value = max(
                0.0,
                value + slope + (turn if slope > 0 else -turn) * abs(slope) / 2 + rng.gauss(0, abs(slope)),
            )
            points.append(
                DataPoint(
                    indicator=indicator,
                    period_label=str(year),
                    period_start=datetime.date(year, 1, 1),
                    value=round(value, 1),
                    source="City survey" if indicator.order == 1 else "City statistics office",
                )
            )
        last_year = min(start_year + years - 1, today.year - 1)
        for year, factor in ((last_year, 1.03), (last_year + 2, 1.08)):
            target = value * (factor if indicator.polarity == Polarity.HIGHER_IS_BETTER else 2 - factor)
            targets.append(
                Target(
                    indicator=indicator,
                    period_label=str(year),
                    period_start=datetime.date(year, 1, 1),
                    value=round(target, 1),
                )
            )
    Indicator.objects.bulk_update(
        [i for i in indicators if i.pk in index_fed],
        ["source_kind", "source_key", "name", "name_en", "name_fr", "unit", "polarity"],
    )
    # One forecast set by hand, with its reason, on the home city's first indicator.
    home_indicator = next(i for i in indicators if i.result.strategy_id == plans[0][0].pk and i.order == 1)
    home_indicator.forecast_override = {str(today.year): 50.0, str(today.year + 1): 50.5}
    home_indicator.forecast_note = "The housing crisis will hold trust back: we expect the curve to flatten."
    home_indicator.save(update_fields=["forecast_override", "forecast_note"])
    with_practices = [i for i in indicators if i.order == 1 and i.pk not in index_fed]
    for indicator in with_practices[:10]:
        if practices:
            indicator.practices.set(rng.sample(practices, min(2, len(practices))))

    # ---- programmes and measures with their series (the newest period missing for one measure)
    programmes = []
    for strategy, _years in plans:
        if strategy.status == StrategyStatus.DRAFTING:
            continue
        for name, _measures in PROGRAMMES[: rng.randint(1, 2)]:
            programmes.append(Programme(strategy=strategy, name=name, description=""))
    bulk(Programme, programmes)
    programmes = list(
        Programme.objects.filter(strategy__in=[s for s, _y in plans]).select_related("strategy")
    )
    measures = []
    specs_m = dict(PROGRAMMES)
    for programme in programmes:
        for quadrant, name, unit, polarity, _base, _step in specs_m[programme.name]:
            measures.append(
                PerformanceMeasure(
                    programme=programme, quadrant=quadrant, name=name, unit=unit, polarity=polarity
                )
            )
    bulk(PerformanceMeasure, measures)
    measures = list(
        PerformanceMeasure.objects.filter(programme__in=programmes).select_related("programme__strategy")
    )
    missing_done: set[int] = set()
    for measure in measures:
        strategy = measure.programme.strategy
        _q, _n, _u, _p, base, step = next(m for m in specs_m[measure.programme.name] if m[1] == measure.name)
        first = (strategy.starts_on or today).year
        value = base
        last = today.year - 1
        for year in range(first, last + 1):
            # The home city's "better off" measure lacks last year's figure: a needs-you item for its coordinator.
            if (
                year == last
                and measure.quadrant == Quadrant.BETTER_OFF
                and strategy.pk not in missing_done
                and strategy.city.name == HOME_CITY
            ):
                missing_done.add(strategy.pk)
                continue
            value = max(0.0, value + step * rng.uniform(0.4, 1.4))
            points.append(
                DataPoint(
                    measure=measure,
                    period_label=str(year),
                    period_start=datetime.date(year, 1, 1),
                    value=round(value, 1),
                    source="Programme records",
                )
            )
        targets.append(
            Target(
                measure=measure,
                period_label=str(last),
                period_start=datetime.date(last, 1, 1),
                value=round(value * 1.05, 1),
            )
        )
    bulk(DataPoint, points)
    bulk(Target, targets)

    # ---- actions in every state, with dated updates; some due within two weeks, some overdue
    actions = []
    states = list(ActionStatus.values)
    n = 0
    for indicator in indicators:
        strategy = indicator.result.strategy
        if strategy.status in (StrategyStatus.DRAFTING, StrategyStatus.SUPERSEDED) or indicator.order != 1:
            continue
        for k in range(2):
            state: str = states[n % len(states)]
            starts = (strategy.starts_on or today) + datetime.timedelta(days=60 * k)
            if state in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS) and n % 3 == 0:
                due = today + datetime.timedelta(days=rng.randint(3, 13))  # due within two weeks
            elif state == ActionStatus.LATE:
                due = today - datetime.timedelta(days=rng.randint(5, 60))  # overdue
            else:
                due = today + datetime.timedelta(days=rng.randint(60, 500))
            if state in (ActionStatus.DONE, ActionStatus.DROPPED):
                due = min(due, today - datetime.timedelta(days=30))
            starts = min(starts, due)
            owner = coordinator if strategy.city.name == HOME_CITY and k == 0 else None
            actions.append(
                Action(
                    indicator=indicator,
                    title=ACTIONS[n % len(ACTIONS)],
                    owner=owner,
                    owner_name=owner.get_full_name()
                    if owner
                    else rng.choice(
                        ["Social services", "Education department", "Employment office", "Residents' council"]
                    ),
                    starts_on=starts,
                    due_on=due,
                    status=state,
                )
            )
            n += 1
    bulk(Action, actions)
    actions = list(Action.objects.filter(indicator__in=indicators))
    updates = []
    for action in actions:
        if action.status == ActionStatus.PLANNED:
            continue
        start = action.starts_on or today
        updates.append(
            ActionUpdate(
                action=action,
                on=min(today, start + datetime.timedelta(days=30)),
                status=ActionStatus.IN_PROGRESS,
                note="Started with the partners.",
                by=by,
            )
        )
        if action.status != ActionStatus.IN_PROGRESS:
            updates.append(
                ActionUpdate(
                    action=action,
                    on=min(today, start + datetime.timedelta(days=120)),
                    status=action.status,
                    note={
                        "done": "Completed as planned.",
                        "late": "Delayed: the partner's budget came late.",
                        "dropped": "Dropped: another programme covers it.",
                    }[action.status],
                    by=by,
                )
            )
    bulk(ActionUpdate, updates)
    return DemoStrategies(len(plans) + 1, len(indicators), len(points), len(actions))
