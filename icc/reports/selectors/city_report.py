"""The analytical report of one city's Index results: its content, and that content as HTML.

`city_report_content(response, language=...)` reads a validated, scored response (the stored scores and
the round's document through `icc.index.selectors.scores`, the answers and their evidence) and returns a
`CityReport`: plain dataclasses holding texts already formatted in the report's language, the charts as
SVG strings and the numbers behind them. `to_dict()` / `from_dict()` round-trip it through JSON, so a
published version keeps its frozen content and renders the same years later, whatever the scores or the
questionnaire become. `city_report_html(content, commentary=..., standalone=...)` renders it: a whole
document for WeasyPrint (`icc.reports.pdf.html_to_pdf`) or the fragment a page embeds.

Choices that protect other cities, since a published report is public:
- Other cities are named (in "good practice") only when their own results are public
  (`icc.index.selectors.publication`); the others are counted, not named.
- A group mean (the sample, a peer group) is shown only for groups of at least MIN_CITIES_FOR_MEAN
  cities: the mean of two cities and one of their scores give away the other's score.
"""

from __future__ import annotations

import base64
import dataclasses
import statistics
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from icc.core.countries import country_name
from icc.index import scoring
from icc.index.answers import NOT_APPLICABLE
from icc.index.models import Answer, Response, ResponseStatus
from icc.index.selectors.publication import published_responses
from icc.index.selectors.review import answer_in_words
from icc.index.selectors.scores import (
    BEST_PER_AREA,
    ResponseScoresPage,
    response_explanation,
    response_scores_page,
    score_text,
    signed_text,
)
from icc.index.structure import QuestionInfo, Structure, structure_of
from icc.network.models import City
from icc.reports import charts
from icc.reports.pdf import PDF_VARIANT
from icc.reports.selectors import gender_lens as lens

FORMAT_VERSION = 1
# A question earning less than this share of its points gets its recommendation in the report.
LOW_SHARE = 0.5
MIN_CITIES_FOR_MEAN = 3
STRONG_WEAK = 3  # areas named as strongest and weakest
SUMMARY, CONCLUSIONS = "summary", "conclusions"
# The sections a commentator writes into, in the report's order. The areas come in between, one per
# area of the questionnaire version (their ids and titles): `CityReport.sections()` gives the whole list.
REPORT_SECTIONS: tuple[tuple[str, Any], ...] = (
    (SUMMARY, gettext_lazy("Summary")),
    (CONCLUSIONS, gettext_lazy("Conclusions")),
)
REGISTER_FACTS = ("population", "foreign_born_share")


# --------------------------------------------------------------------------------------------------
# Content


@dataclass
class Chart:
    id: str
    title: str
    description: str
    svg: str
    columns: list[str]  # the table of the same numbers: headings
    rows: list[list[str]]  # first cell: the row's heading
    # The same chart as a PNG, base64 (see charts.py: WeasyPrint places an image far faster than it draws
    # an SVG). Kept in the content so that a stored draft or version prints exactly as it was made.
    png_base64: str = ""

    def __post_init__(self) -> None:
        png = getattr(self.svg, "png", b"")
        if png and not self.png_base64:
            self.png_base64 = base64.b64encode(png).decode("ascii")

    @property
    def data_uri(self) -> str:
        """The chart as a data: URL, for an <img> in the PDF: the PNG, or the SVG when there is none."""
        if self.png_base64:
            return "data:image/png;base64," + self.png_base64
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")


@dataclass
class Labelled:
    label: str
    value: str


@dataclass
class PeerRank:
    label: str  # "Population"
    band: str  # "" when the city's figure is missing
    rank: str  # "3rd of 12"
    mean: str  # the group's mean aggregate, or "–"


@dataclass
class Fact:
    label: str
    value: str
    sample_median: str


