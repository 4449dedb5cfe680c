"""Where an indicator's figures come from when they are not the city's own: its Index area scores (one
figure per round: the area's score in the city's validated and scored response, published or not, since
only the city's own people and the secretariat refresh it) and its gaps (one figure per period: the gap
score, 100 = parity, of the indicator's focal group). Read-only; icc.strategies.services.indicator_refresh
writes them into the series."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from icc.gaps.models import GapResult, period_end_year
from icc.index.models import Response, ResponseStatus
from icc.network.models import City

Figure = tuple[str, datetime.date, float, str]


def index_area_figures(city: City, area_key: str) -> list[Figure]:
    responses = (
        Response.objects.filter(city=city, status=ResponseStatus.VALIDATED, score__isnull=False)
        .select_related("round", "score")
        .defer("round__questionnaire__document")
        .order_by("round__opens_on", "pk")
    )
    figures: list[Figure] = []
    seen: set[datetime.date] = set()
    for response in responses:
        value = (response.score.scores.get("areas") or {}).get(area_key)
        start = response.round.opens_on
        if value is None or start in seen:
            continue
        seen.add(start)
        label = response.round.name or str(start.year)
        figures.append((label[:30], start, float(value), _("Index round %(round)s") % {"round": label}))
    return figures


def gap_figures(city: City, source_key: str) -> list[Figure]:
    """`source_key` is "<gap indicator key>" or "<gap indicator key>:<focal group key>" (without a group: the
    first group, by key, that has figures)."""
    indicator_key, _sep, focal_key = source_key.partition(":")
    results = (
        GapResult.objects.filter(city=city, indicator__key=indicator_key, record__isnull=False)
        .select_related("focal")
        .order_by("focal__key", "period")
    )
    rows = [r for r in results if not r.suppressed and (r.record or {}).get("gap_score") is not None]
    if not focal_key and rows:
        focal_key = rows[0].focal.key
    figures: list[Figure] = []
    for row in rows:
        if row.focal.key != focal_key:
            continue
        year = period_end_year(row.period)
        if year is None:
            continue
        start = datetime.date(year, 1, 1)
        figures.append(
            (
                row.period[:30],
                start,
                float((row.record or {})["gap_score"]),
                _("Gap analysis, group %(group)s") % {"group": row.focal.key},
            )
        )
    figures.sort(key=lambda f: f[1])
    # One figure per period start: two periods ending the same year keep the later one.
    unique: dict[datetime.date, Figure] = {f[1]: f for f in figures}
    return list(unique.values())
