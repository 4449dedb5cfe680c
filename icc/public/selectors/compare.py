"""Compare published cities: up to six cities of a round side by side, or one city against the average
of the published cities of its peer group. The whole state is in the query string, so a comparison is a
shareable address, and the CSV download holds exactly the table the page shows."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from icc.core.search import collation_key, fold
from icc.index.models import Round
from icc.index.selectors.publication import PublicCityResult, PublicRoundResults, public_round_results
from icc.network.models import City
from icc.public.selectors.results import (
    chart_value,
    choose_round,
    csv_number,
    peer_label,
    text,
)
from icc.public.selectors.uncertainty import rank_uncertainty

MAX_CITIES = 6
PEER_SCALES = ("population", "diversity")


@dataclass(frozen=True)
class Column:
    label: str
    city: City | None = None  # None: an average


@dataclass(frozen=True)
class Row:
    label: str
    values: list[float | int | str | None]  # what the CSV holds (scores rounded as shown, rank ranges)
    texts: list[str]  # what the page shows
    is_rank: bool = False  # ranks are not drawn


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    items: list[tuple[str, int | None]]
    index: int = 0  # the row's place in the table: addresses the chart's downloads


@dataclass
class Comparison:
    round: Round | None
    rounds: list[Round]
    mode: str  # "cities" or "peer"
    slugs: list[str] = field(default_factory=list)  # cities mode, in the order given
    city: City | None = None  # peer mode
    peer: str = ""  # peer mode: "population" or "diversity"
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (slug, name) of the published cities
    options_html: tuple[SafeString, SafeString] = (SafeString(""), SafeString(""))  # see `_choices`
    peer_scales: list[tuple[str, str]] = field(default_factory=list)
    max_cities: int = MAX_CITIES
    peers: list[City] = field(default_factory=list)  # peer mode: the other published cities of the group
    peer_group: str = ""  # peer mode: the group's label ("Population: 100,000 to 250,000")
    alone: bool = False  # peer mode: the city is the only published city of its group

    @property
    def has_table(self) -> bool:
        return bool(self.columns and self.rows)

    @property
    def addable(self) -> list[tuple[str, str]]:
        return [(slug, name) for slug, name in self.choices if slug not in self.slugs]

    @property
    def addable_options(self) -> SafeString:
        """The <option>s of the "add a city" suggestions: every published city's, rendered once per round's
        results (a template loop over the 1,500 cities of a large round cost 100 ms a page), less the
        compared cities'."""
        html, names = str(self.options_html[0]), dict(self.choices)
        for slug in self.slugs:
            html = html.replace(str(format_html('<option value="{}"></option>', names.get(slug, ""))), "", 1)
        return mark_safe(html)

    @property
    def choice_options(self) -> SafeString:
        """The <option>s of the peer comparison's city, the compared city selected."""
        html = str(self.options_html[1])
        if self.mode == "peer" and self.city is not None:
            html = html.replace(
                f'<option value="{self.city.slug}">', f'<option value="{self.city.slug}" selected>', 1
            )
        return mark_safe(html)

    @property
    def can_add(self) -> bool:
        return len(self.slugs) < MAX_CITIES and bool(self.addable)

    @property
    def header(self) -> list[str]:
        return [_("Score"), *(c.label for c in self.columns)]

    @property
    def peers_side_by_side(self) -> str:
        """The query string comparing the city with its first peers, each in its own column."""
        if self.city is None:
            return ""
        slugs = [self.city.slug, *(p.slug for p in self.peers)][:MAX_CITIES]
        return self.query(cities=",".join(slugs), city=None, peer=None)

    @property
    def series(self) -> list[tuple[int, Column]]:
        """(colour index, column) for the legend: each compared city its own colour, the average last."""
        return list(enumerate(self.columns))

    def csv_rows(self) -> list[list[str | float | int | None]]:
        return [[row.label, *row.values] for row in self.rows]

    def query(self, **changes: object) -> str:
        """This comparison's query string, with `changes` applied (a value of None removes the key)."""
        params: dict[str, object] = {}
        if self.mode == "peer":
            params = {"city": self.city.slug if self.city else "", "peer": self.peer}
        elif self.slugs:
            params = {"cities": ",".join(self.slugs)}
        if self.round is not None:
            params["round"] = self.round.pk
        params.update(changes)
        # Commas stay readable: "cities=lyon,porto" is the address people share and type.
        return urlencode({k: v for k, v in params.items() if v not in (None, "")}, safe=",")

    @property
    def remove_links(self) -> list[tuple[City, str]]:
        """(city, the query string without it) for each compared city."""
        links = []
        for column in self.columns:
            if column.city is not None and column.city.slug in self.slugs:
                others = [s for s in self.slugs if s != column.city.slug]
                links.append((column.city, self.query(cities=",".join(others) or None)))
        return links

    @property
    def charts(self) -> list[Chart]:
        labels = [c.label for c in self.columns]
        charts = []
        for index, row in enumerate(self.rows):
            if row.is_rank:
                continue
            items = [
                (label, chart_value(float(v)) if v is not None else None)
                for label, v in zip(labels, row.values, strict=True)
            ]
            charts.append(Chart(id=f"compare-chart-{index}", title=row.label, items=items, index=index))
        return charts


