"""The licence of everything the platform publishes for reuse: open data files, their data package,
the questionnaire versions in the interchange format. Defined once, here, below every app, so that the
Index (questionnaire downloads) and the public site (open data) state the same licence and publisher.

A network other than the Council of Europe's changes `PUBLISHER`."""

from __future__ import annotations

LICENCE_ID = "CC-BY-4.0"  # SPDX identifier
LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_TITLE = "Creative Commons Attribution 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "Council of Europe, Intercultural Cities programme"


def attribution(dataset: str) -> str:
    """The credit line to give when reusing a file (English: it travels inside files and citations)."""
    return f"{dataset}. {PUBLISHER}. Licensed under CC BY 4.0 ({LICENCE_URL})."


def licence_document(dataset: str) -> dict[str, str]:
    """The `licence` key of a JSON download."""
    return {
        "id": LICENCE_ID,
        "name": LICENCE_NAME,
        "url": LICENCE_URL,
        "publisher": PUBLISHER,
        "attribution": attribution(dataset),
    }
