"""Network reports for the secretariat: every validated city of a round, or of all time (each city's
latest validated response), as one sortable, filterable table with aggregate and area scores; the
distribution of each area across the cities of the table; and the network's progress over time.

Internal: every validated and scored response counts, published or not (the public pages go through
`icc.index.selectors.publication` instead). Everything is read from the stored scores
(`ResponseScore.scores`, peer groups included), in a fixed number of queries whatever the number of
cities. Numbers are formatted once here, in the reader's language.

Questionnaire versions: the table's area columns are those of the report's reference version (the
round's, or the newest scored round's for all time). A response to another version shows a score in a
column only when the versions' `comparable_with` mapping pairs the areas (`comparable_areas`); the
progress between a city's last two responses compares only such areas, as `response_progress` does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from icc.core.countries import country_name
from icc.index import scoring
from icc.index.models import Questionnaire, ResponseScore, ResponseStatus, Round
from icc.index.selectors.questionnaires import comparable_areas
from icc.index.selectors.scores import progress_between, score_text
from icc.index.structure import structure_of
from icc.network.models import City, CityStatus

AGGREGATE = "aggregate"
# A change smaller than the precision pages show (one decimal) is no change: float noise is not progress.
CHANGE_DIGITS = 1
BAND_ORDER = {
    scale.name: {label: i for i, label in enumerate(scale.labels)} for scale in scoring.DEFAULT_BANDS.scales
}


# --------------------------------------------------------------------------------------------------
# What the report holds


@dataclass(frozen=True)
class Cell:
    value: Any  # what the downloads hold (scores unrounded)
    text: str  # what the page shows
    numeric: bool = False


@dataclass(frozen=True)
class Column:
    key: str  # the sort key: "city", "aggregate", "area:education"...
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Header:
    column: Column
    sort: str  # what its link sorts by: the reverse of the current sort when it is this column
    direction: str  # "ascending", "descending", or "" when the table is sorted by another column


@dataclass(frozen=True)
class Row:
    city: City
    response_id: int
    cells: list[Cell]  # one per column, the city first

    @property
    def label(self) -> str:
        return self.cells[0].text


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Filters:
    """The filters chosen (empty: all) and the choices offered, taken from the cities of the report."""

    country: str = ""
    population: str = ""
    diversity: str = ""
    status: str = ""
    round: str = ""  # a round's id; all-time report only
    countries: list[Option] = field(default_factory=list)
    populations: list[Option] = field(default_factory=list)
    diversities: list[Option] = field(default_factory=list)
    statuses: list[Option] = field(default_factory=list)
    rounds: list[Option] = field(default_factory=list)

    @property
    def active(self) -> list[tuple[str, str]]:
        """(filter name, chosen label) of the filters in use, for the report's heading and its PDF."""
        chosen = [
            (_("Country"), self.country, self.countries),
            (_("Peers by population"), self.population, self.populations),
            (_("Peers by diversity"), self.diversity, self.diversities),
            (_("Membership status"), self.status, self.statuses),
            (_("Round"), self.round, self.rounds),
        ]
        return [
            (name, next((o.label for o in options if o.value == value), value))
            for name, value, options in chosen
            if value
        ]


@dataclass(frozen=True)
class Distribution:
    """One area's scores across the cities of the table."""

    key: str  # "aggregate" or the area id
    title: str
    values: list[float]  # every city's score, ascending (the strip of the chart)
    n: int
    min: float | None
    q1: float | None
    median: float | None
    q3: float | None
    max: float | None
    mean: float | None

    @property
    def cells(self) -> list[str]:
        """n, lowest, first quartile, median, third quartile, highest, mean: as the page shows them."""
        numbers = (self.min, self.q1, self.median, self.q3, self.max, self.mean)
        return [str(self.n), *(score_text(v) for v in numbers)]


@dataclass(frozen=True)
class TrendRow:
    """The mean scores of one round's cities that match the filters."""

    round: Round
    questionnaire: str
    n: int
    aggregate: float | None
    areas: dict[str, float | None]  # by the report's area columns; None where not comparable

    @property
    def cells(self) -> list[str]:
        return [score_text(self.aggregate), *(score_text(v) for v in self.areas.values())]


