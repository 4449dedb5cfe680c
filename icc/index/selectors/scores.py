"""Reads of stored scores: a round's table, a city's scores against the sample and its peers, progress
since its previous validated response, and the trace of one score from the answers ("explain this
number").

Everything here reads what `round_scores_compute` stored, except two things that depend on one city's
answers only, never on the sample, and so are computed from the answers on demand: the trace (the engine's
`explain`) and the data checks. Numbers are formatted once here, in the reader's language.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from icc.index import scoring
from icc.index.models import (
    Questionnaire,
    Response,
    ResponseScore,
    ResponseStatus,
    Round,
    RoundScores,
    localized,
)
from icc.index.selectors.questionnaires import comparable_areas
from icc.index.selectors.review import answer_in_words
from icc.index.services.scores import ROBUSTNESS_RUNS, round_scores_document
from icc.index.structure import Structure, structure_of

BEST_PER_AREA = 3
# An area rests on too few answers when the city answered fewer than this share of the questions shown.
DATA_CHECK_THRESHOLD = 0.5
SCALE_LABELS = {
    "population": gettext_lazy("Population"),
    "diversity": gettext_lazy("Diversity (foreign-born residents)"),
}
PEER_LABELS = {
    "population": gettext_lazy("Peers by population"),
    "diversity": gettext_lazy("Peers by diversity"),
}
SAMPLE_STATISTICS = (
    ("mean", gettext_lazy("Sample mean")),
    ("median", gettext_lazy("Sample median")),
    ("min", gettext_lazy("Lowest")),
    ("max", gettext_lazy("Highest")),
)
TOLERANCE = 1e-9


def score_text(value: float | None, digits: int = 1) -> str:
    """A score as pages show it: one decimal, in the reader's language; "–" for no score."""
    if value is None:
        return "–"
    return number_format(round(value, digits), digits, force_grouping=True)


def points_text(value: float) -> str:
    """Points without invented decimals: 2 as "2", 1.5 as "1.5" (or "1,5")."""
    value = round(value, 6)
    return number_format(int(value) if float(value).is_integer() else value, use_l10n=True)


def signed_text(value: float | None) -> str:
    if value is None:
        return "–"
    text = score_text(value)
    return f"+{text}" if round(value, 1) > 0 else text


def _chart_value(value: float | None) -> int | None:
    # The chart template prints values with `num` (no decimals, cut off rather than rounded): round here.
    return None if value is None else round(value)


def chart_scale() -> list[tuple[str, float]]:
    """A dashed line at 100 on the score charts, which keeps every chart on the same 0-100 scale."""
    return [(_("Highest possible: 100"), 100.0)]


def _scale_label(name: str) -> str:
    return str(SCALE_LABELS.get(name, name))


def _area_titles(structure: Structure) -> dict[str, str]:
    """The areas that can have a score (a scored question at least), by id, with their titles; an
    area of facts only (such as "City facts") never has one and is left off the score pages."""
    return {area.id: area.title() for area in structure.areas if any(q.scored for q in area.questions)}


def _stored_scores(response: Response) -> ResponseScore | None:
    return ResponseScore.objects.filter(response=response).first()


# --------------------------------------------------------------------------------------------------
# A round's table (secretariat)


@dataclass(frozen=True)
class Cell:
    value: Any  # what the CSV holds (numbers unrounded)
    text: str  # what the page shows


@dataclass(frozen=True)
class TableRow:
    label: str  # the city, or the name of a sample statistic
    response_id: int | None
    cells: list[Cell]  # in the order of RoundScoresPage.header[1:]


@dataclass(frozen=True)
class BestCity:
    city: str
    response_id: int | None
    rank: int
    score: str


@dataclass
class RoundScoresPage:
    round: Round
    stored: RoundScores | None
    header: list[str]  # the table's column headings, the CSV's header
    rows: list[TableRow]  # one per city, by rank
    statistics: list[TableRow]  # mean, median, lowest, highest
    best: list[tuple[str, list[BestCity]]]  # (area title, its best cities)
    outdated: bool  # validations or reopenings since the scores were computed, or another engine version
    engine_version: str = scoring.ENGINE_VERSION
    best_n: int = BEST_PER_AREA

    @property
    def n(self) -> int:
        return len(self.rows)