@dataclass
class Finding:
    """One scored question: the city's answer, the points it earns, what the city wrote."""

    number: str
    question: str
    answer: str
    points: str  # "2 of 3"
    status: str  # in_place, partly, missing, not_applicable
    explanation: str = ""
    # How many documents the city attached: their names and contents stay internal (they are the city's
    # working files, which a published report must not expose); the links the city gave are public pages.
    evidence_files: int = 0
    links: list[str] = field(default_factory=list)


@dataclass
class Recommendation:
    area_id: str
    area_title: str
    number: str
    question: str
    answer: str
    text: str
    question_id: str = ""


@dataclass
class BestCity:
    city: str
    score: str
    rank: int
    this_city: bool


@dataclass
class GoodPractice:
    """A published practice of another city pointed to for an area's weak questions (`good_practice_for`)."""

    title: str
    city: str
    summary: str
    url: str = ""
    why: str = ""  # the question it answers, or "serves the same area"


@dataclass
class AreaSection:
    id: str
    title: str
    optional: bool
    score: float | None
    score_text: str
    sample_mean: str
    difference: str  # against the sample mean, signed, or "–"
    rank: str  # the city's rank in this area, "5th of 80"
    peers: list[Labelled]  # the peer groups' means
    findings: list[Finding]
    recommendations: list[Recommendation]
    best_cities: list[BestCity]
    unnamed_best: int  # best cities not named: their results are not public
    good_practice: list[GoodPractice] = field(default_factory=list)
    few_answers: str = ""  # a warning when the area rests on few answers

    def by_status(self, status: str) -> list[Finding]:
        return [f for f in self.findings if f.status == status]

    @property
    def in_place(self) -> list[Finding]:
        return self.by_status("in_place")

    @property
    def partly(self) -> list[Finding]:
        return self.by_status("partly")

    @property
    def missing(self) -> list[Finding]:
        return self.by_status("missing")

    @property
    def not_applicable(self) -> list[Finding]:
        return self.by_status("not_applicable")


@dataclass
class ProgressLine:
    title: str
    then: str
    now: str
    change: str  # signed, or "not comparable"
    comparable: bool


@dataclass
class ProgressSection:
    previous_round: str
    previous_version: str
    same_version: bool
    rows: list[ProgressLine]
    aggregate: ProgressLine
    chart: Chart | None


@dataclass
class CityReport:
    language: str
    response_id: int
    round_id: int
    title: str
    city: str
    country: str
    round: str
    questionnaire: str
    date: str  # ISO date of the comparison (when the round's scores were computed)
    date_text: str
    sample_size: int
    aggregate: float | None
    aggregate_text: str
    sample_mean: str
    rank: int | None
    rank_text: str
    complete: bool
    peers: list[PeerRank]
    strongest: list[Labelled]
    weakest: list[Labelled]
    facts: list[Fact]
    overview_chart: Chart
    areas: list[AreaSection]
    progress: ProgressSection | None
    robustness: str
    conclusions: list[str]
    methodology_url: str
    engine_version: str = scoring.ENGINE_VERSION
    format_version: int = FORMAT_VERSION
    gender_lens: lens.GenderLensSection | None = None  # None: content frozen before the section existed

    def sections(self) -> list[tuple[str, str]]:
        """The keys a commentator may write into, with their titles, in the report's order."""
        titles = dict(REPORT_SECTIONS)
        with translation.override(self.language):
            return [
                (SUMMARY, str(titles[SUMMARY])),
                *((a.id, a.title) for a in self.areas),
                (lens.GENDER_EQUALITY, str(lens.GENDER_EQUALITY_TITLE)),
                (CONCLUSIONS, str(titles[CONCLUSIONS])),
            ]

    @property
    def recommendations(self) -> list[Recommendation]:
        return [r for area in self.areas for r in area.recommendations]

    @property
    def practices_how_chosen(self) -> str:
        """How the practices pointed to were chosen, in the report's language."""
        from icc.practices.selectors.pointers import HOW_CHOSEN

        with translation.override(self.language):
            return str(HOW_CHOSEN)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CityReport:
        return _build(cls, data)