@dataclass(frozen=True)
class Improvement:
    """How many cities of the table improved, declined or held between their last two validated
    responses, in the aggregate or one area, counting only the comparable pairs."""

    key: str
    title: str
    improved: int
    declined: int
    unchanged: int
    not_comparable: int

    @property
    def compared(self) -> int:
        return self.improved + self.declined + self.unchanged


@dataclass
class NetworkReport:
    scope: str  # "round" or "all"
    round: Round | None  # the round of a round's report
    reference: Questionnaire | None  # the version whose areas make the columns
    filters: Filters
    errors: list[str]
    columns: list[Column]
    rows: list[Row]
    sort: str
    total: int  # cities before filtering
    distributions: list[Distribution]
    trend: list[TrendRow]
    area_titles: dict[str, str]  # area id -> title, the reference version's scored areas
    improvements: list[Improvement]
    cities_with_previous: int  # cities of the table with an earlier validated response

    @property
    def n(self) -> int:
        return len(self.rows)

    @property
    def top_city(self) -> str | None:
        """The city with the highest aggregate in the table, whatever the sort."""
        scored = [r for r in self.rows if r.cells[self._aggregate_index].value is not None]
        if not scored:
            return None
        return max(scored, key=lambda r: (r.cells[self._aggregate_index].value, r.label)).label

    @property
    def _aggregate_index(self) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == AGGREGATE)

    @property
    def headers(self) -> list[Header]:
        current = self.sort.removeprefix("-")
        descending = self.sort.startswith("-")
        headers = []
        for column in self.columns:
            if column.key == current:
                direction = "descending" if descending else "ascending"
                sort = column.key if descending else f"-{column.key}"
            else:
                direction = ""
                scores = column.key == AGGREGATE or column.key.startswith("area:")
                sort = f"-{column.key}" if scores else column.key
            headers.append(Header(column, sort, direction))
        return headers

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """The table exactly as shown (same columns, rows and order), scores unrounded: the downloads."""
        return [c.label for c in self.columns], [[cell.value for cell in row.cells] for row in self.rows]


# --------------------------------------------------------------------------------------------------
# Reading the stored scores


@dataclass(frozen=True)
class _Entry:
    """One validated, scored response: its city, round, version and stored scores."""

    score: ResponseScore
    round: Round
    city: City
    questionnaire: Questionnaire

    @property
    def scores(self) -> Mapping[str, Any]:
        return self.score.scores

    @property
    def peer_groups(self) -> Mapping[str, Any]:
        return self.scores.get("peer_groups", {}) or {}


def _entries() -> list[_Entry]:
    """Every validated response with stored scores, oldest round first. Two queries: the scores with
    their response, round and city; then the versions, once each (a version's document is large, and
    hundreds of responses share a handful of versions)."""
    scores = list(
        ResponseScore.objects.filter(response__status=ResponseStatus.VALIDATED).select_related(
            "response__round", "response__city"
        )
    )
    keys = {s.response.round.questionnaire_id for s in scores}
    versions = {q.pk: q for q in Questionnaire.objects.filter(pk__in=keys)}
    entries = [
        _Entry(
            score=s,
            round=s.response.round,
            city=s.response.city,
            questionnaire=versions[s.response.round.questionnaire_id],
        )
        for s in scores
    ]
    entries.sort(key=lambda e: (e.round.opens_on, e.round.pk, e.city.name))
    return entries


def _area_titles(questionnaire: Questionnaire) -> dict[str, str]:
    """The areas that can have a score (a scored question at least), in questionnaire order."""
    structure = structure_of(questionnaire)
    return {a.id: a.title() for a in structure.areas if any(q.scored for q in a.questions)}


class _Mappings:
    """{reference area: the comparable area of another version}, computed once per version."""

    def __init__(self, reference: Questionnaire | None) -> None:
        self.reference = reference
        self._cache: dict[int, dict[str, str]] = {}

    def __call__(self, questionnaire: Questionnaire) -> dict[str, str]:
        if self.reference is None:
            return {}
        if questionnaire.pk not in self._cache:
            if questionnaire.pk == self.reference.pk:
                ids = _area_titles(questionnaire)
                self._cache[questionnaire.pk] = {a: a for a in ids}
            else:
                self._cache[questionnaire.pk] = comparable_areas(self.reference, questionnaire)
        return self._cache[questionnaire.pk]


