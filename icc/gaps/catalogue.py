"""The indicator catalogue is data: icc/gaps/indicators.json, loaded by the migration 0002 and updated by
`icc gaps load-indicators` (idempotent: an indicator is found by its key, changed only where the file
differs, and never deleted: one left out of the file is marked not in use, its data kept)."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CATALOGUE_FILE = Path(__file__).with_name("indicators.json")
TRANSLATED = ("name", "unit", "definition")
LANGUAGES = ("en", "fr")


def catalogue_entries(path: Path = CATALOGUE_FILE) -> list[dict[str, Any]]:
    """The catalogue's indicators as model field values, in the file's order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sources = data["sources"]
    entries = []
    for order, item in enumerate(data["indicators"], start=1):
        values: dict[str, Any] = {
            "domain": item["domain"],
            "polarity": int(item["polarity"]),
            "source": sources.get(item["source"], item["source"]),
            "order": order,
            "is_active": True,
        }
        for name in TRANSLATED:
            for language in LANGUAGES:
                values[f"{name}_{language}"] = item[f"{name}_{language}"]
            values[name] = item[f"{name}_en"]
        entries.append({"key": item["key"], "values": values})
    return entries


@dataclass(frozen=True)
class CatalogueResult:
    created: list[str]
    updated: list[str]
    retired: list[str]


def catalogue_apply(
    indicator_model: Any, entries: list[dict[str, Any]], *, record: Any = None
) -> CatalogueResult:
    """Create or update the catalogue's indicators in `indicator_model` (the model, or the migration's
    historical model). `record(obj)` marks each save for the history (the services pass who and why)."""
    existing = {indicator.key: indicator for indicator in indicator_model.objects.all()}
    created, updated = [], []
    for entry in entries:
        indicator = existing.get(entry["key"])
        if indicator is None:
            indicator = indicator_model(key=entry["key"], **entry["values"])
            created.append(entry["key"])
        elif any(getattr(indicator, name) != value for name, value in entry["values"].items()):
            for name, value in entry["values"].items():
                setattr(indicator, name, value)
            updated.append(entry["key"])
        else:
            continue
        if record is not None:
            record(indicator)
        indicator.save()
    keys = {entry["key"] for entry in entries}
    retired = []
    for key, indicator in existing.items():
        if key not in keys and indicator.is_active:
            indicator.is_active = False
            if record is not None:
                record(indicator)
            indicator.save()
            retired.append(key)
    return CatalogueResult(created=created, updated=updated, retired=retired)
