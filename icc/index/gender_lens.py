"""The gender lens of the Index (issue 18): the group `gender_lens` that a questionnaire version may
declare, scored over its questions spread across the areas (icc/index/questionnaires/README.md).

A version without the group has no gender-lens score at all: the key is absent from its scores, so pages,
reports and open data say "not in this version" and never show 0 for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from icc.index.models import localized
from icc.index.structure import Structure

GENDER_LENS = "gender_lens"
INTERCULTURAL_LENS = "intercultural_lens"


def gender_lens_questions(structure: Structure) -> tuple[str, ...]:
    """The ids of the version's gender-lens questions, in the version's order; () when it has none."""
    group = next((g for g in structure.parsed.groups if g.id == GENDER_LENS), None)
    return group.questions if group is not None else ()


def gender_lens_title(structure: Structure) -> str:
    group = next((g for g in structure.parsed.groups if g.id == GENDER_LENS), None)
    return (localized(group.title) if group is not None else "") or ""


def has_gender_lens(entry: Mapping[str, Any]) -> bool:
    """Whether a city's stored scores (an entry of a scores document) come from a version with a gender
    lens."""
    return GENDER_LENS in (entry.get("groups") or {})
