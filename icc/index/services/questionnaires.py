"""Questionnaire versions as data: load them from interchange files (JSON or YAML), export them back.

A version is stored as its interchange document. Loading is idempotent (the same document changes
nothing) and refuses to change a version that a round uses: such a version is frozen, and a change
becomes a new version under a new id. Every problem of a file is reported at once, none is written.

Keys beyond the interchange format (docs/data-formats.md, "Questionnaire versions"):
- top level: `version_label` (text), `published` ("YYYY-MM-DD"), `comparable_with`
  ({other version id: {area of this version: area of the other version}});
- question: `help`, `evidence_prompt`, `recommendation` (texts), `show_if` ({question: an earlier
  choice question, in: [its option ids]}).
A text is a map of language code to text with at least English: {en: ..., fr: ...}.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from icc.accounts.models import User
from icc.index import scoring
from icc.index.files import DocumentError, load_document
from icc.index.models import Questionnaire

logger = logging.getLogger(__name__)

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "questionnaires"
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
QUESTION_TEXTS = ("help", "evidence_prompt", "recommendation")  # optional texts of a question
TOP_LEVEL_ORDER = ("id", "version_label", "title", "published", "comparable_with", "groups", "areas")


@dataclass(frozen=True)
class LoadResult:
    questionnaire: Questionnaire
    created: bool
    changed: bool

    @property
    def outcome(self) -> str:
        """created, updated or unchanged."""
        if self.created:
            return "created"
        return "updated" if self.changed else "unchanged"


# --------------------------------------------------------------------------------------------------
# Checksums and export


def canonical_json(document: Any) -> str:
    """The document as one canonical JSON text: sorted keys, no spaces. Raises ValueError/TypeError."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def document_sha256(document: Any) -> str:
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def questionnaire_export(questionnaire: Questionnaire) -> dict[str, Any]:
    """The interchange document of a version, as stored (with its top-level id), keys in reading order.

    Loading it back changes nothing."""
    stored = dict(questionnaire.document)
    stored["id"] = questionnaire.key
    ordered = {key: stored[key] for key in TOP_LEVEL_ORDER if key in stored}
    ordered.update((key, value) for key, value in stored.items() if key not in ordered)
    return ordered


# --------------------------------------------------------------------------------------------------
# Validation: the scoring engine's checks plus those of the keys the pages use


def _describe(value: Any) -> str:
    return scoring._describe(value)


def _text_problems(value: Any, what: str, *, required: bool) -> list[str]:
    """Problems of a text (a map of language code to text with at least English)."""
    if value is None:
        return [f"{what} is missing: give it as a map of languages, at least {{en: ...}}"] if required else []
    if not isinstance(value, Mapping):
        return [
            f"{what} must be a map of language code to text such as {{en: ..., fr: ...}}, "
            f"got {_describe(value)}"
        ]
    problems = []
    for language, text in value.items():
        if not isinstance(language, str) or not LANGUAGE_RE.match(language):
            problems.append(
                f"{what}: {json.dumps(language, default=str)} is not a language code (en, fr, pt-br)"
            )
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{what} in {language} must be a non-empty text, got {_describe(text)}")
    if "en" not in value:
        problems.append(f"{what} has no English version: add en")
    return problems


def _located(messages: Iterable[str], **where: str | None) -> list[str]:
    return [str(scoring.Problem(message, **where)) for message in messages]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _document_problems(document: Mapping[str, Any]) -> list[str]:
    """Problems of the keys the scoring engine leaves alone: texts, published, comparable_with.

    (The engine checks `show_if` itself, as it applies display conditions when scoring.)"""
    problems: list[str] = []
    key = document.get("id")
    if isinstance(key, str) and key and not KEY_RE.match(key):
        problems.append(
            f'the questionnaire "id" {json.dumps(key)} must be at most 60 lower-case letters, digits, '
            "hyphens or underscores, such as icc-2019"
        )
    problems += _text_problems(document.get("title"), "the questionnaire title", required=True)
    problems += _text_problems(document.get("version_label"), "version_label", required=False)
    published = document.get("published")
    if published is not None:
        try:
            datetime.date.fromisoformat(published if isinstance(published, str) else "?")
        except ValueError:
            problems.append(f"published must be a date written YYYY-MM-DD, got {_describe(published)}")
    for group in _as_list(document.get("groups")):
        if isinstance(group, Mapping):
            problems += _located(
                _text_problems(group.get("title"), "title", required=True), group=str(group.get("id"))
            )
    questions = [
        (question, area)
        for area in _as_list(document.get("areas"))
        if isinstance(area, Mapping)
        for question in _as_list(area.get("questions"))
        if isinstance(question, Mapping) and isinstance(question.get("id"), str)
    ]
    for area in _as_list(document.get("areas")):
        if isinstance(area, Mapping):
            problems += _located(
                _text_problems(area.get("title"), "title", required=True), area=str(area.get("id"))
            )
    for question, _area in questions:
        qid = question["id"]
        own = _text_problems(question.get("text"), "text", required=True)
        for text_key in QUESTION_TEXTS:
            own += _text_problems(question.get(text_key), text_key, required=False)
        for k, option in enumerate(_as_list(question.get("options")), start=1):
            if isinstance(option, Mapping):
                oid = option.get("id")
                label = f"option {json.dumps(oid, default=str)}" if oid else f"option #{k}"
                own += _text_problems(option.get("label"), f"{label}: label", required=True)
        problems += _located(own, question=qid)
    problems += _comparable_problems(document)
    return problems


