"""Rankings of the published cities of a round: by the aggregate index or by one area, filtered by country
and peer group.

Ranks by the aggregate are the stored ranks within the round's whole sample (as on city pages and in
reports: "12 of 80"). Ranks by area are not stored: they are competition ranks among the round's
published cities. Filters narrow the rows shown, never the ranks. Under a reader's own weights ("Build
your own Index", selectors/weighting.py) ranks are among the published cities too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from icc.core.countries import country_name
from icc.core.search import collation_key
from icc.index.models import Round
from icc.index.selectors.publication import PublicCityResult, public_round_results
from icc.public.selectors.results import choose_round, competition_ranks, peer_label, text
from icc.public.selectors.weighting import Weighting, weighting


@dataclass(frozen=True)
class RankingRow:
    rank: int | None
    result: PublicCityResult
    score: float | None
    tied: bool = False  # another city of the round has the same rank (and the next rank is skipped)
    change: int = 0  # places gained under the reader's weights (negative: lost); 0 on the official page

    @property
    def change_abs(self) -> int:
        return abs(self.change)

    @property
    def interval_text(self) -> str:
        """The official rank's 90 % interval over plausible weightings (“4–9”), “–” when not stored."""
        interval = self.result.interval
        if interval is None:
            return "–"
        return str(interval.low) if interval.low == interval.high else f"{interval.low}–{interval.high}"

    @property
    def score_text(self) -> str:
        return text(self.score)


@dataclass
class Rankings:
    round: Round | None
    rounds: list[Round]
    area: str = ""  # "" for the aggregate index
    area_title: str = ""
    areas: list[tuple[str, str]] = field(default_factory=list)
    country: str = ""
    countries: list[tuple[str, str]] = field(default_factory=list)
    peer: str = ""  # "population:200k-500k"
    peers: list[tuple[str, str]] = field(default_factory=list)
    rows: list[RankingRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sample_size: int = 0
    published_count: int = 0
    weighting: Weighting | None = None  # "Build your own Index" (the aggregate index only)

    @property
    def official_query(self) -> str:
        """This ranking's address under the official weights (the reader's filters kept)."""
        round_id = str(self.round.pk) if self.round else ""
        chosen = [("round", round_id), ("country", self.country), ("peer", self.peer)]
        return urlencode([(name, value) for name, value in chosen if value])

    @cached_property  # read for every row of the page: once is enough
    def custom(self) -> bool:
        """Whether the ranking is under the reader's weights rather than the official ones."""
        return not self.area and self.weighting is not None and self.weighting.custom

    @property
    def has_ties(self) -> bool:
        return any(row.tied for row in self.rows)

    @cached_property
    def shows_intervals(self) -> bool:
        """The official aggregate ranking shows each rank's 90 % interval (stored for the sample ranks)."""
        return not self.area and not self.custom and any(row.result.interval for row in self.rows)

    @property
    def has_gaps(self) -> bool:
        """Ranks of the whole sample skip the cities that did not publish (1, 3, 4): say why."""
        return not self.area and not self.custom and self.sample_size > self.published_count


def rankings(params: QueryDict) -> Rankings:
    """The ranking a query string asks for; a parameter at fault gets a message and is ignored.
    Four queries."""
    choice = choose_round(params.get("round"))
    page = Rankings(round=choice.round, rounds=choice.rounds)
    if choice.error:
        page.errors.append(choice.error)
    if choice.round is None:
        return page
    results = public_round_results(choice.round)
    page.sample_size = results.sample_size
    page.published_count = len(results.cities)
    page.areas = list(results.area_titles.items())
    codes = {c.city.country for c in results.cities}
    page.countries = sorted(((c, country_name(c)) for c in codes), key=lambda item: collation_key(item[1]))
    bands = sorted(
        {(scale, band) for c in results.cities for scale, band in c.peer_groups.items() if band},
        key=lambda item: (item[0] != "population", item[0], item[1]),
    )
    page.peers = [(f"{scale}:{band}", peer_label(scale, band)) for scale, band in bands]

    area = params.get("area", "").strip()
    if area and area not in results.area_titles:
        page.errors.append(
            _(
                "area: this round has no area “%(value)s”. Choose an area from the list, or none for the "
                "aggregate index."
            )
            % {"value": area}
        )
        area = ""
    page.area = area
    page.area_title = results.area_titles.get(area, "") if area else _("Aggregate index")

    country = params.get("country", "").strip().upper()
    if country and country not in codes:
        page.errors.append(
            _(
                "country: no published city of this round is in the country “%(value)s”. Choose a country "
                "from the list."
            )
            % {"value": country}
        )
        country = ""
    page.country = country

    peer = params.get("peer", "").strip()
    if peer and peer not in dict(page.peers):
        page.errors.append(
            _("peer: “%(value)s” is not a peer group of this round. Choose a peer group from the list.")
            % {"value": peer}
        )
        peer = ""
    page.peer = peer

    weights = page.weighting = weighting(results, params)
    page.errors.extend(weights.errors)
    if area and weights.custom:
        page.errors.append(
            _(
                "%(params)s: weights apply to the aggregate index only, not to a ranking by area. Choose "
                "“Aggregate index” as the score to use them."
            )
            % {"params": ", ".join(name for name, _value in weights.params())}
        )
    changes: dict[int, int] = {}
    if area:
        scores = {c.response_id: c.areas.get(area) for c in results.cities}
        ranks = competition_ranks(scores.items())
    elif page.custom:
        chosen = weights.cities
        scores = {rid: chosen[rid].aggregate for rid in chosen}
        ranks = {rid: chosen[rid].rank for rid in chosen}
        changes = {rid: chosen[rid].change for rid in chosen}
    else:
        scores = {c.response_id: c.aggregate for c in results.cities}
        ranks = {c.response_id: c.rank for c in results.cities}
    scale, _sep, band = peer.partition(":")
    shared: Counter[int | None] = Counter(rank for rank in ranks.values() if rank is not None)
    rows = [
        RankingRow(
            rank=ranks.get(c.response_id),
            result=c,
            score=scores[c.response_id],
            tied=shared[ranks.get(c.response_id)] > 1,
            change=changes.get(c.response_id, 0),
        )
        for c in results.cities
        if (not country or c.city.country == country) and (not peer or c.peer_groups.get(scale) == band)
    ]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, collation_key(r.result.city.name)))
    page.rows = rows
    return page
