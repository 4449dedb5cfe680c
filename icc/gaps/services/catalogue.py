"""The indicator catalogue updated from its file (icc/gaps/indicators.json), with history."""

from pathlib import Path
from typing import Any

from django.db import transaction

from icc.core.history import reason, record_change
from icc.core.public_version import public_content_changed
from icc.gaps.catalogue import CATALOGUE_FILE, CatalogueResult, catalogue_apply, catalogue_entries
from icc.gaps.models import Indicator


def indicators_load(*, by: Any = None, path: Path = CATALOGUE_FILE) -> CatalogueResult:
    """Create or update the catalogue's indicators from the file (idempotent); an indicator the file no
    longer has is kept, with its data, and marked not in use."""
    entries = catalogue_entries(path)
    why = reason("gaps.catalogue")
    with transaction.atomic():
        result = catalogue_apply(Indicator, entries, record=lambda obj: record_change(obj, by=by, reason=why))
        if result.created or result.updated or result.retired:
            public_content_changed()  # published gaps show the indicators' names
    return result
