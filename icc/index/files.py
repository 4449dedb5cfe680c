"""Reading and writing interchange documents (JSON or YAML): one loader for the CLI, the commands and
the questionnaire service. No Django here: the offline CLI uses it too."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

YAML_SUFFIXES = (".yaml", ".yml")


class DocumentError(Exception):
    """A file that cannot be read, or is not valid JSON or YAML; the message names the file."""


# libyaml's parser when installed (about ten times faster on the shipped questionnaires); the resolver and
# constructor below are Python either way, so both read a file the same.
_SafeLoaderBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlainSafeLoader(_SafeLoaderBase):  # type: ignore[valid-type,misc]
    """YAML read as JSON would read it.

    - Without the YAML 1.1 booleans yes/no/on/off, so that option ids such as `yes` stay strings.
    - Without timestamps, so that `published: 2019-06-01` stays the string the interchange format uses.
    - Refusing a key given twice in one mapping (plain YAML silently keeps the last one).
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found the key {json.dumps(key, default=str)} twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


PlainSafeLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
PlainSafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):  # the common case, in linear time
        return result
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    raise DocumentError(f"duplicate keys {', '.join(json.dumps(k) for k in duplicates)} in one object")


def is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def parse_document(text: str, *, yaml_syntax: bool) -> Any:
    """Parse JSON or YAML text; raise DocumentError (without a file name) on failure."""
    try:
        if yaml_syntax:
            return yaml.load(text, Loader=PlainSafeLoader)  # noqa: S506 - a SafeLoader subclass
        return json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except (ValueError, yaml.YAMLError) as exc:
        raise DocumentError(f"not valid {'YAML' if yaml_syntax else 'JSON'}: {exc}") from exc


def load_document(path: Path) -> Any:
    """Read a JSON or YAML document (YAML by the .yaml/.yml suffix); raise DocumentError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: cannot read it ({exc})") from exc
    try:
        return parse_document(text, yaml_syntax=is_yaml(path))
    except DocumentError as exc:
        raise DocumentError(f"{path}: {exc}") from exc


def dump_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def dump_yaml(document: Any) -> str:
    """YAML that PlainSafeLoader reads back as the same document (strings such as `yes` get quoted)."""
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
