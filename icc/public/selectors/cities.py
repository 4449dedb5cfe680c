"""The public list of cities and a city's public page: register facts and published Index results only.

Which cities are public is `City.objects.public()` (docs/permissions.md). Never read here: contacts,
internal notes, fees, accession steps and documents, statuses other than member and candidate, answers,
and any score that `icc.index.selectors.publication` does not publish.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icc.core.countries import country_name
from icc.core.search import collation_key, search
from icc.index.gender_lens import GENDER_LENS
from icc.index.models import Questionnaire, Response, Round
from icc.index.selectors.publication import public_round_results, published_responses
from icc.index.selectors.questionnaires import comparable_areas
from icc.network.models import PUBLIC_CITY_STATUSES, City
from icc.public.selectors.results import (
    chart_value,
    public_statuses,
    text,
)
from icc.public.selectors.uncertainty import RankUncertainty, rank_uncertainty
from icc.reports.models import ReportVersion
from icc.reports.selectors.versions import public_report_versions

PUBLIC_CITY_FIELDS = (
    "name",
    "name_en",
    "name_fr",
    "slug",
    "country",
    "region",
    "is_capital",
    "latitude",
    "longitude",
    "population",
    "population_year",
    "population_source",
    "foreign_residents_share",
    "foreign_residents_year",
    "foreign_residents_source",
    "foreign_born_share",
    "foreign_born_year",
    "foreign_born_source",
    "minorities_share",
    "minorities_year",
    "minorities_source",
    "status",
    "member_since",
    "national_network",
)


def public_cities() -> QuerySet[City]:
    """The public cities (`City.objects.public()`), with public fields only loaded (notes and the like
    stay in the database)."""
    return City.objects.public().only(*PUBLIC_CITY_FIELDS)


# --------------------------------------------------------------------------------------------------
# The list


class CitiesByName(Sequence[City]):
    """The cities of a queryset in collation order of their names in the reader's language, loaded a page
    at a time (Paginator slices it): sorting reads each city's names only, so that a list of 1,500 cities
    does not build 1,500 cities to show 50. Each loaded city has `has_results` (published Index results)."""

    def __init__(self, cities: QuerySet[City]) -> None:
        self.queryset = cities
        language = get_language() or "en"
        names = cities.values_list("pk", "name_en", "name_fr")
        self.ids = [pk for pk, *_names in sorted(names, key=lambda row: collation_key(_name(row, language)))]

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> City: ...
    @overload
    def __getitem__(self, index: slice) -> list[City]: ...
    def __getitem__(self, index: int | slice) -> City | list[City]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        loaded = (
            self.queryset.filter(pk__in=ids)
            .select_related("national_network")
            .annotate(has_results=Exists(published_responses().filter(city=OuterRef("pk"))))
        )
        by_id = {city.pk: city for city in loaded}
        return [by_id[pk] for pk in ids if pk in by_id]


def _name(row: tuple[int, str | None, str | None], language: str) -> str:
    """A city's name in the language, falling back to English (as `City.name` does)."""
    _pk, name_en, name_fr = row
    return (name_fr if language == "fr" and name_fr else name_en) or ""


@dataclass
class PublicCityListing:
    cities: CitiesByName
    q: str
    status: str
    country: str
    countries: list[tuple[str, str]]
    statuses: list[tuple[str, str]]
    total: int


def public_city_list(params: QueryDict) -> PublicCityListing:
    """The public cities, filtered by a search, a status and a country; each marked with whether it has
    published Index results. Three queries with the page of rows."""
    base = public_cities()
    q = params.get("q", "").strip()
    status = params.get("status", "")
    country = params.get("country", "").strip().upper()
    codes = set(base.order_by().values_list("country", flat=True).distinct())
    countries = sorted(((c, country_name(c)) for c in codes), key=lambda item: collation_key(item[1]))
    cities = base
    if q:
        cities = search(cities, q, ["name_en", "name_fr", "region"])
    if status in public_statuses():
        cities = cities.filter(status=status)
    else:
        status = ""
    if country in codes:
        cities = cities.filter(country=country)
    else:
        country = ""
    statuses = [(str(s.value), str(s.label)) for s in PUBLIC_CITY_STATUSES]
    return PublicCityListing(
        cities=CitiesByName(cities),
        q=q,
        status=status,
        country=country,
        countries=countries,
        statuses=statuses,
        total=base.count(),
    )