def _load(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _build(tp, value)
    origin = typing.get_origin(tp)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_load(item, v) for v in value]
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load(options[0], value) if len(options) == 1 else value
    return value


def _build[T](cls: type[T], data: Mapping[str, Any]) -> T:
    """A dataclass from its `asdict()` form; keys it does not know are left out (older versions)."""
    hints = typing.get_type_hints(cls)
    assert dataclasses.is_dataclass(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _load(hints[k], v) for k, v in data.items() if k in known})


# --------------------------------------------------------------------------------------------------
# Building the content


def good_practice_for(area_id: str, *, city: City, weak_questions: list[str]) -> list[GoodPractice]:
    """2-3 published practices of other cities for the area's weak questions, ranked by the collection
    (icc/practices/selectors/pointers.py, which says how: `HOW_CHOSEN`); none when no question is weak."""
    from icc.practices.selectors.pointers import report_pointers

    pointers = report_pointers(
        area_id=area_id, weak_questions=weak_questions, city=city, site_url=settings.SITE_URL
    )
    return [GoodPractice(p.title, p.city, p.summary, p.url, p.why) for p in pointers]


def _mean_text(value: float | None, size: int) -> str:
    return score_text(value) if size >= MIN_CITIES_FOR_MEAN else "–"


def _rank_text(rank: int | None, size: int) -> str:
    if rank is None:
        return "–"
    return ngettext("%(rank)s of %(n)s city", "%(rank)s of %(n)s cities", size) % {
        "rank": ordinal(rank),
        "n": number_format(size, force_grouping=True),
    }


def _area_rank(document: Mapping[str, Any], area_id: str, score: float | None) -> tuple[int | None, int]:
    values = [c["areas"].get(area_id) for c in document.get("cities", [])]
    present = [round(v, 6) for v in values if v is not None]
    if score is None:
        return None, len(present)
    mine = round(score, 6)
    return 1 + sum(v > mine for v in present), len(present)


def _status(trace: scoring.QuestionTrace) -> str:
    if trace.status == "n/a":
        return "not_applicable"
    if trace.achievable > 0 and trace.earned >= trace.achievable:
        return "in_place"
    return "partly" if trace.earned > 0 else "missing"


def _answer_text(info: QuestionInfo, trace: scoring.QuestionTrace) -> str:
    if trace.status == "not shown":
        return _("Not asked: it applies only after another answer in this area")
    if trace.status == "unanswered":
        return _("Not answered")
    return answer_in_words(info, trace.answer)


def _points(earned: float, achievable: float) -> str:
    def plain(v: float) -> str:
        return number_format(int(v) if float(v).is_integer() else round(v, 2))

    return _("%(earned)s of %(achievable)s points") % {
        "earned": plain(earned),
        "achievable": plain(achievable),
    }


def _findings(
    structure: Structure,
    area_id: str,
    trace: scoring.AreaTrace,
    answers: Mapping[str, Answer],
    numbers: Mapping[str, str],
    area_title: str,
) -> tuple[list[Finding], list[Recommendation]]:
    findings, recommendations = [], []
    for t in trace.questions:
        info = structure.question(t.question)
        stored = answers.get(t.question)
        finding = Finding(
            number=numbers[t.question],
            question=info.text(),
            answer=_answer_text(info, t),
            points=_points(t.earned, t.achievable) if t.status != "n/a" else "–",
            status=_status(t),
            explanation=(stored.explanation.strip() if stored else ""),
            evidence_files=len(stored.files.all()) if stored else 0,
            links=[str(link) for link in (stored.links or [])] if stored else [],
        )
        findings.append(finding)
        low = t.status != "n/a" and t.achievable > 0 and t.earned < LOW_SHARE * t.achievable
        text = info.recommendation()
        if low and text:
            recommendations.append(
                Recommendation(
                    area_id, area_title, finding.number, finding.question, finding.answer, text, t.question
                )
            )
    return findings, recommendations