def _complete_text(complete: bool) -> str:
    return _("yes") if complete else _("no")


def round_scores_page(round_: Round) -> RoundScoresPage:
    """The round's stored scores as one table: every city with its rank, aggregate, area scores and
    completeness, then the sample statistics; and the best cities of each area. Three queries."""
    structure = structure_of(round_.questionnaire)
    titles = _area_titles(structure)
    stored = RoundScores.objects.filter(round=round_).first()
    scored = list(
        ResponseScore.objects.filter(response__round=round_).only("response_id", "scores", "validated_at")
    )
    validated = dict(
        Response.objects.filter(round=round_, status=ResponseStatus.VALIDATED).values_list(
            "pk", "validated_at"
        )
    )
    outdated = validated != {s.response_id: s.validated_at for s in scored} or (
        stored is not None and stored.engine_version != scoring.ENGINE_VERSION
    )
    document: Mapping[str, Any] = stored.document if stored else {"cities": [], "sample": {}}
    area_ids = [a for a in titles if a in document.get("sample", {}).get("areas", {})] or list(titles)
    header = [_("City"), _("Rank"), _("Aggregate"), *(titles[a] for a in area_ids), _("Complete")]
    ids = {s.city_name: s.response_id for s in scored}
    cities = sorted(
        document["cities"],
        key=lambda c: (c["rank"].get("sample") is None, c["rank"].get("sample") or 0, c["city"]),
    )
    rows = [
        TableRow(
            label=c["city"],
            response_id=ids.get(c["city"]),
            cells=[
                Cell(
                    c["rank"].get("sample"),
                    "–" if c["rank"].get("sample") is None else str(c["rank"]["sample"]),
                ),
                Cell(c["aggregate"], score_text(c["aggregate"])),
                *(Cell(c["areas"].get(a), score_text(c["areas"].get(a))) for a in area_ids),
                Cell(_complete_text(c["complete"]), _complete_text(c["complete"])),
            ],
        )
        for c in cities
    ]
    sample = document.get("sample", {})
    statistics_rows = []
    if rows:
        for key, label in SAMPLE_STATISTICS:
            aggregate = sample["aggregate"].get(key)
            statistics_rows.append(
                TableRow(
                    label=str(label),
                    response_id=None,
                    cells=[
                        Cell(None, ""),
                        Cell(aggregate, score_text(aggregate)),
                        *(Cell(v := sample["areas"][a].get(key), score_text(v)) for a in area_ids),
                        Cell(None, ""),
                    ],
                )
            )
    best = []
    if stored is not None and rows:
        candidates = scoring.best_in_area(scoring.AreaScoresTable.from_dict(document), n=BEST_PER_AREA)
        best = [
            (
                titles[a],
                [
                    BestCity(c.city, ids.get(c.city), c.rank, score_text(c.score))
                    for c in candidates.get(a, [])
                ],
            )
            for a in area_ids
        ]
    return RoundScoresPage(
        round=round_,
        stored=stored,
        header=header,
        rows=rows,
        statistics=statistics_rows,
        best=best,
        outdated=outdated,
    )


def round_scores_table(round_: Round) -> tuple[list[str], list[list[Any]]]:
    """The round's table for a CSV download: the page's columns and rows, numbers unrounded."""
    page = round_scores_page(round_)
    return page.header, [
        [row.label, *(cell.value for cell in row.cells)] for row in page.rows + page.statistics
    ]


# --------------------------------------------------------------------------------------------------
# A city's scores


@dataclass(frozen=True)
class PeerGroup:
    name: str  # population, diversity
    label: str  # "Population"
    band: str | None  # "200k-500k"; None when the city's fact is missing
    rank: int | None
    size: int
    aggregate_mean: float | None
    area_means: dict[str, float | None]

    @property
    def short_label(self) -> str:
        return str(PEER_LABELS.get(self.name, self.label))


