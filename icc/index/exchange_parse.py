"""Reading interchange documents for the offline command, fast on large JSON files. No Django here.

The same documents and the same errors as `icc.index.files.load_document`, which refuses a key given
twice in one JSON object by comparing every key with every other (quadratic in an object's size: most
of the time of reading a 10,000-city responses file, whose answers objects have 90 keys). Here a
dict is built from each object's pairs and compared in length with them, and only an object that has
lost a key is handed to the shared check, which names the duplicate keys with the usual message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from icc.index import files
from icc.index.files import DocumentError


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        files._reject_duplicate_keys(pairs)  # raises DocumentError naming the keys
    return obj


def parse_json(text: str) -> Any:
    """Parse JSON text; raise DocumentError (without a file name), as `files.parse_document` does."""
    try:
        return json.loads(text, object_pairs_hook=_object)
    except ValueError as exc:
        raise DocumentError(f"not valid JSON: {exc}") from exc


def load_document(path: Path) -> Any:
    """Read a JSON or YAML document (YAML by the .yaml/.yml suffix); raise DocumentError naming the file."""
    if files.is_yaml(path):
        return files.load_document(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: cannot read it ({exc})") from exc
    try:
        return parse_json(text)
    except DocumentError as exc:
        raise DocumentError(f"{path}: {exc}") from exc
