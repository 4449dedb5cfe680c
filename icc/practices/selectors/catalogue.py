"""The public collection: the catalogue with its search, facets and sorting, a practice's public page
(with its city's published Index scores in the practice's areas, read through the Index's publication
selectors only), "more like this", and the practices that answer an Index question.

What is public is `Practice.objects.public()`, and nothing else, here as in open data, the feed and the API.

Search ignores case and accents (icc/core/search.py: "malmo" finds "Malmö", "integracion" finds
"integración") over the titles, summaries, descriptions, results and the city's name, in both languages. It
is the same rule on SQLite and PostgreSQL: folding is done in Python over the few columns searched, as
everywhere else on the platform, so a search gives the same answer whatever the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from icc.core.countries import country_name
from icc.core.search import collation_key, fold
from icc.index.selectors.publication import public_round_results, published_responses
from icc.network.models import City
from icc.practices import ranking
from icc.practices.index_areas import index_areas, index_question
from icc.practices.models import LANGUAGES, Practice, Theme

PER_PAGE = 20
SEARCHED = (
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "description_en",
    "description_fr",
    "results_en",
    "results_fr",
    "partners",
    "city__name",
)
SIZE_BANDS = (
    ("small", gettext_lazy("under 100,000 inhabitants"), 0, 100_000),
    ("medium", gettext_lazy("100,000 to 200,000"), 100_000, 200_000),
    ("large", gettext_lazy("200,000 to 500,000"), 200_000, 500_000),
    ("xlarge", gettext_lazy("over 500,000"), 500_000, 10**12),
)
SORTS = {
    "newest": gettext_lazy("newest first"),
    "title": gettext_lazy("title"),
    "city": gettext_lazy("city"),
}
FILTERS = ("area", "theme", "country", "size", "language", "question")


def size_band(population: int | None) -> str:
    if not population:
        return ""
    return next((key for key, _label, low, high in SIZE_BANDS if low <= population < high), "")


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    chosen: bool


@dataclass
class Catalogue:
    practices: list[Practice]
    total: int
    params: dict[str, str]
    facets: dict[str, list[FacetOption]]
    sort: str
    q: str
    sorts: dict[str, Any] = field(default_factory=lambda: dict(SORTS))

    def query_without(self, name: str) -> str:
        """The address's query without one filter (for the "remove" links)."""
        from urllib.parse import urlencode

        return urlencode({k: v for k, v in self.params.items() if k != name and v})


@dataclass(frozen=True)
class _Row:
    pk: int
    areas: frozenset[str]
    questions: frozenset[str]
    themes: frozenset[str]
    country: str
    size: str
    languages: frozenset[str]
    text: str


def _rows(practices: QuerySet[Practice]) -> list[_Row]:
    values = practices.order_by().values_list(
        "pk", "areas", "questions", "themes", "city__country", "city__population", *SEARCHED
    )
    rows = []
    for pk, areas, questions, themes, country, population, *texts in values:
        named = dict(zip(SEARCHED, texts, strict=True))
        languages = frozenset(
            lang for lang in LANGUAGES if named[f"title_{lang}"] and named[f"summary_{lang}"]
        )
        rows.append(
            _Row(
                pk=pk,
                areas=frozenset(areas or ()),
                questions=frozenset(questions or ()),
                themes=frozenset(themes or ()),
                country=country,
                size=size_band(population),
                languages=languages,
                text=fold(" ".join(t for t in texts if t)),
            )
        )
    return rows


def _keeps(row: _Row, name: str, value: str) -> bool:
    if not value:
        return True
    return {
        "area": lambda: value in row.areas,
        "question": lambda: value in row.questions,
        "theme": lambda: value in row.themes,
        "country": lambda: row.country == value,
        "size": lambda: row.size == value,
        "language": lambda: value in row.languages,
    }[name]()


def _matches(row: _Row, words: list[str]) -> bool:
    return all(word in row.text for word in words)


def filter_public(params: Mapping[str, str], practices: QuerySet[Practice] | None = None) -> list[int]:
    """The primary keys of the public practices matching the search and the filters (API, open data)."""
    rows = _rows(practices if practices is not None else Practice.objects.public())
    words = fold(params.get("q", "")).split()
    return [
        row.pk
        for row in rows
        if _matches(row, words) and all(_keeps(row, name, params.get(name, "")) for name in FILTERS)
    ]


def _facet(rows: list[_Row], values: Iterable[tuple[str, str]], key: Any, chosen: str) -> list[FacetOption]:
    counts: Counter[str] = Counter()
    for row in rows:
        for value in key(row):
            counts[value] += 1
    return [
        FacetOption(value, label, counts[value], value == chosen)
        for value, label in values
        if counts[value] or value == chosen
    ]