# --------------------------------------------------------------------------------------------------
# One city


def get_public_city(slug: str) -> City:
    """The public city (`City.objects.public()`) a public page shows; 404 for any other."""
    city = (
        City.objects.public()
        .filter(slug=slug)
        .select_related("national_network")
        .only(*PUBLIC_CITY_FIELDS, "national_network__name", "national_network__name_en")
        .first()
    )
    if city is None:
        raise Http404("No such city on the public site.")
    return city


@dataclass(frozen=True)
class AreaResult:
    id: str
    title: str
    score: float | None
    mean: float | None  # over the round's published cities
    # The quartiles of the published cities' scores in the area (linear interpolation, as numpy's default).
    q1: float | None = None
    median: float | None = None
    q3: float | None = None

    @property
    def score_text(self) -> str:
        return text(self.score)

    @property
    def middle_half_text(self) -> str:
        """Where the middle half of the published cities lies: "Q1–Q3", as the page shows scores."""
        if self.q1 is None or self.q3 is None:
            return "–"
        return f"{text(self.q1)}–{text(self.q3)}"

    @property
    def quarter_text(self) -> str:
        """Which quarter of the published cities the city's score falls in, in words ("" when unknown).

        Compared at the one decimal the page shows, so that a reader checking the figures finds the same
        words; "top quarter" is strictly above Q3 and "bottom quarter" strictly below Q1."""
        if self.score is None or self.q1 is None or self.median is None or self.q3 is None:
            return ""
        score, q1, median, q3 = (round(v, 1) for v in (self.score, self.q1, self.median, self.q3))
        if score > q3:
            return _("top quarter")
        if score < q1:
            return _("bottom quarter")
        if score > median:
            return _("above the median")
        if score < median:
            return _("below the median")
        return _("at the median")

    @property
    def mean_text(self) -> str:
        return text(self.mean)

    @property
    def difference_text(self) -> str:
        if self.score is None or self.mean is None:
            return "–"
        value = text(self.score - self.mean)
        return f"+{value}" if round(self.score - self.mean, 1) > 0 else value


@dataclass
class RoundResult:
    """One published round of the city: its aggregate, rank, and each area against the published mean."""

    round: Round
    questionnaire: Questionnaire
    aggregate: float | None
    aggregate_mean: float | None
    rank: int | None
    sample_size: int
    published_count: int
    complete: bool
    peer_groups: list[tuple[str, str]]  # (scale, band)
    areas: list[AreaResult]
    uncertainty: RankUncertainty | None = None  # the rank's 90 % interval over plausible weightings
    # The version's groups (the intercultural lens, the gender lens), each against the published average
    lenses: list[AreaResult] = field(default_factory=list)
    has_gender_lens: bool = False  # False: the version has no gender-lens questions (no score, not 0)

    @property
    def aggregate_text(self) -> str:
        return text(self.aggregate)

    @property
    def aggregate_mean_text(self) -> str:
        return text(self.aggregate_mean)

    @property
    def chart_items(self) -> list[tuple[str, int | None, int | None]]:
        """(area, score, average of the published cities): the average is a mark across the bar."""
        return [(a.title, chart_value(a.score), chart_value(a.mean)) for a in self.areas]

    @property
    def chart_id(self) -> str:
        return f"areas-{self.round.pk}"

    @property
    def chart_targets(self) -> list[tuple[str, float]]:
        return [(_("Highest possible: 100"), 100.0)]


@dataclass
class ProgressRow:
    label: str
    cells: list[str]  # one per round, oldest first: the score, "–", or "not comparable"
    values: list[float | None] = field(default_factory=list)  # the same scores as numbers (CSV, image)


