"""Remedial action: the Index areas behind a domain, with the city's score in each.

Which areas act on which domain is data (icc/gaps/remedial_areas.json, beside the indicator catalogue),
keyed by the area ids of the Index questionnaires. The city's score in an area is the one of its latest
validated Index response (the city's people and the secretariat read those results at
index:response_scores). Good practices and strategy actions are not linked yet: the platform has no
practice collection and no city strategies; the page says so rather than pretend.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.urls import reverse

from icc.index.models import Response, ResponseScore, ResponseStatus, localized
from icc.index.selectors.scores import score_text
from icc.index.services.questionnaires import SHIPPED_DIR
from icc.index.structure import structure_of
from icc.network.models import City

REMEDIAL_FILE = Path(__file__).resolve().parent.parent / "remedial_areas.json"


@cache
def remedial_areas() -> dict[str, tuple[str, ...]]:
    """Domain -> the ids of the Index areas behind it, in the file's order."""
    data = json.loads(REMEDIAL_FILE.read_text(encoding="utf-8"))
    return {domain: tuple(areas) for domain, areas in data["domains"].items()}


@dataclass(frozen=True)
class AreaPointer:
    area_id: str
    title: str
    score_text: str  # the city's score out of 100, or "–" when its latest results have none


@dataclass(frozen=True)
class IndexResults:
    """The city's latest validated Index results: where its area scores come from."""

    round_name: str
    url: str
    scores: dict[str, float | None]
    titles: dict[str, str]


def latest_index_results(city: City) -> IndexResults | None:
    """The city's latest validated and scored response (None when it has none). Two queries."""
    response = (
        Response.objects.filter(city=city, status=ResponseStatus.VALIDATED, score__isnull=False)
        .select_related("round__questionnaire")
        .order_by("-round__opens_on", "-validated_at")
        .first()
    )
    if response is None:
        return None
    stored = ResponseScore.objects.filter(response=response).values_list("scores", flat=True).first() or {}
    structure = structure_of(response.round.questionnaire)
    return IndexResults(
        round_name=response.round.name,
        url=reverse("index:response_scores", args=[response.pk]),
        scores=dict(stored.get("areas", {})),
        titles={area.id: area.title() for area in structure.areas},
    )


def area_pointers(domain: str, results: IndexResults | None) -> list[AreaPointer]:
    """The Index areas behind `domain`, with the city's score where its latest results have the area."""
    pointers = []
    for area_id in remedial_areas().get(domain, ()):
        title = results.titles.get(area_id) if results else None
        score = results.scores.get(area_id) if results else None
        pointers.append(AreaPointer(area_id, title or _area_title(area_id), score_text(score)))
    return pointers


CURRENT_VERSION = "icc-2019.yaml"


@cache
def _shipped_titles() -> dict[str, dict[str, str]]:
    """The area titles of the current shipped version (every area of the mapping is one of its areas)."""
    document = yaml.safe_load((SHIPPED_DIR / CURRENT_VERSION).read_text(encoding="utf-8"))
    return {area["id"]: area.get("title", {}) for area in document.get("areas", [])}


def _area_title(area_id: str) -> str:
    """An area's title when the city's latest results come from a version without it (or it has none):
    the current shipped version's title, in the reader's language."""
    return localized(_shipped_titles().get(area_id)) or area_id.replace("_", " ")
