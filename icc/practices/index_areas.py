"""The Index areas and questions a practice may answer: the current questionnaire's, by their stable
identifiers (as icc/index/questionnaires/icc-2019.yaml names them). Read from the shipped file once, like
the experts' profiles, so that a practice tagged with `education.mixing_programmes` keeps meaning it
whatever round is open."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from icc.index.models import localized
from icc.index.services.questionnaires import SHIPPED_DIR

CURRENT_VERSION = "icc-2019.yaml"
NOT_POLICY = {"facts"}  # the city's facts are figures, not a policy area


@dataclass(frozen=True)
class IndexQuestion:
    id: str
    area: str
    texts: dict[str, str]

    @property
    def text(self) -> str:
        return localized(self.texts) or self.id


@dataclass(frozen=True)
class IndexArea:
    key: str
    titles: dict[str, str]
    questions: tuple[IndexQuestion, ...]

    @property
    def title(self) -> str:
        return localized(self.titles) or self.key.replace("_", " ")


@cache
def index_areas() -> tuple[IndexArea, ...]:
    document = yaml.safe_load((SHIPPED_DIR / CURRENT_VERSION).read_text(encoding="utf-8"))
    areas = []
    for area in document.get("areas", []):
        if area["id"] in NOT_POLICY:
            continue
        questions = tuple(
            IndexQuestion(q["id"], area["id"], dict(q.get("text") or {}))
            for q in area.get("questions", []) or []
            if q.get("data_type") != "fact"
        )
        areas.append(IndexArea(area["id"], dict(area.get("title") or {}), questions))
    return tuple(areas)


@cache
def _areas_by_key() -> dict[str, IndexArea]:
    return {area.key: area for area in index_areas()}


@cache
def _questions_by_id() -> dict[str, IndexQuestion]:
    return {q.id: q for area in index_areas() for q in area.questions}


def index_area(key: str) -> IndexArea | None:
    return _areas_by_key().get(key)


def index_question(question_id: str) -> IndexQuestion | None:
    return _questions_by_id().get(question_id)


def area_title(key: str) -> str:
    area = index_area(key)
    return area.title if area else key


def area_choices() -> list[tuple[str, str]]:
    return [(area.key, area.title) for area in index_areas()]


def question_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped by area, for a select with optgroups."""
    return [(area.title, [(q.id, f"{q.id} · {q.text}") for q in area.questions]) for area in index_areas()]