def _comparable_problems(document: Mapping[str, Any]) -> list[str]:
    mapping = document.get("comparable_with")
    if mapping is None:
        return []
    if not isinstance(mapping, Mapping):
        return [
            "comparable_with must map another version's id to {area of this version: area of that version}, "
            f"got {_describe(mapping)}"
        ]
    own_areas = {a.get("id") for a in _as_list(document.get("areas")) if isinstance(a, Mapping)}
    problems = []
    for other_key, areas in mapping.items():
        where = f"comparable_with {json.dumps(other_key, default=str)}"
        if other_key == document.get("id"):
            problems.append(f"{where}: a version is not compared with itself")
            continue
        if not isinstance(areas, Mapping) or not areas:
            problems.append(
                f"{where} must map areas of this version to areas of that version, got {_describe(areas)}"
            )
            continue
        other = Questionnaire.objects.filter(key=other_key).only("document").first()
        other_areas = {a.get("id") for a in _as_list(other.document.get("areas"))} if other else None
        for own, theirs in areas.items():
            if own not in own_areas:
                problems.append(f"{where}: {json.dumps(own, default=str)} is not an area of this version")
            if not isinstance(theirs, str) or not theirs:
                problems.append(
                    f"{where}: area {json.dumps(own, default=str)} must map to an area id, "
                    f"got {_describe(theirs)}"
                )
            elif other_areas is not None and theirs not in other_areas:
                problems.append(f"{where}: {json.dumps(theirs)} is not an area of {other_key}")
    return problems


def questionnaire_problems(document: Any) -> list[str]:
    """Every problem of a questionnaire document, in words that name where and what to fix; [] if none."""
    if not isinstance(document, Mapping):
        return [
            f"the questionnaire must be an object (a map with id, title, areas...), got {_describe(document)}"
        ]
    problems: list[str] = []
    try:
        canonical_json(document)
    except (TypeError, ValueError) as exc:
        problems.append(f"the document holds something JSON cannot: {exc}")
    try:
        scoring.parse_questionnaire(document)
    except scoring.ScoringInputError as exc:
        problems += [str(p) for p in exc.problems]
    problems += _document_problems(document)
    return list(dict.fromkeys(problems))


# --------------------------------------------------------------------------------------------------
# Loading


def _refuse(problems: list[str], source: str | None = None) -> ValidationError:
    prefix = f"{source}: " if source else ""
    return ValidationError([prefix + p for p in problems], code="invalid")


@transaction.atomic
def questionnaire_load_document(
    *, document: Any, by: User | None = None, source: str | None = None
) -> LoadResult:
    """Create or update the version `document["id"]` from an interchange document (already parsed)."""
    if isinstance(document, Mapping) and "licence" in document:
        # The licence of a downloaded file (/index/questionnaires/<id>.json) is not part of the version:
        # loading the download back changes nothing.
        document = {key: value for key, value in document.items() if key != "licence"}
    problems = questionnaire_problems(document)
    if problems:
        raise _refuse(problems, source)
    document = json.loads(canonical_json(document))  # exactly what JSON keeps (and the database stores)
    key = document["id"]
    checksum = document_sha256(document)
    fields = {
        "document": document,
        "title": document.get("title") or {},
        "version_label": document.get("version_label") or {"en": key},
        "published": datetime.date.fromisoformat(document["published"])
        if document.get("published")
        else None,
        "source_sha256": checksum,
    }
    existing = Questionnaire.objects.select_for_update().filter(key=key).first()
    if existing is None:
        questionnaire = Questionnaire.objects.create(key=key, **fields)
        logger.info("questionnaire %s created by %s", key, by)
        return LoadResult(questionnaire, created=True, changed=True)
    if document_sha256(existing.document) == checksum:
        return LoadResult(existing, created=False, changed=False)
    using = existing.rounds.order_by("opens_on", "pk").first()
    if using is not None:
        raise _refuse(
            [f"version {key} is used by round {using.name} and frozen: save your change under a new id"],
            source,
        )
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.save()
    logger.info("questionnaire %s updated by %s", key, by)
    return LoadResult(existing, created=False, changed=True)


def questionnaire_load(*, path: Path, by: User | None = None) -> LoadResult:
    """Load one JSON or YAML file (see questionnaire_load_document); problems name the file."""
    try:
        document = load_document(Path(path))
    except DocumentError as exc:
        raise ValidationError(str(exc), code="unreadable") from exc
    return questionnaire_load_document(document=document, by=by, source=str(path))


@transaction.atomic
def questionnaire_load_files(
    *, paths: Iterable[Path], by: User | None = None
) -> list[tuple[Path, LoadResult]]:
    """Load several files all or nothing: if any is wrong, the problems of every file are raised and
    none is loaded."""
    results: list[tuple[Path, LoadResult]] = []
    problems: list[str] = []
    for path in paths:
        try:
            results.append((path, questionnaire_load(path=path, by=by)))
        except ValidationError as exc:
            problems += exc.messages
    if problems:
        raise ValidationError(problems, code="invalid")
    return results


def shipped_questionnaire_files() -> list[Path]:
    return sorted(SHIPPED_DIR.glob("*.yaml"))


def questionnaire_load_shipped(*, by: User | None = None) -> list[tuple[Path, LoadResult]]:
    """Load every version shipped in icc/index/questionnaires/ (all or nothing)."""
    return questionnaire_load_files(paths=shipped_questionnaire_files(), by=by)