def _area_score(entry: _Entry, area: str, mapping: Mapping[str, str]) -> float | None:
    there = mapping.get(area)
    return None if there is None else entry.scores.get("areas", {}).get(there)


# --------------------------------------------------------------------------------------------------
# Filters and sorting


def _band_options(entries: list[_Entry], scale: str) -> list[Option]:
    order = BAND_ORDER.get(scale, {})
    bands = {str(b) for e in entries if (b := e.peer_groups.get(scale))}
    return [Option(b, b) for b in sorted(bands, key=lambda b: (order.get(b, len(order)), b))]


def _filters(
    params: QueryDict, entries: list[_Entry], rounds: list[Round] | None
) -> tuple[Filters, list[str], list[_Entry]]:
    """The filters of the query string checked against the choices the report offers; an unknown value
    is named in a message and left out, never silently matched against nothing."""
    countries = sorted({e.city.country for e in entries}, key=lambda c: country_name(c).casefold())
    present_statuses = {e.city.status for e in entries}
    options = {
        "country": [Option(c, country_name(c)) for c in countries],
        "population": _band_options(entries, "population"),
        "diversity": _band_options(entries, "diversity"),
        "status": [Option(v, str(label)) for v, label in CityStatus.choices if v in present_statuses],
        "round": [Option(str(r.pk), r.name) for r in rounds] if rounds is not None else [],
    }
    names = {
        "country": _("Country"),
        "population": _("Peers by population"),
        "diversity": _("Peers by diversity"),
        "status": _("Membership status"),
        "round": _("Round"),
    }
    chosen: dict[str, str] = {}
    errors = []
    for key, offered in options.items():
        if key == "round" and rounds is None:
            continue
        value = params.get(key, "").strip()
        if key == "country":
            value = value.upper()
        if value and value not in {o.value for o in offered}:
            errors.append(
                _("%(filter)s: no city of this report matches “%(value)s”; choose one from the list.")
                % {"filter": names[key], "value": value}
            )
            value = ""
        chosen[key] = value
    kept = [e for e in entries if _matches(e, chosen)]
    filters = Filters(
        **chosen,
        countries=options["country"],
        populations=options["population"],
        diversities=options["diversity"],
        statuses=options["status"],
        rounds=options["round"],
    )
    return filters, errors, kept


def _matches(entry: _Entry, chosen: Mapping[str, str]) -> bool:
    return (
        (not chosen.get("country") or entry.city.country == chosen["country"])
        and (not chosen.get("population") or entry.peer_groups.get("population") == chosen["population"])
        and (not chosen.get("diversity") or entry.peer_groups.get("diversity") == chosen["diversity"])
        and (not chosen.get("status") or entry.city.status == chosen["status"])
        and (not chosen.get("round") or str(entry.round.pk) == chosen["round"])
    )


def _sorted(rows: list[Row], columns: list[Column], sort: str) -> tuple[list[Row], str]:
    """Rows by one column, ascending or descending ("-" first); cities without a value last, whatever
    the direction; ties by city name. An unknown sort falls back to the default."""
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    index = next((i for i, c in enumerate(columns) if c.key == key), None)
    if index is None:
        return rows, ""
    by_name = sorted(rows, key=lambda r: r.label.casefold())
    present = [r for r in by_name if r.cells[index].value is not None]
    missing = [r for r in by_name if r.cells[index].value is None]

    def value(row: Row) -> Any:
        cell = row.cells[index]
        v = cell.value
        return v.casefold() if isinstance(v, str) and not columns[index].numeric else v

    present.sort(key=value, reverse=descending)  # stable: equal values keep the name order
    return present + missing, sort


# --------------------------------------------------------------------------------------------------
# The report


