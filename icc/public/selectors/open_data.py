"""Open data: what the downloads of /data/ hold, and the data dictionary that describes them.

The column lists below are the single definition of each file: the CSV and XLSX headers, the rows and
the dictionary page are all built from them, so the dictionary cannot drift from the files.

What is public is decided by `icc.index.selectors.publication` and nothing else: a round's file holds the
cities of `public_round_results(round)` with their stored scores, and its statistics are over those
cities only. Cities' answers are never published, only their scores.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from icc.core.countries import country_name
from icc.core.licence import (
    LICENCE_ID,
    LICENCE_NAME,
    LICENCE_TITLE,
    LICENCE_URL,
    PUBLISHER,
    attribution,
    licence_document,
    publisher_name,
)
from icc.index import scoring
from icc.index.models import Questionnaire, Response, ResponseScore, Round, RoundScores, localized
from icc.index.selectors.publication import (
    PublicRoundResults,
    PublicStatistic,
    public_round_results,
    published_responses,
    published_rounds,
)
from icc.index.structure import structure_of
from icc.network.models import City, NationalNetwork

# Bump when a file's layout changes: every ETag changes with it, so no cache serves the old layout.
FILE_LAYOUT_VERSION = 2  # 2: the XLSX's sheet names and credit line in the reader's language
FORMATS = ("csv", "xlsx", "json")
STATISTICS = ("n", "mean", "median", "min", "max", "q1", "q3")

# --------------------------------------------------------------------------------------------------
# Licence

GEONAMES_URL = "https://www.geonames.org/"
GEONAMES_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


GEONAMES_ATTRIBUTION = (
    "City names, coordinates and population figures whose source is GeoNames come from GeoNames "
    f"({GEONAMES_URL}), licensed under CC BY 4.0 ({GEONAMES_LICENCE_URL})."
)


# The human texts of /data/ (data set names, credit lines, descriptions) follow the reader's language:
# the page, its JSON-LD and the XLSX at /fr/data/... read French. The machine formats (the JSON scores
# document and datapackage.json) are built under `translation.override("en")` by their views, like the
# column names, which are identifiers and never translated.


def round_dataset_name(round_name: str) -> str:
    return gettext("Intercultural Cities Index: published scores, %(round)s") % {"round": round_name}


def cities_dataset_name() -> str:
    return gettext("Intercultural Cities: member and candidate cities")


# --------------------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class Column:
    """One column of a download, as the data dictionary describes it."""

    name: str
    type: Promise
    unit: Promise | str
    meaning: Promise
    nulls: Promise | str  # when the cell is empty; "" when never


TEXT, INTEGER, NUMBER, DATE, YES_NO = (
    _("text"),
    _("integer"),
    _("decimal number"),
    _("date (YYYY-MM-DD)"),
    _("yes / no"),
)
PERCENT, SCORE = _("percent (0 to 100)"), _("score out of 100")
NEVER = ""


@dataclass(frozen=True)
class CityColumn(Column):
    value: Callable[[City], Any] = field(default=lambda city: None, compare=False)


def _network_slug(city: City) -> str | None:
    return city.national_network.slug if city.national_network else None


def _network_name(city: City) -> str | None:
    return city.national_network.name_en if city.national_network else None  # type: ignore[attr-defined]


def _figure(
    prefix: str, value_field: str, type_: Promise, unit: Promise, meaning: Promise
) -> list[CityColumn]:
    """A figure of the register with its year and its source (population, diversity shares)."""
    return [
        CityColumn(
            value_field, type_, unit, meaning, _("not known"), value=lambda c: getattr(c, value_field)
        ),
        CityColumn(
            f"{prefix}_year",
            INTEGER,
            _("year"),
            _("Year of the figure in the column before."),
            _("not known"),
            value=lambda c: getattr(c, f"{prefix}_year"),
        ),
        CityColumn(
            f"{prefix}_source",
            TEXT,
            "",
            _("Source of that figure, as the city or the secretariat recorded it."),
            _("not recorded"),
            value=lambda c: getattr(c, f"{prefix}_source") or None,
        ),
    ]


CITY_COLUMNS: tuple[CityColumn, ...] = (
    CityColumn(
        "city_id",
        INTEGER,
        "",
        _(
            "The city's identifier on this platform. It never changes: use it to join files (the "
            "scores files have the same column)."
        ),
        NEVER,
        value=lambda c: c.pk,
    ),
    CityColumn(
        "slug",
        TEXT,
        "",
        _("Short name used in the address of the city's public page. It may change if the city is renamed."),
        NEVER,
        value=lambda c: c.slug,
    ),
    CityColumn("name", TEXT, "", _("Name in English."), NEVER, value=lambda c: c.name_en),
    CityColumn(
        "name_fr",
        TEXT,
        "",
        _("Name in French."),
        _("same as the English name"),
        value=lambda c: c.name_fr or None,
    ),
    CityColumn("country", TEXT, "", _("Country: ISO 3166-1 alpha-2 code."), NEVER, value=lambda c: c.country),
    CityColumn(
        "country_name",
        TEXT,
        "",
        _("Country name in English."),
        NEVER,
        value=lambda c: country_name(c.country, "en"),
    ),
    CityColumn(
        "region",
        TEXT,
        "",
        _("Region, province or state."),
        _("not recorded"),
        value=lambda c: c.region or None,
    ),
    CityColumn(
        "latitude",
        NUMBER,
        _("decimal degrees, north positive"),
        _("Latitude of the city centre."),
        _("not recorded"),
        value=lambda c: c.latitude,
    ),
    CityColumn(
        "longitude",
        NUMBER,
        _("decimal degrees, east positive"),
        _("Longitude of the city centre."),
        _("not recorded"),
        value=lambda c: c.longitude,
    ),
    CityColumn(
        "status",
        TEXT,
        "",
        _("“member” or “candidate” (a city preparing to join)."),
        _("a city that is neither now, listed for the Index results it published"),
        value=lambda c: c.public_status,
    ),
    CityColumn(
        "member_since",
        DATE,
        "",
        _("Date the city joined the network."),
        _("candidate cities"),
        value=lambda c: c.member_since,
    ),
    CityColumn(
        "national_network",
        TEXT,
        "",
        _("Short name of the national network of intercultural cities the city belongs to."),
        _("not in a national network"),
        value=_network_slug,
    ),
    CityColumn(
        "national_network_name",
        TEXT,
        "",
        _("Name of that national network in English."),
        _("not in a national network"),
        value=_network_name,
    ),
    *_figure("population", "population", INTEGER, _("inhabitants"), _("Number of inhabitants.")),
    *_figure(
        "foreign_residents",
        "foreign_residents_share",
        NUMBER,
        PERCENT,
        _("Residents without the country's citizenship, in percent of the population."),
    ),
    *_figure(
        "foreign_born",
        "foreign_born_share",
        NUMBER,
        PERCENT,
        _("Residents born abroad, in percent of the population."),
    ),
    *_figure(
        "minorities",
        "minorities_share",
        NUMBER,
        PERCENT,
        _("Members of national minorities, in percent of the population."),
    ),
)


# What the peer-group columns mean, per band scale of the scoring engine (`scoring.DEFAULT_BANDS`).
PEER_COLUMN_MEANINGS: dict[str, tuple[Promise, Promise]] = {
    "population": (
        _("The city's peer group by population: a band of inhabitants such as “200k-500k”."),
        _(
            "Rank by aggregate score within the city's peer group by population, among every validated "
            "city of the round."
        ),
    ),
    "diversity": (
        _(
            "The city's peer group by diversity: a band of the share of foreign-born residents such as "
            "“10-15%”."
        ),
        _(
            "Rank by aggregate score within the city's peer group by diversity, among every validated "
            "city of the round."
        ),
    ),
}


def score_columns_before(scales: Sequence[str]) -> tuple[Column, ...]:
    """The fixed columns of a scores file, before one column per area and per group."""
    peer: list[Column] = []
    for scale in scales:
        band, rank = PEER_COLUMN_MEANINGS.get(
            scale, (_("The city's peer group."), _("Rank in the peer group."))
        )
        peer += [
            Column(f"peer_group_{scale}", TEXT, "", band, _("the figure the band rests on is missing")),
            Column(f"rank_{scale}", INTEGER, "", rank, _("no peer group or no aggregate score")),
        ]
    return (
        Column(
            "round_id", INTEGER, "", _("The round's identifier: the number in the file's address."), NEVER
        ),
        Column("round", TEXT, "", _("Name of the Index round."), NEVER),
        Column(
            "questionnaire", TEXT, "", _("Identifier of the questionnaire version the city answered."), NEVER
        ),
        Column("city_id", INTEGER, "", _("The city's identifier, as in the cities file."), NEVER),
        Column("city", TEXT, "", _("The city's name in English."), NEVER),
        Column("country", TEXT, "", _("Country: ISO 3166-1 alpha-2 code."), NEVER),
        Column(
            "complete",
            YES_NO,
            "",
            _("“no” when some questions were left unanswered: they count as 0 points."),
            NEVER,
        ),
        Column(
            "aggregate",
            NUMBER,
            SCORE,
            _("Weighted mean of the city's scores in the non-optional areas. Unrounded."),
            _("no non-optional area has a score"),
        ),
        Column(
            "rank",
            INTEGER,
            "",
            _(
                "Rank by aggregate score among every validated city of the round (1 = highest; equal scores "
                "share a rank), including cities that did not agree to publication."
            ),
            _("no aggregate score"),
        ),
        Column(
            "ranked_among",
            INTEGER,
            _("cities"),
            _("Number of validated cities of the round the ranks are taken among."),
            NEVER,
        ),
        Column(
            "rank_low",
            INTEGER,
            "",
            _(
                "Best rank the city holds in 90% of plausible weightings: the 5th percentile of its rank "
                "over the Monte Carlo weightings of the areas, equal weights and the geometric mean, rounded "
                "down."
            ),
            _("no aggregate score, or no rank interval computed"),
        ),
        Column(
            "rank_high",
            INTEGER,
            "",
            _(
                "Worst rank the city holds in 90% of plausible weightings: the 95th percentile of its rank, "
                "rounded up. Between rank_low and rank_high in 90% of the weightings."
            ),
            _("no aggregate score, or no rank interval computed"),
        ),
        *peer,
    )


AREA_COLUMN = Column(
    "area_<id>",
    NUMBER,
    SCORE,
    _(
        "The city's score in one area of the questionnaire (one column per area, in questionnaire order). "
        "Unrounded."
    ),
    _("every scored question of the area was answered “not applicable”"),
)
GROUP_COLUMN = Column(
    "group_<id>",
    NUMBER,
    SCORE,
    _(
        "The city's score in a group of areas (such as the intercultural lens): the weighted mean of its "
        "areas' scores; or in a group of questions (the gender lens, group_gender_lens, from the 2026 "
        "version on): 100 x points earned / points achievable over them. Unrounded. A version without "
        "the group has no such column: its gender lens is not known, not 0."
    ),
    _("none of the group's areas (or questions) has a score"),
)
STATISTIC_COLUMNS: tuple[Column, ...] = (
    Column(
        "statistic",
        TEXT,
        "",
        _("n, mean, median, min, max, q1 (first quartile) or q3 (third quartile)."),
        NEVER,
    ),
    Column(
        "aggregate",
        NUMBER,
        SCORE,
        _("The statistic of the aggregate scores of the published cities (n: how many have a score)."),
        _("no published city has a score"),
    ),
    Column(
        "area_<id>",
        NUMBER,
        SCORE,
        _("The same for one area."),
        _("no published city has a score in the area"),
    ),
)
JSON_KEYS: tuple[Column, ...] = (
    Column("questionnaire", TEXT, "", _("Identifier of the questionnaire version."), NEVER),
    Column(
        "questionnaire_url",
        TEXT,
        "",
        _("Address of the questionnaire version in the interchange format (areas, questions, points)."),
        NEVER,
    ),
    Column(
        "round",
        _("object"),
        "",
        _(
            "The round: id, name, results_published_at and scores_computed_at (date and time, ISO 8601), "
            "engine_version (version of the scoring engine)."
        ),
        NEVER,
    ),
    Column(
        "cities",
        _("list"),
        "",
        _(
            "One entry per published city, exactly as stored by the scoring engine (city, complete, "
            "aggregate, areas, groups, peer_groups, rank), with city_id, slug and country added."
        ),
        NEVER,
    ),
    Column(
        "sample",
        _("object"),
        "",
        _(
            "Statistics over the published cities only: n (how many), aggregate and areas, each with n, "
            "mean, median, min, max, q1 and q3; ranked_among: the number of validated cities ranks are "
            "taken among."
        ),
        NEVER,
    ),
    Column(
        "licence", _("object"), "", _("id, name, url, publisher and attribution: the text to credit."), NEVER
    ),
    Column("source", TEXT, "", _("The address the file was downloaded from."), NEVER),
)


def peer_scales() -> list[str]:
    return [scale.name for scale in scoring.DEFAULT_BANDS.scales]


# --------------------------------------------------------------------------------------------------
# Versions (ETag, Last-Modified)


@dataclass(frozen=True)
class DataVersion:
    etag: str
    last_modified: datetime.datetime | None


def _version(parts: Sequence[Any], stamps: Sequence[datetime.datetime | None]) -> DataVersion:
    # The reader's language is part of the version: the XLSX's About sheet and the dictionary are
    # translated, and LocaleMiddleware already sends "Vary: Accept-Language".
    key = repr((FILE_LAYOUT_VERSION, get_language(), *parts)).encode()
    known = [s for s in stamps if s is not None]
    return DataVersion(etag=hashlib.sha256(key).hexdigest()[:32], last_modified=max(known) if known else None)


def round_data_version(round_id: int) -> DataVersion | None:
    """What a round's files depend on: the round, its scores, which cities are published and their
    names. None when the round's results are not public. Three queries."""
    round_ = (
        published_rounds()
        .filter(pk=round_id)
        .values("updated", "results_published_at", "scores__computed_at")
        .first()
    )
    if round_ is None:
        return None
    # Over every response of the round, not just the published ones: a city that withdraws its
    # agreement leaves the published set, and its decision's date must still move Last-Modified.
    changes = Response.objects.filter(round_id=round_id).aggregate(
        decided=Max("publication_decided_at"),
        updated=Max("updated"),
        city=Max("city__updated"),
        scored=Max("score__computed_at"),
    )
    published = list(
        published_responses().filter(round_id=round_id).order_by("pk").values_list("pk", flat=True)
    )
    stamps = [
        round_["updated"],
        round_["results_published_at"],
        round_["scores__computed_at"],
        *changes.values(),
    ]
    return _version([round_id, published, stamps], stamps)


