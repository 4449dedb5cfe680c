"""One rule for finding and ordering names, the same on SQLite and PostgreSQL.

A search ignores case and accents ("malmo" finds "Malmö", "BALTI" finds "Bălți"), and lists sort in the
reader's order: letters compared without their accents first ("Bălți" after "Bagcilar", before
"Budapest"), then with them, so the order is stable. The databases cannot do either the same way (SQLite's
LIKE folds ASCII only; PostgreSQL's collations depend on how the server was built), so both are done in
Python on the few columns a search reads, and the database is only asked for the matching rows.
"""

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet

# Letters that Unicode does not decompose into a base letter and an accent, read as their base letter.
_BASE_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ß": "ss",
    }
)


def fold(text: str) -> str:
    """The text without case or accents, for comparing ("Łódź" -> "lodz", "Straße" -> "strasse")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_BASE_LETTERS)


def collation_key(text: str) -> tuple[str, str, str]:
    """Sort key for names in the reader's order: accents and case aside, then accents, then case."""
    return (fold(text), text.casefold(), text)


def sorted_by_name[T](items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """The items in collation order of their names."""
    return sorted(items, key=lambda item: collation_key(name(item) or ""))


def matches(q: str, *texts: str | None) -> bool:
    """Whether the search words all occur in one of the texts, case and accents aside."""
    words = fold(q).split()
    folded = [fold(text) for text in texts if text]
    return all(any(word in text for text in folded) for word in words)


def search[M: Model](queryset: QuerySet[M], q: str, fields: Iterable[str]) -> QuerySet[M]:
    """The rows of the queryset in which every word of the search occurs in one of the fields (case and
    accents aside). Reads the fields of the rows once and filters by primary key."""
    if not q.strip():
        return queryset
    names = list(fields)
    rows: Iterable[Any] = queryset.order_by().values_list("pk", *names)
    keep = [row[0] for row in rows if matches(q, *row[1:])]
    return queryset.filter(pk__in=keep)
