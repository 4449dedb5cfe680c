"""Shared reads of published Index results: which round a page shows, ranks by area, peer-group labels."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from icc.index import scoring
from icc.index.models import Round
from icc.index.selectors.publication import published_rounds
from icc.index.selectors.scores import PEER_LABELS, score_text
from icc.network.models import PUBLIC_CITY_STATUSES


def public_statuses() -> list[str]:
    return [str(s) for s in PUBLIC_CITY_STATUSES]


def rounds_newest_first() -> list[Round]:
    return list(published_rounds().order_by("-opens_on", "-pk"))


def latest_published_round() -> Round | None:
    return published_rounds().order_by("-opens_on", "-pk").first()


@dataclass
class RoundChoice:
    """The round a page shows, the rounds it may show, and what was wrong with the `round` parameter."""

    round: Round | None
    rounds: list[Round]
    error: str | None = None


def choose_round(value: str | None) -> RoundChoice:
    """The published round named by a `round` parameter (its id), or the latest published round."""
    rounds = rounds_newest_first()
    latest = rounds[0] if rounds else None
    value = (value or "").strip()
    if not value:
        return RoundChoice(latest, rounds)
    chosen = next((r for r in rounds if str(r.pk) == value), None)
    if chosen is None:
        return RoundChoice(
            latest,
            rounds,
            _(
                "round: no published Index round has the number “%(value)s”. Choose one of the rounds "
                "in the list, or leave the round out to see the latest."
            )
            % {"value": value},
        )
    return RoundChoice(chosen, rounds)


def competition_ranks[K: Hashable](scores: Iterable[tuple[K, float | None]]) -> dict[K, int | None]:
    """Standard competition ranks (1, 2, 2, 4), highest score first, with the scoring engine's tie
    tolerance (the stored aggregate ranks are made the same way); no score, no rank."""
    pairs = list(scores)
    values = np.array([math.nan if value is None else value for _key, value in pairs], dtype=float)
    ranks = scoring.competition_ranks(values).tolist()
    return {key: (rank or None) for (key, _value), rank in zip(pairs, ranks, strict=True)}


def peer_label(scale: str, band: str | None = None) -> str:
    label = str(PEER_LABELS.get(scale, scale))
    return f"{label}: {band}" if band else label


def chart_value(value: float | None) -> int | None:
    # The chart include prints values without decimals (cut off, not rounded): round here.
    return None if value is None else round(value)


def text(value: float | None) -> str:
    """A score as every public page shows it: one decimal, in the reader's language; "–" for none."""
    return score_text(value)


def csv_number(value: float | None) -> float | None:
    """A score as the CSV downloads hold it: exactly the figure the page shows, as a number."""
    return None if value is None else round(value, 1)