def cities_data_version() -> DataVersion:
    """What the cities file depends on: every city and national network, and which cities are public
    (publishing a round's results can make a city public). Four queries."""
    cities = City.objects.aggregate(updated=Max("updated"))
    public = list(City.objects.public().order_by("pk").values_list("pk", flat=True))
    networks = NationalNetwork.objects.aggregate(updated=Max("updated"))
    published = Round.objects.aggregate(at=Max("results_published_at"))
    stamps = [cities["updated"], networks["updated"], published["at"]]
    return _version([public, stamps], stamps)


# --------------------------------------------------------------------------------------------------
# The cities file


def public_cities() -> QuerySet[City]:
    """The public cities (`City.objects.public()`), by country and name."""
    return City.objects.public().select_related("national_network").order_by("country", "name_en", "pk")


def cities_table() -> tuple[list[str], list[list[Any]]]:
    return [c.name for c in CITY_COLUMNS], [[c.value(city) for c in CITY_COLUMNS] for city in public_cities()]


# --------------------------------------------------------------------------------------------------
# A round's files


@dataclass
class RoundData:
    """A published round's files: the published cities with their stored scores, and statistics."""

    round: Round
    results: PublicRoundResults
    stored: dict[int, dict[str, Any]]  # response id -> the stored scores entry
    group_ids: list[str]
    scales: list[str]
    computed_at: datetime.datetime | None
    engine_version: str

    @property
    def area_ids(self) -> list[str]:
        return list(self.results.area_titles)

    def header(self) -> list[str]:
        return [
            *(c.name for c in score_columns_before(self.scales)),
            *(f"area_{a}" for a in self.area_ids),
            *(f"group_{g}" for g in self.group_ids),
        ]

    def rows(self) -> list[list[Any]]:
        rows = []
        for result in self.results.cities:
            entry = self.stored[result.response_id]
            peers = entry.get("peer_groups", {})
            ranks = entry.get("rank", {})
            rows.append(
                [
                    self.round.pk,
                    self.round.name,
                    self.results.questionnaire_key,
                    result.city.pk,
                    result.city.name_en,
                    result.city.country,
                    bool(entry.get("complete")),
                    entry.get("aggregate"),
                    ranks.get("sample"),
                    self.results.sample_size,
                    result.interval.low if result.interval else None,
                    result.interval.high if result.interval else None,
                    *(value for scale in self.scales for value in (peers.get(scale), ranks.get(scale))),
                    *(entry.get("areas", {}).get(a) for a in self.area_ids),
                    *(entry.get("groups", {}).get(g) for g in self.group_ids),
                ]
            )
        return rows

    def _statistics(self) -> list[tuple[str, PublicStatistic]]:
        groups = self.results.group_statistics
        return [
            ("aggregate", self.results.aggregate_statistics),
            *((f"area_{a}", self.results.area_statistics[a]) for a in self.area_ids),
            *((f"group_{g}", groups[g]) for g in self.group_ids if g in groups),
        ]

    def statistics_table(self) -> tuple[list[str], list[list[Any]]]:
        columns = self._statistics()
        header = ["statistic", *(name for name, _stat in columns)]
        return header, [[key, *(getattr(stat, key) for _name, stat in columns)] for key in STATISTICS]

    def document(self, *, source: str, questionnaire_url: str) -> dict[str, Any]:
        """The interchange scores document of the published cities, with the round and the licence."""
        results = self.results

        def statistic(stat: PublicStatistic) -> dict[str, Any]:
            return {key: getattr(stat, key) for key in ("mean", "median", "min", "max", "q1", "q3", "n")}

        return {
            "questionnaire": results.questionnaire_key,
            "questionnaire_url": questionnaire_url,
            "round": {
                "id": self.round.pk,
                "name": self.round.name,
                "results_published_at": _iso(self.round.results_published_at),
                "scores_computed_at": _iso(self.computed_at),
                "engine_version": self.engine_version,
            },
            "cities": [
                {
                    **self.stored[r.response_id],
                    "city_id": r.city.pk,
                    "slug": r.city.slug,
                    "country": r.city.country,
                }
                for r in results.cities
            ],
            "sample": {
                "n": len(results.cities),
                "ranked_among": results.sample_size,
                "aggregate": statistic(results.aggregate_statistics),
                "areas": {a: statistic(results.area_statistics[a]) for a in self.area_ids},
            },
            "licence": licence_document(round_dataset_name(self.round.name)),
            "source": source,
        }


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def get_published_round(round_id: int) -> Round:
    """The round if its results are published; 404 otherwise (an unpublished round does not exist here)."""
    round_ = published_rounds().filter(pk=round_id).first()
    if round_ is None:
        raise Http404("No published round with this id.")
    return round_