@dataclass(frozen=True)
class AreaComparison:
    id: str
    title: str
    optional: bool
    score: float | None
    sample_mean: float | None
    peer_means: list[tuple[str, float | None]]  # (peer group label, mean)
    check: scoring.AreaCheck | None

    @property
    def chart_items(self) -> list[tuple[str, float | None]]:
        items = [(_("This city"), self.score), (_("Sample mean"), self.sample_mean), *self.peer_means]
        return [(label, _chart_value(value)) for label, value in items]

    @property
    def difference(self) -> str:
        """The score minus the sample mean, signed: "+4.2", "-10.0"; "–" when either is missing."""
        if self.score is None or self.sample_mean is None:
            return "–"
        return signed_text(self.score - self.sample_mean)


@dataclass(frozen=True)
class RankInterval:
    low: int  # the 5th percentile rank, rounded down
    high: int  # the 95th percentile rank, rounded up
    median: float | None
    equal_weights: int | None
    geometric: int | None
    runs: int


@dataclass(frozen=True)
class ProgressRow:
    id: str
    title: str
    previous: float | None
    current: float | None
    delta: float | None
    comparable: bool

    @property
    def delta_text(self) -> str:
        return signed_text(self.delta)


@dataclass(frozen=True)
class ProgressView:
    previous: Response  # the city's previous validated response, in an earlier round
    same_version: bool
    areas: list[ProgressRow]
    aggregate: ProgressRow

    @property
    def not_comparable(self) -> list[ProgressRow]:
        return [row for row in self.areas if not row.comparable]


@dataclass
class ResponseScoresPage:
    response: Response
    stored: ResponseScore | None
    round_scores: RoundScores | None = None
    city: str = ""
    aggregate: float | None = None
    aggregate_sample_mean: float | None = None
    complete: bool = True
    rank: int | None = None
    sample_size: int = 0
    peers: list[PeerGroup] = field(default_factory=list)
    areas: list[AreaComparison] = field(default_factory=list)
    groups: list[tuple[str, float | None]] = field(default_factory=list)
    interval: RankInterval | None = None
    progress: ProgressView | None = None
    flagged: list[AreaComparison] = field(default_factory=list)

    @property
    def chart_scale(self) -> list[tuple[str, float]]:
        return chart_scale()

    @property
    def has_scores(self) -> bool:
        return self.stored is not None and self.round_scores is not None

    @property
    def aggregate_chart_items(self) -> list[tuple[str, float | None]]:
        return [
            (_("This city"), _chart_value(self.aggregate)),
            (_("Sample mean"), _chart_value(self.aggregate_sample_mean)),
            *((p.short_label, _chart_value(p.aggregate_mean)) for p in self.peers if p.band is not None),
        ]


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


def _peer_groups(
    document: Mapping[str, Any], entry: Mapping[str, Any], area_ids: list[str]
) -> list[PeerGroup]:
    """The city's peer groups, with the peers' mean aggregate and area scores, from the round's document."""
    groups = []
    # Population first, then diversity, whatever order the stored JSON gives back (jsonb sorts keys).
    stored_groups = entry.get("peer_groups", {})
    order = [n for n in ("population", "diversity") if n in stored_groups] + sorted(
        n for n in stored_groups if n not in ("population", "diversity")
    )
    for name, band in ((n, stored_groups[n]) for n in order):
        peers = [c for c in document["cities"] if band is not None and c["peer_groups"].get(name) == band]
        groups.append(
            PeerGroup(
                name=name,
                label=_scale_label(name),
                band=band,
                rank=entry.get("rank", {}).get(name),
                size=len(peers),
                aggregate_mean=_mean([c["aggregate"] for c in peers]),
                area_means={a: _mean([c["areas"].get(a) for c in peers]) for a in area_ids},
            )
        )
    return groups


