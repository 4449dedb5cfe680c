"""The licence of everything the platform publishes for reuse: open data files, their data package,
the questionnaire versions in the interchange format. Defined once, here, below every app, so that the
Index (questionnaire downloads) and the public site (open data) state the same licence and publisher.

A network other than the Council of Europe's changes `PUBLISHER`."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

LICENCE_ID = "CC-BY-4.0"  # SPDX identifier
LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_TITLE = "Creative Commons Attribution 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "Council of Europe, Intercultural Cities programme"


def publisher_name() -> str:
    """The publisher as a reader names it, in the active language (`PUBLISHER` stays the identifier)."""
    if PUBLISHER == "Council of Europe, Intercultural Cities programme":
        return gettext("Council of Europe, Intercultural Cities programme")
    return PUBLISHER


def attribution(dataset: str) -> str:
    """The credit line to give when reusing a data set, in the active language: pages and spreadsheets
    speak their reader's; machine formats (JSON, the data package) build it in English."""
    return gettext("%(dataset)s. %(publisher)s. Licensed under CC BY 4.0 (%(url)s).") % {
        "dataset": dataset,
        "publisher": publisher_name(),
        "url": LICENCE_URL,
    }


def licence_document(dataset: str) -> dict[str, str]:
    """The `licence` key of a JSON download: a machine format, in English whatever the address."""
    with translation.override("en"):
        return {
            "id": LICENCE_ID,
            "name": LICENCE_NAME,
            "url": LICENCE_URL,
            "publisher": PUBLISHER,
            "attribution": attribution(dataset),
        }