@dataclass
class Progress:
    """The city's published rounds side by side, oldest first."""

    rounds: list[Round]
    aggregate: list[tuple[str, int | None]]  # chart items (round, aggregate)
    rows: list[ProgressRow]  # the aggregate, then the areas of the newest round
    versions_differ: bool


@dataclass
class CityPage:
    city: City
    status: str | None
    results: list[RoundResult] = field(default_factory=list)  # newest first
    progress: Progress | None = None
    reports: list[ReportVersion] = field(default_factory=list)  # the latest published version of each


def _round_result(response: Response) -> RoundResult | None:
    results = public_round_results(response.round)
    mine = results.city(response.city_id)
    if mine is None:  # published a moment ago, withdrawn since: show nothing rather than guess
        return None
    return RoundResult(
        round=response.round,
        questionnaire=response.round.questionnaire,
        aggregate=mine.aggregate,
        aggregate_mean=results.aggregate_statistics.mean,
        rank=mine.rank,
        sample_size=results.sample_size,
        published_count=len(results.cities),
        complete=mine.complete,
        peer_groups=sorted(
            ((scale, band) for scale, band in mine.peer_groups.items() if band),
            key=lambda item: (item[0] != "population", item[0]),
        ),
        areas=[
            AreaResult(
                id=area_id,
                title=title,
                score=mine.areas.get(area_id),
                mean=results.area_statistics[area_id].mean,
                q1=results.area_statistics[area_id].q1,
                median=results.area_statistics[area_id].median,
                q3=results.area_statistics[area_id].q3,
            )
            for area_id, title in results.area_titles.items()
        ],
        uncertainty=rank_uncertainty(mine, results.sample_size),
        lenses=[
            AreaResult(id=g, title=title, score=mine.groups.get(g), mean=results.group_statistics[g].mean)
            for g, title in results.group_titles.items()
        ],
        has_gender_lens=GENDER_LENS in results.group_titles,
    )


def _progress(results: list[RoundResult]) -> Progress | None:
    if len(results) < 2:
        return None
    ordered = list(reversed(results))  # oldest first
    newest = ordered[-1]
    rows = [ProgressRow(_("Aggregate"), [r.aggregate_text for r in ordered], [r.aggregate for r in ordered])]
    mappings: list[dict[str, str] | None] = []
    for r in ordered:
        if r.questionnaire.key == newest.questionnaire.key:
            mappings.append(None)  # same version: every area compares with itself
        else:
            mappings.append(comparable_areas(newest.questionnaire, r.questionnaire))
    for area in newest.areas:
        cells, values = [], []
        for r, mapping in zip(ordered, mappings, strict=True):
            other_id = area.id if mapping is None else mapping.get(area.id)
            other = next((a for a in r.areas if a.id == other_id), None) if other_id else None
            cells.append(other.score_text if other is not None else _("not comparable"))
            values.append(other.score if other is not None else None)
        rows.append(ProgressRow(area.title, cells, values))
    return Progress(
        rounds=[r.round for r in ordered],
        aggregate=[(r.round.name, chart_value(r.aggregate)) for r in ordered],
        rows=rows,
        versions_differ=len({r.questionnaire.key for r in ordered}) > 1,
    )


def city_page(city: City) -> CityPage:
    """A city's public facts, its published Index results per round, progress, published reports.
    Three queries per published round (`public_round_results`) plus three (two for the reports)."""
    responses = list(published_responses().filter(city=city).order_by("-round__opens_on", "-round_id"))
    results = [r for r in (_round_result(response) for response in responses) if r is not None]
    return CityPage(
        city=city,
        status=city.public_status,
        results=results,
        progress=_progress(results),
        reports=public_report_versions(city),
    )


def city_progress(city: City) -> Progress | None:
    """The city's progress between its published rounds (None with fewer than two), for its downloads."""
    return city_page(city).progress


def city_round_result(city: City, round_id: int) -> RoundResult | None:
    """The published result of `city` in one round (None when it is not public), for a chart's downloads."""
    response = published_responses().filter(city=city, round_id=round_id).select_related("round").first()
    return _round_result(response) if response is not None else None