def _interval(round_scores: RoundScores, city: str) -> RankInterval | None:
    for entry in round_scores.robustness.get("cities", []):
        if entry.get("city") == city and entry.get("p05") is not None and entry.get("p95") is not None:
            low, high = entry["p05"], entry["p95"]
            return RankInterval(
                low=int(low // 1),
                high=int(-(-high // 1)),
                median=entry.get("median"),
                equal_weights=entry.get("equal_weights"),
                geometric=entry.get("geometric"),
                runs=int(round_scores.robustness.get("runs", ROBUSTNESS_RUNS)),
            )
    return None


def _single_response_set(response: Response) -> scoring.ResponseSet:
    """This response's answers as the engine reads them (the round's converter, one response)."""
    prefetch_related_objects([response], "answers")
    structure = structure_of(response.round.questionnaire)
    return scoring.parse_responses(round_scores_document(response.round, [response]), structure.parsed)


def _checks(response: Response) -> dict[str, scoring.AreaCheck]:
    structure = structure_of(response.round.questionnaire)
    try:
        responses = _single_response_set(response)
    except scoring.ScoringInputError:
        return {}
    checks = scoring.data_checks(scoring.score(structure.parsed, responses), DATA_CHECK_THRESHOLD)
    return {c.area: c for c in checks.checks}


def response_explanation(response: Response) -> scoring.Explanation:
    """The engine's trace of every area of this response, question by question (the analytical report
    reads what is in place and what is missing from it). ScoringInputError for a broken record."""
    structure = structure_of(response.round.questionnaire)
    return scoring.explain(structure.parsed, _single_response_set(response)[0], None)


def response_scores_page(response: Response) -> ResponseScoresPage:
    """A city's scores within its round's sample: aggregate and rank, peer groups, each area against the
    sample and peer means, the rank interval, progress since its previous validated response, data checks."""
    stored = _stored_scores(response)
    round_scores = RoundScores.objects.filter(round_id=response.round_id).first() if stored else None
    page = ResponseScoresPage(response=response, stored=stored, round_scores=round_scores)
    if stored is None or round_scores is None:
        return page
    structure = structure_of(response.round.questionnaire)
    document = round_scores.document
    entry = stored.scores
    titles = _area_titles(structure)
    area_ids = [a for a in titles if a in entry.get("areas", {})]
    sample = document.get("sample", {})
    peers = _peer_groups(document, entry, area_ids)
    checks = _checks(response)
    areas = [
        AreaComparison(
            id=area.id,
            title=titles[area.id],
            optional=area.optional,
            score=entry["areas"].get(area.id),
            sample_mean=sample.get("areas", {}).get(area.id, {}).get("mean"),
            peer_means=[(p.short_label, p.area_means.get(area.id)) for p in peers if p.band is not None],
            check=checks.get(area.id),
        )
        for area in structure.areas
        if area.id in area_ids
    ]
    group_titles = {
        str(g.get("id")): localized(g.get("title")) or str(g.get("id"))
        for g in response.round.questionnaire.document.get("groups", []) or []
    }
    page.city = entry.get("city", "")
    page.aggregate = entry.get("aggregate")
    page.aggregate_sample_mean = sample.get("aggregate", {}).get("mean")
    page.complete = bool(entry.get("complete"))
    page.rank = entry.get("rank", {}).get("sample")
    page.sample_size = int(sample.get("n", len(document.get("cities", []))))
    page.peers = peers
    page.areas = areas
    page.groups = [(group_titles.get(g, g), s) for g, s in entry.get("groups", {}).items()]
    page.interval = _interval(round_scores, page.city)
    page.progress = response_progress(response, stored)
    page.flagged = [a for a in areas if a.check is not None and a.check.flagged]
    return page


# --------------------------------------------------------------------------------------------------
# Progress since the previous validated response


def _previous_scores(response: Response) -> ResponseScore | None:
    return (
        ResponseScore.objects.filter(
            response__city_id=response.city_id,
            response__status=ResponseStatus.VALIDATED,
            response__round__opens_on__lt=response.round.opens_on,
        )
        .select_related("response__round__questionnaire")
        .order_by("-response__round__opens_on", "-response__round_id")
        .first()
    )


def _city_scores(stored: ResponseScore) -> scoring.CityScores:
    return scoring.CityScores.from_dict(stored.scores, stored.questionnaire)


def progress_between(
    before: scoring.CityScores, after: scoring.CityScores, *, older: Questionnaire, newer: Questionnaire
) -> scoring.Progress:
    """A city's change between two scored responses: within one questionnaire version every area
    compares; across versions only the areas the `comparable_with` mapping pairs (named as in the newer
    version), and the aggregate only if all do."""
    if older.key == newer.key:
        return scoring.progress(before, after)
    pairs = comparable_areas(newer, older)  # {area here: the comparable area there}
    renamed = scoring.CityScores(
        city=before.city,
        questionnaire=before.questionnaire,
        complete=before.complete,
        aggregate=before.aggregate,
        areas={here: before.areas.get(there) for here, there in pairs.items()},
        groups={},
        peer_groups=before.peer_groups,
        rank=before.rank,
    )
    return scoring.progress(renamed, after, set(pairs))


def response_progress(response: Response, current: ResponseScore | None = None) -> ProgressView | None:
    """The change per area and in the aggregate since the city's previous validated response (an earlier
    round). Within one questionnaire version every area compares; across versions only the areas the
    versions' `comparable_with` mapping pairs, the others are marked not comparable."""
    current = current or _stored_scores(response)
    previous = _previous_scores(response) if current is not None else None
    if current is None or previous is None:
        return None
    before, after = _city_scores(previous), _city_scores(current)
    older: Questionnaire = previous.response.round.questionnaire
    newer: Questionnaire = response.round.questionnaire
    same_version = older.key == newer.key
    change = progress_between(before, after, older=older, newer=newer)
    titles = _area_titles(structure_of(newer))

    def row(area_id: str, title: str, c: scoring.Change) -> ProgressRow:
        return ProgressRow(area_id, title, c.previous, c.current, c.delta, c.comparable)

    return ProgressView(
        previous=previous.response,
        same_version=same_version,
        # In the questionnaire's order: PostgreSQL's jsonb does not keep the stored keys' order.
        areas=[row(a, title, change.areas[a]) for a, title in titles.items() if a in change.areas],
        aggregate=row("", _("Aggregate"), change.aggregate),
    )


# --------------------------------------------------------------------------------------------------
# The trace of a score ("explain this number")


@dataclass(frozen=True)
class QuestionLine:
    number: str
    id: str
    text: str
    answer: str
    status: str  # answered, n/a, unanswered, not shown
    earned: str
    achievable: str
    counted: bool  # in the area's sums
    note: str


@dataclass(frozen=True)
class AreaLine:
    id: str
    title: str
    weight: str
    optional: bool
    earned: str
    achievable: str
    score: float | None
    share: float | None  # of the aggregate, 0-100
    contribution: float | None
    formula: str


@dataclass
class TracePage:
    response: Response
    stored: ResponseScore | None
    area: AreaLine | None = None  # None: the trace of the aggregate
    questions: list[QuestionLine] = field(default_factory=list)
    areas: list[AreaLine] = field(default_factory=list)  # every area (the aggregate's trace)
    aggregate: float | None = None
    aggregate_formula: str = ""
    left_out: list[str] = field(default_factory=list)  # titles of areas not in the aggregate
    stored_value: float | None = None  # the stored score this trace explains
    matches_stored: bool = True

    @property
    def value(self) -> float | None:
        return self.area.score if self.area is not None else self.aggregate


def _area_formula(earned: float, achievable: float, score: float | None) -> str:
    if score is None:
        return _("No score: every scored question of this area was answered “not applicable”.")
    return _("100 × %(earned)s ÷ %(achievable)s = %(score)s") % {
        "earned": points_text(earned),
        "achievable": points_text(achievable),
        "score": score_text(score, 2),
    }


def _area_line(a: scoring.AreaTrace, title: str) -> AreaLine:
    return AreaLine(
        id=a.area,
        title=title,
        weight=points_text(a.weight),
        optional=a.optional,
        earned=points_text(a.earned),
        achievable=points_text(a.achievable),
        score=a.score,
        share=None if a.share_of_aggregate is None else 100 * a.share_of_aggregate,
        contribution=a.contribution,
        formula=_area_formula(a.earned, a.achievable, a.score),
    )


def _numbers(structure: Structure) -> dict[str, str]:
    """Question numbers as the questionnaire's page shows them (area.question, facts included)."""
    return {
        q.id: f"{i}.{j}" for i, area in enumerate(structure.areas, 1) for j, q in enumerate(area.questions, 1)
    }


def _question_line(structure: Structure, number: str, t: scoring.QuestionTrace) -> QuestionLine:
    info = structure.question(t.question)
    answer = answer_in_words(info, t.answer)
    note = ""
    if t.status == "not shown":
        condition = info.show_if or {}
        parent = str(condition.get("question", ""))
        options = [
            f"“{structure.question(parent).option_label(str(o))}”"
            if structure.has_question(parent)
            else str(o)
            for o in condition.get("in") or []
        ]
        note = _(
            "Not asked: it applies only when question %(number)s is answered %(options)s. "
            "It earns 0 of its points."
        ) % {"number": _numbers(structure).get(parent, parent), "options": " / ".join(options)}
        if t.answer is not None:
            note += " " + _("The answer given is ignored.")
    elif t.status == "n/a":
        note = _("Not applicable: left out of both sums.")
    elif t.status == "unanswered":
        note = _("Unanswered: counts as 0 and makes the response incomplete.")
    elif info.type == "multiple_choice" and isinstance(t.answer, list):
        points = {oid: p for oid, _label, p in info.options()}
        total = sum(points.get(o, 0.0) for o in t.answer)
        if total > t.achievable:
            note = _("The options chosen add up to %(total)s points, capped at %(cap)s.") % {
                "total": points_text(total),
                "cap": points_text(t.achievable),
            }
    return QuestionLine(
        number=number,
        id=t.question,
        text=info.text() or t.question,
        answer=answer if t.status != "unanswered" else _("Not answered"),
        status=t.status,
        earned=points_text(t.earned),
        achievable=points_text(t.achievable),
        counted=t.status != "n/a",
        note=note,
    )


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= TOLERANCE)


def score_trace_page(response: Response, area_id: str | None) -> TracePage:
    """How one area score (or the aggregate, `area_id` None) follows from the answers: each question's
    answer and points, the area formula, and the weighted aggregate. KeyError for an unknown area."""
    structure = structure_of(response.round.questionnaire)
    titles = _area_titles(structure)
    if area_id is not None and area_id not in titles:
        raise KeyError(area_id)
    stored = _stored_scores(response)
    page = TracePage(response=response, stored=stored)
    if stored is None:
        return page
    responses = _single_response_set(response)
    explanation = scoring.explain(structure.parsed, responses[0], None)
    numbers = _numbers(structure)
    page.areas = [_area_line(a, titles[a.area]) for a in explanation.areas if a.area in titles]
    page.aggregate = explanation.aggregate
    counted = [a for a in page.areas if a.contribution is not None]
    page.left_out = [a.title for a in page.areas if a.contribution is None]
    if counted and page.aggregate is not None:
        weights = {a.area: a.weight for a in explanation.areas}
        page.aggregate_formula = _("(%(terms)s) ÷ (%(weights)s) = %(aggregate)s") % {
            "terms": " + ".join(f"{points_text(weights[a.id])} × {score_text(a.score, 2)}" for a in counted),
            "weights": " + ".join(points_text(weights[a.id]) for a in counted),
            "aggregate": score_text(page.aggregate, 2),
        }
    if area_id is None:
        page.stored_value = stored.scores.get("aggregate")
        page.matches_stored = _same(page.aggregate, page.stored_value)
        return page
    trace = next(a for a in explanation.areas if a.area == area_id)
    page.area = next(a for a in page.areas if a.id == area_id)
    page.questions = [_question_line(structure, numbers[t.question], t) for t in trace.questions]
    page.stored_value = stored.scores.get("areas", {}).get(area_id)
    page.matches_stored = _same(page.area.score, page.stored_value)
    return page