def round_data(round_: Round) -> RoundData:
    """The published round's data. Six queries."""
    results = public_round_results(round_)
    ids = [c.response_id for c in results.cities]
    stored = dict(ResponseScore.objects.filter(response_id__in=ids).values_list("response_id", "scores"))
    scores = RoundScores.objects.filter(round=round_).only("computed_at", "engine_version").first()
    return RoundData(
        round=round_,
        results=results,
        stored=stored,
        group_ids=[g.id for g in structure_of(round_.questionnaire).parsed.groups],
        scales=peer_scales(),
        computed_at=scores.computed_at if scores else None,
        engine_version=scores.engine_version if scores else "",
    )


# --------------------------------------------------------------------------------------------------
# The pages


@dataclass(frozen=True)
class RoundRow:
    round: Round
    published_cities: int
    ranked_among: int


@dataclass(frozen=True)
class QuestionnaireRow:
    questionnaire: Questionnaire
    areas: list[tuple[str, str]]  # (column, title in the reader's language)
    groups: list[tuple[str, str]]


def round_rows() -> list[RoundRow]:
    """Every published round, newest first, with how many cities are published. Three queries."""
    rounds = list(published_rounds().order_by("-opens_on", "-pk"))
    counts = dict(
        published_responses()
        .filter(round__in=rounds)
        .order_by()
        .values_list("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    sizes = dict(RoundScores.objects.filter(round__in=rounds).values_list("round_id", "document__sample__n"))
    return [RoundRow(r, counts.get(r.pk, 0), int(sizes.get(r.pk) or 0)) for r in rounds]


def questionnaire_rows(rounds: Sequence[RoundRow]) -> list[QuestionnaireRow]:
    """The questionnaire versions of the published rounds, with their area and group columns."""
    seen: dict[str, Questionnaire] = {}
    for row in rounds:
        seen.setdefault(row.round.questionnaire.key, row.round.questionnaire)
    rows = []
    for questionnaire in seen.values():
        structure = structure_of(questionnaire)
        rows.append(
            QuestionnaireRow(
                questionnaire=questionnaire,
                areas=[
                    (f"area_{a.id}", a.title()) for a in structure.areas if any(q.scored for q in a.questions)
                ],
                groups=[(f"group_{g.id}", localized(g.title) or g.id) for g in structure.parsed.groups],
            )
        )
    return rows


def data_overview() -> dict[str, Any]:
    rounds = round_rows()
    return {
        "rounds": rounds,
        "questionnaires": questionnaire_rows(rounds),
        "city_count": public_cities().count(),
        **licence_context(rounds),
    }


def licence_context(rounds: Sequence[RoundRow]) -> dict[str, Any]:
    example = round_dataset_name(rounds[0].round.name if rounds else "Index 2022")
    return {
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "publisher": publisher_name(),
        "attribution_example": attribution(example),
        "cities_attribution": attribution(cities_dataset_name()),
        "geonames_url": GEONAMES_URL,
        "geonames_attribution": GEONAMES_ATTRIBUTION,
    }


def data_dictionary() -> dict[str, Any]:
    rounds = round_rows()
    return {
        "city_columns": CITY_COLUMNS,
        "score_columns": [*score_columns_before(peer_scales()), AREA_COLUMN, GROUP_COLUMN],
        "statistic_columns": STATISTIC_COLUMNS,
        "json_keys": JSON_KEYS,
        "questionnaires": questionnaire_rows(rounds),
        **licence_context(rounds),
    }


# --------------------------------------------------------------------------------------------------
# Harvesting: a Frictionless data package per round, schema.org Dataset descriptions (JSON-LD)
#
# Both are written in English whatever the reader's language, like the files' column names: harvesters
# (data portals, dataset search engines) index one description per dataset. They describe only what the
# files hold, so they follow the same publication rules: a round without published results has neither.

DATAPACKAGE_FILENAME = "datapackage.json"
KEYWORDS = ("intercultural cities", "Intercultural Cities Index", "integration", "diversity", "cities")
MIME_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
YES, NO = "yes", "no"


def _table_type(column: Column) -> dict[str, Any]:
    """A column's Table Schema type (https://specs.frictionlessdata.io/table-schema/)."""
    if column.type is INTEGER:
        return {"type": "integer"}
    if column.type is NUMBER:
        return {"type": "number"}
    if column.type is DATE:
        return {"type": "date"}
    if column.type is YES_NO:
        return {"type": "boolean", "trueValues": [YES], "falseValues": [NO]}
    return {"type": "string"}


def _table_field(column: Column, name: str = "", *, title: str = "") -> dict[str, Any]:
    description = str(column.meaning)
    if column.unit:
        description += f" Unit: {column.unit}."
    if column.nulls:
        description += f" Empty when: {column.nulls}."
    field_ = {"name": name or column.name, **_table_type(column), "description": description}
    if title:
        field_["title"] = title
    constraints: dict[str, Any] = {}
    if column.nulls == NEVER:
        constraints["required"] = True
    if column.unit is SCORE:
        constraints.update(minimum=0, maximum=100)
    if column.name.startswith("rank"):
        constraints["minimum"] = 1
    if constraints:
        field_["constraints"] = constraints
    return field_


def round_table_schema(data: RoundData) -> dict[str, Any]:
    """The Table Schema of a round's scores.csv: every column of `data.header()`, typed and described."""
    groups = {g.id: localized(g.title) or g.id for g in structure_of(data.round.questionnaire).parsed.groups}
    fields = [_table_field(c) for c in score_columns_before(data.scales)]
    fields += [
        _table_field(AREA_COLUMN, f"area_{a}", title=title) for a, title in data.results.area_titles.items()
    ]
    fields += [_table_field(GROUP_COLUMN, f"group_{g}", title=groups.get(g, g)) for g in data.group_ids]
    assert [f["name"] for f in fields] == data.header()  # one definition of the columns
    return {"fields": fields, "missingValues": [""], "primaryKey": ["city_id"]}


def round_description(round_: Round, published: int, ranked: int) -> str:
    return gettext(
        "Scores of the Intercultural Cities Index, %(round)s (questionnaire version %(questionnaire)s), of "
        "the %(published)s cities that agreed to publish them out of %(ranked)s validated cities: aggregate "
        "score, score in each area and group of areas out of 100 (unrounded), peer groups and ranks among "
        "every validated city of the round. The cities' answers are not published."
    ) % {
        "round": round_.name,
        "questionnaire": round_.questionnaire.key,
        "published": published,
        "ranked": ranked,
    }


def _licences() -> list[dict[str, str]]:
    return [{"name": LICENCE_ID, "path": LICENCE_URL, "title": LICENCE_TITLE}]


def round_datapackage(
    data: RoundData, *, package_url: str, csv_url: str, data_url: str, dictionary_url: str, home_url: str
) -> dict[str, Any]:
    """The round's Frictionless (Tabular) Data Package: its CSV file as a resource with a Table Schema.
    The resource's path is relative, so a copy of the folder (package and CSV) validates offline."""
    round_ = data.round
    name = round_dataset_name(round_.name)
    return {
        "profile": "tabular-data-package",
        "name": f"icc-index-round-{round_.pk}",
        "id": package_url,
        "title": name,
        "description": round_description(round_, len(data.results.cities), data.results.sample_size),
        "homepage": data_url,
        "created": _iso(round_.results_published_at),
        "keywords": list(KEYWORDS),
        "licenses": _licences(),
        "sources": [{"title": f"Intercultural Cities Index, {round_.name}", "path": data_url}],
        "contributors": [{"title": PUBLISHER, "role": "publisher", "path": home_url}],
        "attribution": attribution(name),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "scores",
                "path": "scores.csv",
                "title": f"{name} (CSV)",
                "description": f"One row per published city. Columns: {dictionary_url}",
                "format": "csv",
                "mediatype": MIME_TYPES["csv"],
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
                "homepage": csv_url,
                "licenses": _licences(),
                "schema": round_table_schema(data),
            }
        ],
    }


