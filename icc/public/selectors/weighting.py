"""“Build your own Index”: a round's published cities ranked under weights a reader chooses.

The weights are relative (a weight of 2 counts twice as much as a weight of 1), from 0 to `MAX_WEIGHT`,
one query parameter per area (`w-<area id>=2`), so that a plain form submits them and an address shares
them; an area left out keeps its official weight. The aggregate is the engine's own weighted arithmetic
mean of the area scores a city has (`scoring._weighted_means`, as the official aggregate), computed from
the published cities' stored area scores only: the public results, nothing else. Ranks under chosen
weights are among the published cities, and so is the official rank they are compared with (the official
weights through the same function), so that a change of rank is never an effect of the cities that did
not publish.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from icc.index import scoring
from icc.index.selectors.publication import PublicRoundResults
from icc.index.structure import structure_of
from icc.public.selectors.results import competition_ranks

PREFIX = "w-"
MAX_WEIGHT = 10.0


@dataclass(frozen=True)
class AreaWeight:
    id: str
    title: str
    official: float
    chosen: float

    @property
    def param(self) -> str:
        return PREFIX + self.id

    @property
    def official_text(self) -> str:
        return _number(self.official)

    @property
    def chosen_value(self) -> str:
        """The value of the number input: a plain decimal whatever the reader's language."""
        return f"{self.chosen:g}"


@dataclass(frozen=True)
class CityWeighting:
    aggregate: float | None  # under the chosen weights
    rank: int | None  # among the published cities, under the chosen weights
    official_rank: int | None  # among the published cities, under the official weights

    @property
    def change(self) -> int:
        """Places gained (positive) or lost (negative) against the official weights."""
        if self.rank is None or self.official_rank is None:
            return 0
        return self.official_rank - self.rank


@dataclass
class Weighting:
    areas: list[AreaWeight] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cities: dict[int, CityWeighting] = field(default_factory=dict)  # response id -> result (custom only)
    max_weight: float = MAX_WEIGHT

    @property
    def custom(self) -> bool:
        """Whether the chosen weights differ from the official ones (else the page is the official one)."""
        return any(a.chosen != a.official for a in self.areas)

    def params(self) -> list[tuple[str, str]]:
        """The chosen weights as query parameters (only those that differ from the official weights)."""
        return [(a.param, a.chosen_value) for a in self.areas if a.chosen != a.official]

    @property
    def query(self) -> str:
        return urlencode(self.params())


def _number(value: float) -> str:
    return number_format(value, decimal_pos=None if value != int(value) else 0)


def official_weights(results: PublicRoundResults) -> dict[str, float]:
    """The weight of each scored area in the official aggregate (0 for the optional areas)."""
    parsed = structure_of(results.round.questionnaire).parsed
    return {a.id: (0.0 if a.optional else a.weight) for a in parsed.areas if a.id in results.area_titles}


def weighting(results: PublicRoundResults, params: QueryDict) -> Weighting:
    """The weights a query string chooses, and the published cities' aggregates and ranks under them.
    A weight at fault gets a message naming its parameter and keeps its official value."""
    official = official_weights(results)
    limit = max([MAX_WEIGHT, *official.values()])
    page = Weighting(max_weight=limit)
    chosen = dict(official)
    for key in sorted(k for k in params if k.startswith(PREFIX)):
        area, raw = key[len(PREFIX) :], params.get(key, "").strip()
        if area not in official:
            page.errors.append(
                _(
                    "%(param)s: this round has no area “%(area)s”. Remove the parameter, or use one of: "
                    "%(areas)s."
                )
                % {"param": key, "area": area, "areas": ", ".join(PREFIX + a for a in official)}
            )
            continue
        if not raw:
            continue  # an empty box keeps the official weight
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0 or value > limit:
            page.errors.append(
                _(
                    "%(param)s: “%(value)s” is not a weight. Give a number from 0 to %(max)s, or leave it "
                    "empty for the official weight (%(official)s)."
                )
                % {"param": key, "value": raw, "max": _number(limit), "official": _number(official[area])}
            )
            continue
        chosen[area] = value
    if official and not any(chosen.values()):
        page.errors.append(
            _("%(params)s: the weights are all zero. Give at least one area a weight above 0.")
            % {"params": ", ".join(PREFIX + a for a in official)}
        )
        chosen = dict(official)
    page.areas = [AreaWeight(a, results.area_titles[a], official[a], chosen[a]) for a in official]
    if not results.cities or not page.custom:
        return page  # the official ranking: its stored aggregates and ranks serve as they are

    ids = [c.response_id for c in results.cities]
    scores = np.array(
        [[math.nan if c.areas.get(a) is None else c.areas[a] for c in results.cities] for a in official],
        dtype=np.float64,
    )
    weights = np.array([list(official.values()), [chosen[a] for a in official]], dtype=np.float64).T
    # The engine's own weighted mean (the official aggregate's function): one column per set of weights.
    means = scoring._weighted_means(scores, weights)
    official_aggregates = [None if math.isnan(v) else float(v) for v in means[0]]
    chosen_aggregates = [None if math.isnan(v) else float(v) for v in means[1]]
    official_ranks = competition_ranks(zip(ids, official_aggregates, strict=True))
    ranks = competition_ranks(zip(ids, chosen_aggregates, strict=True))
    page.cities = {
        rid: CityWeighting(aggregate=agg, rank=ranks[rid], official_rank=official_ranks[rid])
        for rid, agg in zip(ids, chosen_aggregates, strict=True)
    }
    return page