def _fact_value(info: QuestionInfo | None, key: str, value: Any) -> str:
    if value is None or value == "":
        return "–"
    if value == NOT_APPLICABLE:
        return _("Not applicable")
    kind = info.type if info is not None else ("percentage" if key == "foreign_born_share" else "number")
    if kind in ("number", "percentage"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value)
        shown = number_format(
            int(number) if number.is_integer() else round(number, 1), force_grouping=kind == "number"
        )
        return f"{shown} %" if kind == "percentage" else shown
    return str(value)


def _numeric(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _facts(response: Response, structure: Structure) -> list[Fact]:
    """The city's facts (its answers, the register for population and foreign-born share when not
    answered) next to the sample's median (numbers only; at least MIN_CITIES_FOR_MEAN cities). 2 queries."""
    infos = {
        info.id.rsplit(".", 1)[-1]: info
        for info in structure.all_questions()
        if info.question.data_type == "fact"
    }
    keys = [k for k in REGISTER_FACTS if k not in infos] + list(infos)
    by_id = {info.id: key for key, info in infos.items()}
    sample: dict[int, dict[str, Any]] = {}
    for pk, population, share in Response.objects.filter(
        round_id=response.round_id, status=ResponseStatus.VALIDATED
    ).values_list("pk", "city__population", "city__foreign_born_share"):
        sample[pk] = {"population": population, "foreign_born_share": share}
    for pk, question, value in Answer.objects.filter(
        response_id__in=list(sample), question__in=list(by_id)
    ).values_list("response_id", "question", "value"):
        if value is not None:
            sample[pk][by_id[question]] = value
    mine = sample.get(response.pk, {})
    labels = {
        "population": _("Population"),
        "foreign_born_share": _("Residents born abroad"),
    }
    facts = []
    for key in keys:
        info = infos.get(key)
        if key == "population_year":
            continue  # shown with the population
        value = mine.get(key)
        if value is None and key not in REGISTER_FACTS:
            continue  # not answered: nothing to say
        numbers = [n for n in (_numeric(city.get(key)) for city in sample.values()) if n is not None]
        numeric = info is None or info.type in ("number", "percentage")
        median = (
            _fact_value(info, key, statistics.median(numbers))
            if numeric and len(numbers) >= MIN_CITIES_FOR_MEAN
            else "–"
        )
        label = info.text() if info is not None else labels.get(key, key)
        if key == "population" and mine.get("population_year"):
            label = _("%(label)s (%(year)s)") % {"label": label, "year": mine["population_year"]}
        facts.append(Fact(label=label, value=_fact_value(info, key, value), sample_median=median))
    return facts


def _public_city_names(response: Response) -> set[str]:
    return {r.score.city_name for r in published_responses().filter(round_id=response.round_id)}


def _overview_chart(page: ResponseScoresPage, city: str) -> Chart:
    sample_ok = page.sample_size >= MIN_CITIES_FOR_MEAN
    peers = [p for p in page.peers if p.band is not None and p.size >= MIN_CITIES_FOR_MEAN]
    labels = [a.title for a in page.areas]
    series: list[charts.Series] = [(city, [a.score for a in page.areas])]
    if sample_ok:
        series.append((_("Sample mean"), [a.sample_mean for a in page.areas]))
    for p in peers:
        series.append((f"{p.short_label} ({p.band})", [p.area_means.get(a.id) for a in page.areas]))
    title = _("%(city)s: every area against the sample and its peer groups") % {"city": city}
    names = ", ".join(name for name, _values in series[1:])
    description = (
        _("Horizontal bars, one group per area, scores out of 100: %(city)s first, then %(others)s.")
        % {"city": city, "others": names}
        if names
        else _("Horizontal bars, one per area: the scores of %(city)s out of 100.") % {"city": city}
    )
    best = max(page.areas, key=lambda a: a.score if a.score is not None else -1, default=None)
    worst = min(page.areas, key=lambda a: a.score if a.score is not None else 101, default=None)
    if best is not None and worst is not None and best.score is not None and worst.score is not None:
        description += " " + _("Highest: %(best)s (%(high)s); lowest: %(worst)s (%(low)s).") % {
            "best": best.title,
            "high": score_text(best.score),
            "worst": worst.title,
            "low": score_text(worst.score),
        }
    svg = charts.area_comparison_chart(
        labels=labels, series=series, title=title, description=description, chart_id="chart-areas"
    )
    rows = [[label, *(score_text(values[i]) for _name, values in series)] for i, label in enumerate(labels)]
    return Chart("chart-areas", title, description, svg, [_("Area"), *(n for n, _v in series)], rows)


def _progress(page: ResponseScoresPage, city: str) -> ProgressSection | None:
    p = page.progress
    if p is None:
        return None

    def line(title: str, row: Any) -> ProgressLine:
        return ProgressLine(
            title=title,
            then=score_text(row.previous) if row.comparable else "–",
            now=score_text(row.current),
            change=signed_text(row.delta) if row.comparable else _("not comparable"),
            comparable=row.comparable,
        )

    previous_round = str(p.previous.round)
    comparable = [row for row in p.areas if row.comparable]
    chart = None
    if comparable:
        title = _("%(city)s: scores in %(then)s and now") % {"city": city, "then": previous_round}
        ups = sum(1 for r in comparable if r.delta is not None and r.delta > 0.05)
        downs = sum(1 for r in comparable if r.delta is not None and r.delta < -0.05)
        description = _(
            "For each comparable area, a hollow circle at the score of %(then)s and a filled square at "
            "today's score, out of 100. %(up)s areas rose, %(down)s fell."
        ) % {"then": previous_round, "up": ups, "down": downs}
        svg = charts.progress_chart(
            labels=[r.title for r in comparable],
            previous=[r.previous for r in comparable],
            current=[r.current for r in comparable],
            previous_label=previous_round,
            current_label=str(page.response.round),
            title=title,
            description=description,
            chart_id="chart-progress",
        )
        chart = Chart(
            "chart-progress",
            title,
            description,
            svg,
            [_("Area"), previous_round, str(page.response.round), _("Change")],
            [
                [r.title, score_text(r.previous), score_text(r.current), signed_text(r.delta)]
                for r in comparable
            ],
        )
    return ProgressSection(
        previous_round=previous_round,
        previous_version=str(p.previous.round.questionnaire),
        same_version=p.same_version,
        rows=[line(r.title, r) for r in p.areas],
        aggregate=line(_("Aggregate index"), p.aggregate),
        chart=chart,
    )


def _robustness(page: ResponseScoresPage, city: str) -> str:
    interval = page.interval
    if interval is None:
        return ""
    runs = number_format(interval.runs, force_grouping=True)
    if interval.low == interval.high:
        return _(
            "The rank is firm: weighting the areas differently, or combining them another way, leaves "
            "%(city)s %(rank)s in 90%% of %(runs)s trials."
        ) % {"city": city, "rank": ordinal(interval.low), "runs": runs}
    return _(
        "The rank depends partly on how the areas are weighted: weighting them differently, or combining "
        "them another way, puts %(city)s between %(low)s and %(high)s place in 90%% of %(runs)s trials."
    ) % {"city": city, "low": ordinal(interval.low), "high": ordinal(interval.high), "runs": runs}


def _conclusions(report: CityReport, page: ResponseScoresPage) -> list[str]:
    lines = [
        _("With an aggregate index of %(score)s out of 100, %(city)s ranks %(rank)s.")
        % {"score": report.aggregate_text, "city": report.city, "rank": report.rank_text}
    ]
    if report.sample_mean != "–":
        lines[0] += " " + _("The sample's mean is %(mean)s.") % {"mean": report.sample_mean}
    if report.strongest:
        lines.append(
            _(
                "Its strongest areas are %(strong)s; the areas with the most room for improvement "
                "are %(weak)s."
            )
            % {
                "strong": ", ".join(f"{a.label} ({a.value})" for a in report.strongest),
                "weak": ", ".join(f"{a.label} ({a.value})" for a in report.weakest) or "–",
            }
        )
    if report.progress is not None and report.progress.aggregate.comparable:
        lines.append(
            _("Since %(round)s, the aggregate index has changed by %(change)s points.")
            % {"round": report.progress.previous_round, "change": report.progress.aggregate.change}
        )
    n = len(report.recommendations)
    if n:
        lines.append(
            ngettext(
                "The report makes %(n)s recommendation, drawn from the questions where the city earned "
                "less than half of the points; it is listed below.",
                "The report makes %(n)s recommendations, drawn from the questions where the city earned "
                "less than half of the points; they are listed below.",
                n,
            )
            % {"n": n}
        )
    if not page.complete:
        lines.append(
            _("Some questions were left unanswered and count as 0: answering them may raise the scores.")
        )
    return lines


def _check_response(response: Response) -> None:
    if response.status != ResponseStatus.VALIDATED:
        raise ValidationError(
            _(
                "%(response)s: a report needs a validated response, and this one is “%(status)s”. "
                "Validate it first (Index › review)."
            )
            % {"response": response, "status": response.get_status_display()},
            code="not_validated",
        )


def city_report_content(response: Response, *, language: str) -> CityReport:
    """The report of a validated, scored response, in `language` ("en", "fr"). ValidationError when the
    response is not validated or its scores are not computed yet."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("language: %(language)s is not one of the platform's languages (%(known)s).")
            % {"language": language, "known": ", ".join(dict(settings.LANGUAGES))},
            code="language",
        )
    _check_response(response)
    with translation.override(language):
        page = response_scores_page(response)
        if not page.has_scores or page.round_scores is None:
            raise ValidationError(
                _(
                    "%(response)s has no scores yet: they are computed just after validation. "
                    "Try again in a moment, or recompute the round's scores (icc index recompute)."
                )
                % {"response": response},
                code="no_scores",
            )
        return _content(response, page, language)


def _content(response: Response, page: ResponseScoresPage, language: str) -> CityReport:
    assert page.round_scores is not None
    structure = structure_of(response.round.questionnaire)
    document = page.round_scores.document
    city = str(response.city)
    explanation = response_explanation(response)
    traces = {a.area: a for a in explanation.areas}
    answers = {a.question: a for a in Answer.objects.filter(response=response).prefetch_related("files")}
    numbers = {
        q.id: f"{i}.{j}" for i, area in enumerate(structure.areas, 1) for j, q in enumerate(area.questions, 1)
    }
    public = _public_city_names(response)
    best = scoring.best_in_area(scoring.AreaScoresTable.from_dict(document), n=BEST_PER_AREA)
    own_name = page.city
    peers_shown = [p for p in page.peers if p.band is not None]

    areas = []
    for a in page.areas:
        findings, recommendations = _findings(structure, a.id, traces[a.id], answers, numbers, a.title)
        candidates = best.get(a.id, [])
        named = [c for c in candidates if c.city == own_name or c.city in public]
        rank, size = _area_rank(document, a.id, a.score)
        few = ""
        if a.check is not None and a.check.flagged:
            few = ngettext(
                "This score rests on few answers: %(answered)s of %(shown)s question was answered.",
                "This score rests on few answers: %(answered)s of %(shown)s questions were answered.",
                a.check.shown,
            ) % {"answered": a.check.answered, "shown": a.check.shown}
        areas.append(
            AreaSection(
                id=a.id,
                title=a.title,
                optional=a.optional,
                score=a.score,
                score_text=score_text(a.score),
                sample_mean=_mean_text(a.sample_mean, page.sample_size),
                difference=a.difference if page.sample_size >= MIN_CITIES_FOR_MEAN else "–",
                rank=_rank_text(rank, size),
                peers=[
                    Labelled(f"{p.short_label} ({p.band})", _mean_text(p.area_means.get(a.id), p.size))
                    for p in peers_shown
                ],
                findings=findings,
                recommendations=recommendations,
                best_cities=[
                    BestCity(
                        city=str(response.city) if c.city == own_name else c.city,
                        score=score_text(c.score),
                        rank=c.rank,
                        this_city=c.city == own_name,
                    )
                    for c in named
                ],
                unnamed_best=len(candidates) - len(named),
                good_practice=good_practice_for(
                    a.id, city=response.city, weak_questions=[r.question_id for r in recommendations]
                ),
                few_answers=few,
            )
        )

    scored = sorted((a for a in areas if a.score is not None), key=lambda a: (-(a.score or 0), a.title))
    strongest = scored[:STRONG_WEAK]
    weakest = [a for a in reversed(scored[-STRONG_WEAK:]) if a not in strongest]
    computed = timezone.localtime(page.round_scores.computed_at).date()
    date_text = date_format(computed, "DATE_FORMAT")
    n = page.sample_size
    title = ngettext(
        "Results of the Intercultural Cities Index: %(city)s, %(date)s, a comparison between %(n)s city",
        "Results of the Intercultural Cities Index: %(city)s, %(date)s, a comparison between %(n)s cities",
        n,
    ) % {"city": city, "date": date_text, "n": number_format(n, force_grouping=True)}
    report = CityReport(
        language=language,
        response_id=response.pk,
        round_id=response.round_id,
        title=title,
        city=city,
        country=country_name(response.city.country),
        round=str(response.round),
        questionnaire=str(response.round.questionnaire),
        date=computed.isoformat(),
        date_text=date_text,
        sample_size=n,
        aggregate=page.aggregate,
        aggregate_text=score_text(page.aggregate),
        sample_mean=_mean_text(page.aggregate_sample_mean, n),
        rank=page.rank,
        rank_text=_rank_text(page.rank, n),
        complete=page.complete,
        peers=[
            PeerRank(
                label=p.short_label,
                band=p.band or "",
                rank=_rank_text(p.rank, p.size) if p.band else "–",
                mean=_mean_text(p.aggregate_mean, p.size) if p.band else "–",
            )
            for p in page.peers
        ],
        strongest=[Labelled(a.title, a.score_text) for a in strongest],
        weakest=[Labelled(a.title, a.score_text) for a in weakest],
        facts=_facts(response, structure),
        overview_chart=_overview_chart(page, city),
        areas=areas,
        progress=_progress(page, city),
        robustness=_robustness(page, city),
        conclusions=[],
        methodology_url=settings.SITE_URL + reverse("public:methodology"),
        gender_lens=lens.gender_lens_section(
            page=page, structure=structure, areas=areas, min_cities=MIN_CITIES_FOR_MEAN
        ),
    )
    report.conclusions = _conclusions(report, page)
    return report


# --------------------------------------------------------------------------------------------------
# HTML


def city_report_html(content: CityReport, *, commentary: Mapping[str, str], standalone: bool) -> str:
    """The report as HTML in its own language. `commentary`: plain text (paragraphs separated by blank
    lines) by section key (`content.sections()`); empty texts are left out. `standalone`: a whole document
    with the print stylesheet, for WeasyPrint; otherwise the fragment a page of the site embeds."""
    keys = {key for key, _title in content.sections()}
    unknown = sorted(set(commentary) - keys)
    if unknown:
        raise ValueError(
            f"commentary: unknown section(s) {', '.join(unknown)}; use the keys of content.sections()."
        )
    notes = {key: text.strip() for key, text in commentary.items() if text and text.strip()}
    with translation.override(content.language):
        return render_to_string(
            "reports/city_report/standalone.html" if standalone else "reports/city_report/fragment.html",
            {"report": content, "commentary": notes, "standalone": standalone, "pdf_variant": PDF_VARIANT},
        )


__all__: Sequence[str] = (
    "REPORT_SECTIONS",
    "CityReport",
    "city_report_content",
    "city_report_html",
    "good_practice_for",
)