@dataclass(frozen=True)
class RoundHarvest:
    """What a Dataset description needs beyond a RoundRow: when the round's files last changed."""

    row: RoundRow
    modified: datetime.datetime | None


def harvest_rows(rounds: Sequence[RoundRow]) -> list[RoundHarvest]:
    """The rounds with the Last-Modified of their files (the stamps of `round_data_version`, for every
    round in one query): a Dataset's dateModified and the sitemap's lastmod agree with the files."""
    ids = [row.round.pk for row in rounds]
    changes = {
        entry["round_id"]: entry
        for entry in Response.objects.filter(round_id__in=ids)
        .order_by()
        .values("round_id")
        .annotate(
            decided=Max("publication_decided_at"),
            updated=Max("updated"),
            city=Max("city__updated"),
            scored=Max("score__computed_at"),
            computed=Max("round__scores__computed_at"),
        )
    }
    harvested = []
    for row in rounds:
        entry: dict[str, Any] = dict(changes.get(row.round.pk, {}))
        stamps: list[datetime.datetime | None] = [
            row.round.updated,
            row.round.results_published_at,
            *(entry.get(k) for k in ("computed", "decided", "updated", "city", "scored")),
        ]
        known = [s for s in stamps if s is not None]
        harvested.append(RoundHarvest(row, max(known) if known else None))
    return harvested