def _columns(scope: str, area_titles: Mapping[str, str]) -> list[Column]:
    columns = [
        Column("city", _("City")),
        Column("country", _("Country")),
        Column("status", _("Membership status")),
        Column("population", _("Peers by population")),
        Column("diversity", _("Peers by diversity")),
    ]
    if scope == "all":
        columns.append(Column("round", _("Round")))
    columns += [
        Column("rank", _("Rank in the round") if scope == "all" else _("Rank"), numeric=True),
        Column(AGGREGATE, _("Aggregate"), numeric=True),
        *(Column(f"area:{a}", title, numeric=True) for a, title in area_titles.items()),
        Column("complete", _("Complete")),
    ]
    return columns


def _row(entry: _Entry, scope: str, areas: list[str], mapping: Mapping[str, str]) -> Row:
    scores = entry.scores
    rank = (scores.get("rank") or {}).get("sample")
    population = entry.peer_groups.get("population")
    diversity = entry.peer_groups.get("diversity")
    complete = _("yes") if scores.get("complete") else _("no")
    cells = [
        Cell(entry.city.name, entry.city.name),
        Cell(country_name(entry.city.country), country_name(entry.city.country)),
        Cell(entry.city.get_status_display(), entry.city.get_status_display()),
        Cell(population, population or "–"),
        Cell(diversity, diversity or "–"),
    ]
    if scope == "all":
        cells.append(Cell(entry.round.name, entry.round.name))
    cells += [
        Cell(rank, "–" if rank is None else str(rank), numeric=True),
        Cell(scores.get("aggregate"), score_text(scores.get("aggregate")), numeric=True),
        *(Cell(v := _area_score(entry, a, mapping), score_text(v), numeric=True) for a in areas),
        Cell(complete, complete),
    ]
    return Row(city=entry.city, response_id=entry.score.response_id, cells=cells)


def _statistics(values: list[list[float | None]]) -> dict[str, Any]:
    matrix = [[_nan(v) for v in row] for row in values]
    return scoring.row_statistics(matrix) if values and values[0] else {}


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _nullable(value: float) -> float | None:
    return None if value != value else float(value)


def _distributions(
    kept: list[_Entry], area_titles: Mapping[str, str], mapping: Callable[[Questionnaire], dict[str, str]]
) -> list[Distribution]:
    keys = [AGGREGATE, *area_titles]
    titles = {AGGREGATE: _("Aggregate"), **area_titles}
    values = [
        [
            e.scores.get("aggregate") if key == AGGREGATE else _area_score(e, key, mapping(e.questionnaire))
            for e in kept
        ]
        for key in keys
    ]
    stats = _statistics(values)
    result = []
    for i, key in enumerate(keys):
        present = sorted(v for v in values[i] if v is not None)
        if not stats:
            result.append(Distribution(key, titles[key], [], 0, None, None, None, None, None, None))
            continue
        result.append(
            Distribution(
                key=key,
                title=titles[key],
                values=present,
                n=int(stats["n"][i]),
                **{s: _nullable(float(stats[s][i])) for s in ("min", "q1", "median", "q3", "max", "mean")},
            )
        )
    return result


def _trend(
    entries: list[_Entry],
    chosen: Mapping[str, str],
    area_titles: Mapping[str, str],
    mapping: Callable[[Questionnaire], dict[str, str]],
    until: Round | None,
) -> list[TrendRow]:
    """Per round, oldest first: the mean aggregate and area scores of the round's cities that match the
    filters (the round filter aside: the trend is about every round)."""
    per_round: dict[int, list[_Entry]] = defaultdict(list)
    for entry in entries:
        if until is not None and (entry.round.opens_on, entry.round.pk) > (until.opens_on, until.pk):
            continue
        if _matches(entry, {**chosen, "round": ""}):
            per_round[entry.round.pk].append(entry)
    rows = []
    for group in per_round.values():
        first = group[0]
        areas = mapping(first.questionnaire)
        values = [
            [e.scores.get("aggregate") for e in group],
            *([_area_score(e, a, areas) for e in group] for a in area_titles),
        ]
        stats = _statistics(values)
        means = [_nullable(float(m)) for m in stats["mean"]]
        rows.append(
            TrendRow(
                round=first.round,
                questionnaire=str(first.questionnaire),
                n=len(group),
                aggregate=means[0],
                areas=dict(zip(area_titles, means[1:], strict=True)),
            )
        )
    return rows