def parse_slugs(value: str) -> list[str]:
    """ "lyon, Porto,,lyon" -> ["lyon", "porto"]: lower case, in order, once each."""
    slugs: list[str] = []
    for part in value.split(","):
        slug = part.strip().lower()
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def _score_rows(
    results: PublicRoundResults, columns: list[tuple[float | None, dict[str, float | None]]]
) -> list[Row]:
    """The aggregate, then each area: one value per column ((aggregate, {area: score}))."""
    rows = [
        Row(
            _("Aggregate index"),
            [csv_number(aggregate) for aggregate, _areas in columns],
            [text(aggregate) for aggregate, _areas in columns],
        )
    ]
    for area_id, title in results.area_titles.items():
        values = [areas.get(area_id) for _aggregate, areas in columns]
        rows.append(Row(title, [csv_number(v) for v in values], [text(v) for v in values]))
    return rows


def _interval_rows(results: PublicRoundResults, entries: list[PublicCityResult]) -> list[Row]:
    """The compared cities' rank ranges in 90 % of plausible weightings (none when none is stored)."""
    ranges = [rank_uncertainty(e, results.sample_size) for e in entries]
    if not any(ranges):
        return []
    return [
        Row(
            _("Rank in 90% of plausible weightings"),
            [*(r.csv_text if r else None for r in ranges), None],
            [*(r.range_text if r else "–" for r in ranges), "–"],
            is_rank=True,
        )
    ]


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


def _published_city(
    results: PublicRoundResults, cities: dict[str, City], slug: str, param: str, round_: Round
) -> tuple[PublicCityResult | None, str | None]:
    city = cities.get(slug)
    if city is None:
        example = results.cities[0].city.slug if results.cities else "lyon"
        return None, _(
            "%(param)s: no city has the short name “%(slug)s”. Use the name in the address of the city's "
            "page, for example “%(example)s”."
        ) % {"param": param, "slug": slug, "example": example}
    entry = results.city(city.pk)
    if entry is None:
        return None, _(
            "%(param)s: the results of %(city)s in %(round)s are not published. Remove it from the "
            "comparison or choose another round."
        ) % {"param": param, "city": city.name, "round": round_.name}
    return entry, None


def comparison(params: QueryDict) -> Comparison:
    """The comparison a query string describes, with a clear message for each parameter at fault.
    Cities or parameters at fault are left out and the rest is still compared."""
    choice = choose_round(params.get("round"))
    mode = "peer" if params.get("peer") is not None or params.get("city") else "cities"
    page = Comparison(round=choice.round, rounds=choice.rounds, mode=mode)
    page.peer_scales = [(scale, peer_label(scale)) for scale in PEER_SCALES]
    if choice.error:
        page.errors.append(choice.error)
    if choice.round is None:
        return page
    results = public_round_results(choice.round)
    # Published cities by slug, plus the others named, so that an unpublished city gets its own message.
    by_slug = {c.city.slug: c.city for c in results.cities}
    page.choices, page.options_html = _choices(results)
    if mode == "peer":
        _peer_comparison(page, results, params, by_slug)
    else:
        _cities_comparison(page, results, params, by_slug)
    return page


def _choices(results: PublicRoundResults) -> tuple[list[tuple[str, str]], tuple[SafeString, SafeString]]:
    """The published cities (slug, name) in name order, and their <option>s for the suggestions and for the
    peer comparison's list: made once per round's results, whatever the number of pages."""
    if "compare-choices" not in results.derived:
        choices = sorted(
            ((c.city.slug, c.city.name) for c in results.cities), key=lambda x: collation_key(x[1])
        )
        suggestions = format_html_join(
            "", '<option value="{}"></option>', ((name,) for _slug, name in choices)
        )
        listing = format_html_join("", '<option value="{}">{}</option>', choices)
        results.derived["compare-choices"] = (choices, (suggestions, listing))
    return results.derived["compare-choices"]