def catalogue(query: Mapping[str, str]) -> Catalogue:
    """The catalogue for an address's query: `q`, the filters of FILTERS, `sort`. Each facet counts the
    practices the other filters and the search leave, so a count says what choosing it would show."""
    params = {name: str(query.get(name, "")).strip()[:100] for name in ("q", *FILTERS, "sort")}
    sort = params["sort"] if params["sort"] in SORTS else "newest"
    rows = _rows(Practice.objects.public())
    words = fold(params["q"]).split()
    searched = [row for row in rows if _matches(row, words)]

    def others(name: str) -> list[_Row]:
        return [r for r in searched if all(_keeps(r, n, params[n]) for n in FILTERS if n != name)]

    countries = sorted({r.country for r in rows}, key=lambda c: collation_key(country_name(c)))
    facets = {
        "area": _facet(
            others("area"), [(a.key, a.title) for a in index_areas()], lambda r: r.areas, params["area"]
        ),
        "theme": _facet(
            others("theme"),
            [(v, str(label)) for v, label in Theme.choices],
            lambda r: r.themes,
            params["theme"],
        ),
        "country": _facet(
            others("country"),
            [(c, country_name(c)) for c in countries],
            lambda r: [r.country],
            params["country"],
        ),
        "size": _facet(
            others("size"),
            [(k, str(label)) for k, label, _l, _h in SIZE_BANDS],
            lambda r: [r.size],
            params["size"],
        ),
        "language": _facet(
            others("language"),
            [("en", _("English")), ("fr", _("French"))],
            lambda r: r.languages,
            params["language"],
        ),
    }
    keep = [r.pk for r in searched if all(_keeps(r, n, params[n]) for n in FILTERS)]
    practices = list(Practice.objects.filter(pk__in=keep).select_related("city"))
    if sort == "title":
        practices.sort(key=lambda p: collation_key(p.title))
    elif sort == "city":
        practices.sort(key=lambda p: (collation_key(p.city.name), collation_key(p.title)))
    else:
        practices.sort(key=lambda p: (p.published_at or timezone.now(), p.pk), reverse=True)
    return Catalogue(
        practices=practices,
        total=len(practices),
        params={k: v for k, v in params.items() if v},
        facets=facets,
        sort=sort,
        q=params["q"],
    )


def get_public_practice(pk: int) -> Practice:
    practice = Practice.objects.public().select_related("city").filter(pk=pk).first()
    if practice is None:
        raise Http404
    return practice


# -------------------------------------------------------------------------------- the practice's page


@dataclass(frozen=True)
class AreaScore:
    key: str
    title: str
    score: float | None
    mean: float | None


@dataclass
class CityScores:
    round_name: str
    aggregate: float | None
    areas: list[AreaScore]


def city_scores_in_areas(city: City, areas: Iterable[str]) -> CityScores | None:
    """The city's latest published Index results in the given areas, with the published cities' mean; None
    when the city has no published results (never an unpublished score)."""
    response = published_responses().filter(city=city).first()
    if response is None:
        return None
    results = public_round_results(response.round)
    mine = results.city(city.pk)
    if mine is None:
        return None
    shown = []
    for key in areas:
        if key not in results.area_titles:
            continue
        stats = results.area_statistics.get(key)
        shown.append(
            AreaScore(key, results.area_titles[key], mine.areas.get(key), stats.mean if stats else None)
        )
    return CityScores(round_name=response.round.name, aggregate=mine.aggregate, areas=shown)


def candidate_of(practice: Practice) -> ranking.Candidate:
    city = practice.city
    diversity = city.diversity_share
    stamp = practice.reviewed_at or practice.published_at
    return ranking.Candidate(
        id=practice.pk,
        city_id=practice.city_id,
        city=ranking.CityFacts(city.population, float(diversity) if diversity is not None else None),
        areas=frozenset(practice.areas),
        questions=frozenset(practice.questions),
        themes=frozenset(practice.themes),
        year=stamp.year if stamp else 0,
    )


def public_candidates() -> list[tuple[ranking.Candidate, Practice]]:
    practices = (
        Practice.objects.public()
        .select_related("city")
        .defer(
            "description_en",
            "description_fr",
            "results_en",
            "results_fr",
            "transferability_en",
            "transferability_fr",
        )
    )
    return [(candidate_of(p), p) for p in practices]


def more_like_this(practice: Practice, limit: int = 4) -> list[Practice]:
    pool = public_candidates()
    by_id = {c.id: p for c, p in pool}
    return [by_id[c.id] for c in ranking.similar(candidate_of(practice), [c for c, _p in pool], limit=limit)]


# -------------------------------------------------------------------------- practices where they help


def practices_answering(
    question_id: str, *, full_marks_city_ids: Iterable[int] | None = None
) -> list[Practice]:
    """Public practices that answer an Index question; with `full_marks_city_ids`, only those of the cities
    given (the cities scoring the full points on it)."""
    practices = Practice.objects.public().select_related("city")
    if full_marks_city_ids is not None:
        practices = practices.filter(city_id__in=list(full_marks_city_ids))
    keep = [p for p in practices if question_id in (p.questions or [])]
    return sorted(keep, key=lambda p: (collation_key(p.city.name), collation_key(p.title)))


def city_public_practices(city: City) -> list[Practice]:
    return list(Practice.objects.public().filter(city=city).order_by("-published_at", "pk"))


def question_label(question_id: str) -> str:
    question = index_question(question_id)
    return question.text if question else question_id


def today_year() -> int:
    return timezone.localdate().year


def feed_items(limit: int = 50) -> list[Practice]:
    return list(
        Practice.objects.public().select_related("city").order_by("-first_published_at", "-pk")[:limit]
    )


def language_now() -> str:
    return (get_language() or "en")[:2]
