"""The checklist document format (icc/policytools/data/*.yaml; docs/policytools.md describes it) and its
validation. Pure: no Django. Modelled on the Index questionnaire files: stable ids, texts as language maps,
graded answers with points.

```yaml
id: housing-2026            # the version's identifier (slug), unique
field: housing              # the policy field; versions of one field are compared for progress
audience: city              # city | business
field_title: {en: Housing, fr: Logement}
title: {en: ..., fr: ...}
version_label: {en: Housing 2026, fr: Logement 2026}
published: "2026-01-15"     # quoted; a version without it is not offered
grades:                     # points 0..top, a label per grade (a question may override them)
  - {points: 0, label: {en: Not in place, fr: ...}}
sections:
  - id: housing.allocation
    title: {en: ..., fr: ...}
    questions:
      - id: housing.allocation.mixed_allocation
        text: {en: ..., fr: ...}
        weight: 2            # > 0, default 1
        gender: true         # part of the gender-equality dimension
        index_questions: [neighbourhoods.housing_mix]   # Index question ids
        index_areas: [neighbourhoods]                    # Index area ids: practices suggested from them
        practices: []        # ids of practices (optional)
        recommendation: {en: ..., fr: ...}
```
Every checklist must have at least one gender question: the gender dimension is part of each.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

LANGUAGES = ("en", "fr")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
AUDIENCES = ("city", "business")


class ChecklistFormatError(ValueError):
    """A checklist file that cannot be loaded; the message names where and how to fix it."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors))


def _texts(value: Any, where: str, errors: list[str], *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, dict):
        errors.append(f"{where}: give a map of texts per language, e.g. {{en: ..., fr: ...}}.")
        return
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            errors.append(
                f"{where}: the text in '{language}' is missing (quote it if YAML reads it otherwise)."
            )
    for language, text in value.items():
        if language not in LANGUAGES and text is None:
            errors.append(f"{where}: '{language}' is not a language: quote a text that holds a comma.")


def _grades(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, list) or len(value) < 2:
        errors.append(f"{where}: give at least two grades, each {{points: n, label: {{en: ..., fr: ...}}}}.")
        return
    seen: set[int] = set()
    for n, grade in enumerate(value):
        spot = f"{where}[{n}]"
        if not isinstance(grade, dict) or not isinstance(grade.get("points"), int) or grade["points"] < 0:
            errors.append(f"{spot}: 'points' must be a whole number of 0 or more.")
            continue
        if grade["points"] in seen:
            errors.append(f"{spot}: the points {grade['points']} are given twice.")
        seen.add(grade["points"])
        _texts(grade.get("label"), f"{spot}.label", errors)


def _ids(value: Any, where: str, errors: list[str], kind: type = str) -> None:
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(item, kind) for item in value):
        errors.append(f"{where}: give a list of {'ids' if kind is str else 'numbers'}.")


def validate(document: Any, *, known_index_questions: Iterable[str] | None = None) -> dict[str, Any]:
    """The document if it is a valid checklist; else ChecklistFormatError listing every problem.
    `known_index_questions`: when given, links to Index questions must name one of them."""
    errors: list[str] = []
    if not isinstance(document, dict):
        raise ChecklistFormatError(["The file must hold one checklist (a map with id, title, sections...)."])
    key = document.get("id")
    if not isinstance(key, str) or not ID_PATTERN.match(key):
        errors.append("id: give the version's identifier in lower case letters, digits, '-', '_' or '.'.")
    if not isinstance(document.get("field"), str) or not ID_PATTERN.match(document.get("field") or ""):
        errors.append("field: give the policy field's identifier, e.g. housing.")
    if document.get("audience", "city") not in AUDIENCES:
        errors.append(f"audience: write one of {', '.join(AUDIENCES)}.")
    for name in ("title", "version_label", "field_title"):
        _texts(document.get(name), name, errors)
    published = document.get("published")
    if published is not None:
        try:
            datetime.date.fromisoformat(str(published))
        except ValueError:
            errors.append(f'published: write the date as "YYYY-MM-DD" (in quotes), not {published!r}.')
    if "grades" in document:
        _grades(document["grades"], "grades", errors)
    known = set(known_index_questions) if known_index_questions is not None else None
    sections = document.get("sections")
    if not isinstance(sections, list) or not sections:
        errors.append("sections: give at least one section with its questions.")
        sections = []
    question_ids: set[str] = set()
    section_ids: set[str] = set()
    gender = 0
    for s, section in enumerate(sections):
        where = f"sections[{s}]"
        if not isinstance(section, dict):
            errors.append(f"{where}: a section is a map with id, title and questions.")
            continue
        sid = section.get("id")
        if not isinstance(sid, str) or not ID_PATTERN.match(sid):
            errors.append(f"{where}.id: give the section's identifier.")
        elif sid in section_ids:
            errors.append(f"{where}.id: '{sid}' is used twice.")
        else:
            section_ids.add(sid)
            where = f"section {sid}"
        _texts(section.get("title"), f"{where}.title", errors)
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            errors.append(f"{where}.questions: give at least one question.")
            continue
        for q, question in enumerate(questions):
            spot = f"{where}.questions[{q}]"
            if not isinstance(question, dict):
                errors.append(f"{spot}: a question is a map with id, text and weight.")
                continue
            qid = question.get("id")
            if not isinstance(qid, str) or not ID_PATTERN.match(qid):
                errors.append(f"{spot}.id: give the question's identifier.")
            elif qid in question_ids:
                errors.append(f"{spot}.id: '{qid}' is used twice.")
            else:
                question_ids.add(qid)
                spot = f"question {qid}"
            _texts(question.get("text"), f"{spot}.text", errors)
            _texts(question.get("recommendation"), f"{spot}.recommendation", errors, required=False)
            weight = question.get("weight", 1)
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
                errors.append(f"{spot}.weight: give a number above 0 (default 1).")
            if "grades" in question:
                _grades(question["grades"], f"{spot}.grades", errors)
            elif "grades" not in document:
                errors.append(f"{spot}: no grades; give 'grades' for the checklist or for this question.")
            if not isinstance(question.get("gender", False), bool):
                errors.append(f"{spot}.gender: write true or false.")
            gender += bool(question.get("gender"))
            _ids(question.get("index_questions"), f"{spot}.index_questions", errors)
            _ids(question.get("index_areas"), f"{spot}.index_areas", errors)
            _ids(question.get("practices"), f"{spot}.practices", errors, kind=int)
            if known is not None:
                for link in question.get("index_questions") or []:
                    if isinstance(link, str) and link not in known:
                        errors.append(f"{spot}.index_questions: '{link}' is not a question of the Index.")
    if sections and not gender:
        errors.append("sections: flag at least one question 'gender: true' (the gender-equality dimension).")
    if errors:
        raise ChecklistFormatError(errors)
    return document


def questions_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for section in document.get("sections", []) for q in section.get("questions", [])]