def data_last_modified(harvest: Sequence[RoundHarvest]) -> datetime.datetime | None:
    """When anything on /data/ last changed: a round's files or the cities file."""
    stamps = [h.modified for h in harvest] + [cities_data_version().last_modified]
    known = [s for s in stamps if s is not None]
    return max(known) if known else None


def _organisation(home_url: str) -> dict[str, str]:
    return {"@type": "Organization", "name": PUBLISHER, "url": home_url}


def catalog_jsonld(
    harvest: Sequence[RoundHarvest],
    *,
    absolute: Callable[[str], str],
    city_count: int,
    more: Sequence[Callable[..., dict[str, Any] | None]] = (),
) -> dict[str, Any]:
    """schema.org DataCatalog of /data/ with one Dataset per published round, the cities file and the
    datasets `more` builds (each called with `absolute` and the `common` terms; None leaves it out)
    (the vocabulary dataset search engines read; DCAT-AP maps it term for term)."""
    home = absolute(reverse("public:home"))
    data_url = absolute(reverse("public:data"))
    organisation = _organisation(home)
    common = {
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "creator": organisation,
        "publisher": organisation,
        "inLanguage": get_language() or "en",
        "keywords": list(KEYWORDS),
    }
    datasets: list[dict[str, Any]] = []
    for item in harvest:
        round_ = item.row.round
        if not item.row.published_cities:
            continue  # no city agreed: the round has no file

        def download(fmt: str, r: Round = round_) -> str:
            return absolute(reverse("public:data_round_scores", args=[r.pk, fmt]))

        package = absolute(reverse("public:data_round_package", args=[round_.pk]))
        datasets.append(
            {
                "@type": "Dataset",
                "@id": package,
                "name": round_dataset_name(round_.name),
                "description": round_description(round_, item.row.published_cities, item.row.ranked_among),
                "url": data_url,
                "identifier": package,
                "temporalCoverage": f"{round_.opens_on.isoformat()}/{round_.deadline.isoformat()}",
                "datePublished": _iso(round_.results_published_at),
                "dateModified": _iso(item.modified),
                "citation": attribution(round_dataset_name(round_.name)),
                **common,
                "distribution": [
                    *(
                        {
                            "@type": "DataDownload",
                            "name": f"scores.{fmt}",
                            "encodingFormat": MIME_TYPES[fmt],
                            "contentUrl": download(fmt),
                        }
                        for fmt in FORMATS
                    ),
                    {
                        "@type": "DataDownload",
                        "name": DATAPACKAGE_FILENAME,
                        "description": "Frictionless Data Package: the CSV file's Table Schema and licence",
                        "encodingFormat": "application/json",
                        "contentUrl": package,
                    },
                ],
            }
        )
    cities_url = absolute(reverse("public:data_cities_csv"))
    datasets.append(
        {
            "@type": "Dataset",
            "@id": cities_url,
            "name": cities_dataset_name(),
            "description": gettext(
                "The public facts of the %(count)s cities of the Intercultural Cities network: country, "
                "region, coordinates, population and diversity figures with their year and source, date "
                "of membership, national network."
            )
            % {"count": city_count},
            "url": data_url,
            "identifier": cities_url,
            "dateModified": _iso(cities_data_version().last_modified),
            "citation": attribution(cities_dataset_name()),
            **common,
            "distribution": [
                {
                    "@type": "DataDownload",
                    "name": "cities.csv",
                    "encodingFormat": MIME_TYPES["csv"],
                    "contentUrl": cities_url,
                }
            ],
        }
    )
    for build in more:
        dataset = build(absolute=absolute, common=common)
        if dataset is not None:
            datasets.append(dataset)
    return {
        "@context": "https://schema.org/",
        "@type": "DataCatalog",
        "@id": data_url,
        "name": gettext("Intercultural Cities: open data"),
        "description": gettext(
            "The published results of the Intercultural Cities Index and the public facts of the network's "
            "cities, free to download and reuse under CC BY 4.0."
        ),
        "url": data_url,
        "license": LICENCE_URL,
        "publisher": organisation,
        "dataset": datasets,
    }
