"""A city's gaps in one period, by domain: what the city's page, its downloads and its public section show.

Every indicator of the catalogue in use appears for every focal group the city measured in the period:
a gap the city has not measured reads "not collected" rather than vanish, so that the page never hides
what is missing. Domain scores follow the engine's rule (icc.gaps.statistics.domain_score): the mean gap
score of the domain's indicators, none below two thirds coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.gaps.models import Domain, GapGroup, GapResult, Indicator, period_sort_key
from icc.gaps.selectors.lines import SCORE_DIGITS, GapLine, gap_line, number_text
from icc.gaps.selectors.remedial import AreaPointer, IndexResults, area_pointers, latest_index_results
from icc.gaps.statistics import domain_score
from icc.network.models import City


@dataclass(frozen=True)
class DomainScoreCell:
    group_name: str
    text: str  # "82.8", or "no score: 1 of 3 indicators"
    coverage_text: str  # "3 of 3 indicators"
    score: float | None


@dataclass
class DomainSection:
    key: str
    title: str
    lines: list[GapLine]
    scores: list[DomainScoreCell]
    areas: list[AreaPointer] = field(default_factory=list)

    @property
    def significant(self) -> list[GapLine]:
        return [line for line in self.lines if line.significant]

    @property
    def chart_id(self) -> str:
        return f"gaps-{self.key.replace('_', '-')}"


@dataclass
class CityGapsPage:
    city: City
    period: str | None
    periods: list[str]
    groups: list[str]  # the focal groups' names, in the page's order
    reference_names: list[str]
    domains: list[DomainSection]
    index_results: IndexResults | None = None

    @property
    def lines(self) -> list[GapLine]:
        return [line for section in self.domains for line in section.lines]


def city_periods(city: City) -> list[str]:
    """The periods the city has gaps for, oldest first."""
    periods = GapResult.objects.filter(city=city).order_by().values_list("period", flat=True).distinct()
    return sorted(set(periods), key=period_sort_key)


def _indicators(results: list[GapResult]) -> list[Indicator]:
    """The catalogue's indicators in use, and any retired one the city still has figures for."""
    used = {result.indicator_id for result in results}
    return list(Indicator.objects.filter(Q(is_active=True) | Q(pk__in=used)).order_by("order", "key"))


def _coverage(covered: int, expected: int) -> str:
    return ngettext(
        "%(covered)s of %(expected)s indicator", "%(covered)s of %(expected)s indicators", expected
    ) % {"covered": covered, "expected": expected}


def city_gaps_page(city: City, period: str | None = None, *, with_remedial: bool = True) -> CityGapsPage:
    """The city's gaps in `period` (its latest when None or unknown). `with_remedial`: the Index areas
    behind each domain with a significant gap (the city's page; not the public section)."""
    periods = city_periods(city)
    if period not in periods:
        period = periods[-1] if periods else None
    results = list(
        GapResult.objects.filter(city=city, period=period).select_related("indicator", "focal", "reference")
    )
    focal_groups: dict[int, GapGroup] = {}
    references: dict[int, GapGroup] = {}
    for result in sorted(results, key=lambda r: r.focal.key):
        focal_groups.setdefault(result.focal_id, result.focal)
        if result.reference is not None:
            references.setdefault(result.reference_id, result.reference)  # type: ignore[arg-type]
    by_key = {(result.indicator_id, result.focal_id): result for result in results}
    # The reference group of each indicator (one per indicator and period); a line with no result names
    # the city's most used reference group.
    indicator_reference = {r.indicator_id: r.reference.name for r in results if r.reference is not None}
    default_reference = next(iter(references.values())).name if references else _("reference group")
    indicators = _indicators(results) if period else []
    index_results = latest_index_results(city) if with_remedial and period else None
    sections = []
    for domain in Domain:
        domain_indicators = [i for i in indicators if i.domain == domain.value]
        if not domain_indicators:
            continue
        lines = [
            gap_line(
                indicator=indicator,
                period=period or "",
                focal_key=group.key,
                focal_name=group.name,
                reference_name=indicator_reference.get(indicator.pk, default_reference),
                result=by_key.get((indicator.pk, group.pk)),
            )
            for indicator in domain_indicators
            for group in focal_groups.values()
        ]
        expected = [i.key for i in domain_indicators if i.is_active]
        scores = []
        for group in focal_groups.values():
            gap_scores = {
                line.indicator.key: line.gap_score_value for line in lines if line.focal_key == group.key
            }
            rolled = domain_score(domain.value, gap_scores, expected)
            if rolled.score is None:
                text = _("no score: %(coverage)s") % {"coverage": _coverage(rolled.covered, rolled.expected)}
            else:
                text = number_text(rolled.score, SCORE_DIGITS)
            scores.append(
                DomainScoreCell(group.name, text, _coverage(rolled.covered, rolled.expected), rolled.score)
            )
        section = DomainSection(domain.value, str(domain.label), lines, scores)
        if with_remedial and section.significant:
            section.areas = area_pointers(domain.value, index_results)
        sections.append(section)
    return CityGapsPage(
        city=city,
        period=period,
        periods=periods,
        groups=[group.name for group in focal_groups.values()],
        reference_names=[group.name for group in references.values()],
        domains=sections,
        index_results=index_results,
    )


@dataclass(frozen=True)
class GapCounts:
    shown: int  # records with figures, every period
    withheld: int  # suppressed records (too few people)


def city_gap_counts(city: City) -> GapCounts:
    records = list(GapResult.objects.filter(city=city, record__isnull=False).values_list("record", flat=True))
    suppressed = sum(1 for record in records if record and record.get("suppressed"))
    return GapCounts(shown=len(records) - suppressed, withheld=suppressed)


@dataclass(frozen=True)
class GapCityRow:
    city: City
    gaps: int  # stored gap records of every period
    latest_period: str | None
    published: bool


def gap_city_rows(cities: QuerySet[City]) -> list[GapCityRow]:
    """The cities a person may read the gaps of, each with how many gaps it has and whether it published
    them: cities with gaps first, then by name. Two queries."""
    periods: dict[int, set[str]] = {}
    counts: dict[int, int] = {}
    results = GapResult.objects.filter(city__in=cities).order_by().values_list("city_id", "period")
    for city_id, period in results:
        periods.setdefault(city_id, set()).add(period)
        counts[city_id] = counts.get(city_id, 0) + 1
    rows = [
        GapCityRow(
            city=city,
            gaps=counts.get(city.pk, 0),
            latest_period=max(periods[city.pk], key=period_sort_key) if city.pk in periods else None,
            published=bool(city.gaps_published),
        )
        for city in cities.annotate(gaps_published=Coalesce("gaps__published", False)).order_by("name")
    ]
    return sorted(rows, key=lambda row: (row.gaps == 0, row.city.name))