def _change(previous: _Entry, current: _Entry) -> scoring.Progress:
    """As `response_progress`, from scores already read (no query per city)."""
    return progress_between(
        scoring.CityScores.from_dict(previous.scores, previous.questionnaire.key),
        scoring.CityScores.from_dict(current.scores, current.questionnaire.key),
        older=previous.questionnaire,
        newer=current.questionnaire,
    )


def _improvements(
    kept: list[_Entry],
    entries: list[_Entry],
    area_titles: Mapping[str, str],
    mapping: Callable[[Questionnaire], dict[str, str]],
) -> tuple[list[Improvement], int]:
    """For each city of the table, its response there against its previous validated one (an earlier
    round): how many improved, declined or held, in the aggregate and in each area."""
    by_city: dict[int, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_city[entry.city.pk].append(entry)  # oldest round first
    keys = [AGGREGATE, *area_titles]
    counts = {key: {"improved": 0, "declined": 0, "unchanged": 0, "not_comparable": 0} for key in keys}
    with_previous = 0
    for current in kept:
        history = by_city[current.city.pk]
        earlier = [e for e in history[: history.index(current)] if e.round.opens_on < current.round.opens_on]
        if not earlier:
            continue
        with_previous += 1
        change = _change(earlier[-1], current)
        here = mapping(current.questionnaire)
        for key in keys:
            if key == AGGREGATE:
                c: scoring.Change | None = change.aggregate
            else:
                c = change.areas.get(here[key]) if key in here else None
            if c is None or c.delta is None:
                counts[key]["not_comparable"] += 1
                continue
            delta = round(c.delta, CHANGE_DIGITS)
            counts[key]["improved" if delta > 0 else "declined" if delta < 0 else "unchanged"] += 1
    titles = {AGGREGATE: _("Aggregate"), **area_titles}
    return [Improvement(key, titles[key], **counts[key]) for key in keys], with_previous


def network_report(params: QueryDict, round_: Round | None = None) -> NetworkReport:
    """The network report of one round (`round_`), or of all time (each city's latest validated
    response): the filtered, sorted table, each area's distribution over its cities, the mean scores
    per round and how many of its cities improved since their previous validated response. Three
    queries, whatever the number of cities and rounds."""
    entries = _entries()
    if round_ is not None:
        scope = "round"
        candidates = [e for e in entries if e.round.pk == round_.pk]
        reference: Questionnaire | None = candidates[0].questionnaire if candidates else None
        rounds = None
    else:
        scope = "all"
        latest: dict[int, _Entry] = {}
        for entry in entries:  # oldest first: the last one seen is the latest
            latest[entry.city.pk] = entry
        candidates = list(latest.values())
        reference = entries[-1].questionnaire if entries else None
        seen: dict[int, Round] = {}
        for entry in candidates:
            seen.setdefault(entry.round.pk, entry.round)
        rounds = sorted(seen.values(), key=lambda r: (r.opens_on, r.pk), reverse=True)
    area_titles = _area_titles(reference) if reference is not None else {}
    mapping = _Mappings(reference)
    filters, errors, kept = _filters(params, candidates, rounds)
    columns = _columns(scope, area_titles)
    rows = [_row(e, scope, list(area_titles), mapping(e.questionnaire)) for e in kept]
    default_sort = "rank" if scope == "round" else f"-{AGGREGATE}"
    rows, sort = _sorted(rows, columns, params.get("sort", "") or default_sort)
    if not sort:
        rows, sort = _sorted(rows, columns, default_sort)
    chosen = {
        "country": filters.country,
        "population": filters.population,
        "diversity": filters.diversity,
        "status": filters.status,
    }
    improvements, with_previous = _improvements(kept, entries, area_titles, mapping)
    return NetworkReport(
        scope=scope,
        round=round_,
        reference=reference,
        filters=filters,
        errors=errors,
        columns=columns,
        rows=rows,
        sort=sort,
        total=len(candidates),
        distributions=_distributions(kept, area_titles, mapping),
        trend=_trend(entries, chosen, area_titles, mapping, round_),
        area_titles=area_titles,
        improvements=improvements,
        cities_with_previous=with_previous,
    )