def _known(slugs: list[str], published: dict[str, City]) -> dict[str, City]:
    missing = [s for s in slugs if s not in published]
    # Only public cities: a city outside the public register gets the message of a slug that does not exist.
    named = City.objects.public().filter(slug__in=missing).only("slug", "name", "name_en", "name_fr")
    others = {c.slug: c for c in named}
    return {**published, **others}


def _cities_comparison(
    page: Comparison, results: PublicRoundResults, params: QueryDict, published: dict[str, City]
) -> None:
    assert page.round is not None
    slugs = parse_slugs(params.get("cities", ""))
    if len(slugs) > MAX_CITIES:
        page.errors.append(
            _(
                "cities: at most %(max)s cities can be compared at once, and %(n)s were given. Remove "
                "some from the list; only the first %(max)s are shown."
            )
            % {"max": MAX_CITIES, "n": len(slugs)}
        )
        slugs = slugs[:MAX_CITIES]
    cities = _known(slugs, published)
    entries: list[PublicCityResult] = []
    for slug in slugs:
        entry, error = _published_city(results, cities, slug, "cities", page.round)
        if error:
            page.errors.append(error)
        elif entry is not None:
            entries.append(entry)
    page.slugs = [e.city.slug for e in entries]
    if not entries:
        return
    mean_label = _("Average of the %(n)s published cities") % {"n": len(results.cities)}
    page.columns = [Column(e.city.name, e.city) for e in entries] + [Column(mean_label)]
    means = (
        results.aggregate_statistics.mean,
        {a: s.mean for a, s in results.area_statistics.items()},
    )
    page.rows = [
        Row(
            _("Rank (of %(n)s cities in the round)") % {"n": results.sample_size},
            [*(e.rank for e in entries), None],
            [*("–" if e.rank is None else str(e.rank) for e in entries), "–"],
            is_rank=True,
        ),
        *_interval_rows(results, entries),
        *_score_rows(results, [*((e.aggregate, e.areas) for e in entries), means]),
    ]


def _peer_comparison(
    page: Comparison, results: PublicRoundResults, params: QueryDict, published: dict[str, City]
) -> None:
    assert page.round is not None
    slug = params.get("city", "").strip().lower()
    scale = params.get("peer", "").strip().lower()
    page.peer = scale
    if scale not in PEER_SCALES:
        page.errors.append(
            _("peer: “%(value)s” is not a peer group. Use peer=population or peer=diversity.")
            % {"value": scale}
        )
    if not slug:
        page.errors.append(_("city: name the city to compare with its peers, for example city=lyon."))
        return
    entry, error = _published_city(results, _known([slug], published), slug, "city", page.round)
    if error:
        page.errors.append(error)
    if entry is None:
        return
    page.city = entry.city
    if scale not in PEER_SCALES:
        return
    band = entry.peer_groups.get(scale)
    if not band:
        page.errors.append(
            _(
                "peer: %(city)s is in no %(scale)s peer group (the figure is missing). Compare it with "
                "other cities instead: use cities=%(slug)s,…"
            )
            % {"city": entry.city.name, "scale": peer_label(scale).lower(), "slug": entry.city.slug}
        )
        return
    peers = [c for c in results.cities if c.peer_groups.get(scale) == band]
    page.peer_group = peer_label(scale, band)
    page.peers = sorted(
        (p.city for p in peers if p.city.pk != entry.city.pk), key=lambda c: collation_key(c.name)
    )
    if not page.peers:
        # An average of one city is the city itself: say so instead of a table comparing it with itself.
        page.alone = True
        return
    average_label = _("Average of the %(n)s published cities of the peer group %(group)s") % {
        "n": len(peers),
        "group": peer_label(scale, band),
    }
    page.columns = [Column(entry.city.name, entry.city), Column(average_label)]
    average = (
        _mean([p.aggregate for p in peers]),
        {a: _mean([p.areas.get(a) for p in peers]) for a in results.area_titles},
    )
    page.rows = [
        Row(
            _("Rank (of %(n)s cities in the round)") % {"n": results.sample_size},
            [entry.rank, None],
            ["–" if entry.rank is None else str(entry.rank), "–"],
            is_rank=True,
        ),
        *_interval_rows(results, [entry]),
        *_score_rows(results, [(entry.aggregate, entry.areas), average]),
    ]


def typed_city_slug(value: str) -> str:
    """The slug of the public city a typed value names: its slug, or its name in English or French in any
    case, with or without accents ("malmo" finds Malmö); otherwise the value as typed (the comparison
    then says that no city has that name)."""
    value = value.strip()
    if not value:
        return ""
    folded = fold(value)
    for city in City.objects.public().only("slug", "name_en", "name_fr"):
        if value.lower() == city.slug or folded in (fold(city.name_en or ""), fold(city.name_fr or "")):
            return city.slug
    return value
