"""What free text may contain, checked once for every channel (forms, imports, the API).

PostgreSQL refuses NUL in text (HTTP 500), SQLite stores it, and an export/import round trip changes it;
other C0 control characters are invisible and break CSV, XLSX and PDF output. Names are shown on one line
in lists, addresses and reports, so they also refuse line breaks and the bidirectional controls that make
a name display in another order than it is stored ("Trojan Source").

`TimeStampedModel.clean_fields` applies these checks to every text field of every model (`full_clean`),
answers apply them through `icc.index.answers`, and the API's schemas through `api_text` / `api_name`.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# C0 control characters, except tab, line feed and carriage return (CRLF is how browsers send new lines).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Tab and line breaks: fine in a multi-line text, not in a one-line field.
LINE_BREAK = re.compile(r"[\t\n\r]")
# Left-to-right/right-to-left embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# The same rules as JSON Schema patterns, for the OpenAPI document.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
NAME_PATTERN = r"^[^\x00-\x1f\u202a-\u202e\u2066-\u2069]*$"

# Model fields holding a name or a title: one line, no bidirectional controls.
NAME_FIELDS = re.compile(r"^(name|full_name|title|label)(_[a-z]{2})?$")


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def text_problem(value: str, *, name: bool = False, multiline: bool = True) -> str | None:
    """Why `value` cannot be stored (a message for people), or None when it can."""
    found = CONTROL.search(value)
    if found:
        return _(
            "This text contains an invisible control character (%(code)s) at position %(position)s; "
            "remove it (typing the text again rather than pasting it removes it)."
        ) % {"code": _codepoint(found.group()), "position": found.start() + 1}
    if name or not multiline:
        found = LINE_BREAK.search(value)
        if found:
            return _(
                "Write this on one line: it contains a line break or a tab at position %(position)s."
            ) % {"position": found.start() + 1}
    if name:
        found = BIDI.search(value)
        if found:
            return _(
                "This name contains an invisible character that changes the direction of the text "
                "(%(code)s) at position %(position)s; remove it."
            ) % {"code": _codepoint(found.group()), "position": found.start() + 1}
    return None


def validate_text(value: Any) -> None:
    """A validator for multi-line text (answers, explanations, notes, comments)."""
    if isinstance(value, str) and (problem := text_problem(value)):
        raise ValidationError(problem, code="control_character")


def validate_line(value: Any) -> None:
    """A validator for one-line text (sources, positions, links)."""
    if isinstance(value, str) and (problem := text_problem(value, multiline=False)):
        raise ValidationError(problem, code="control_character")


def validate_name(value: Any) -> None:
    """A validator for names and titles: one line, no bidirectional controls."""
    if isinstance(value, str) and (problem := text_problem(value, name=True)):
        raise ValidationError(problem, code="control_character")


def json_text_problem(value: Any) -> str | None:
    """The first problem in any text inside a JSON value (answers, commentary, titles), or None."""
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, dict):
        items: Any = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple):
        items = value
    else:
        return None
    for item in items:
        if problem := json_text_problem(item):
            return problem
    return None


def model_text_errors(obj: models.Model, exclude: Any = None) -> dict[str, list[str]]:
    """The text problems of `obj`'s fields, keyed by field name (for `clean_fields`)."""
    excluded = set(exclude or ())
    errors: dict[str, list[str]] = {}
    for field in obj._meta.concrete_fields:
        if field.name in excluded or field.attname in excluded:
            continue
        value = getattr(obj, field.attname, None)
        if value is None:
            continue
        problem = None
        if isinstance(field, models.JSONField):
            problem = json_text_problem(value)
        elif isinstance(field, models.TextField) and isinstance(value, str):
            problem = text_problem(value)
        elif isinstance(field, models.CharField) and isinstance(value, str):
            problem = text_problem(value, name=bool(NAME_FIELDS.match(field.name)), multiline=False)
        if problem:
            errors[field.name] = [problem]
    return errors
