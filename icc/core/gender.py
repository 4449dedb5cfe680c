"""Gender balance, counted one way for every set of people (experts, event participants, cluster members,
policy lab cohorts, report authors), so that every page, export and the programme dashboard agree. No Django:
tested with plain data.

Gender is optional and self-declared: a person's value is one of `GENDERS` ("" = not stated). Anyone but the
secretariat sees it only in aggregate, and an aggregate never singles a person out:

- a count under 5 people is shown "<5" (zero included, so that "<5" does not tell 0 from 4);
- no share is computed from fewer than 10 people, nor when the women or the other people are fewer than 5
  (a share of 12 people with 2 women would tell the suppressed count back: 16.7 % x 12 = 2).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

WOMAN = "woman"
MAN = "man"
ANOTHER = "another"
NOT_GIVEN = "not_given"  # the person chose not to say
NOT_STATED = ""  # the person was never asked or left it empty
GENDERS = (WOMAN, MAN, ANOTHER, NOT_GIVEN, NOT_STATED)

SMALL_CELL = 5  # a count under this is shown "<5"
MIN_FOR_SHARE = 10  # no share from fewer people than this
SUPPRESSED = "<5"


@dataclass(frozen=True)
class GenderCell:
    """How many people of a set declared one gender."""

    gender: str
    count: int

    @property
    def suppressed(self) -> bool:
        return self.count < SMALL_CELL

    @property
    def shown(self) -> str:
        """The count as a page or an export shows it: "<5" for fewer than 5 people."""
        return SUPPRESSED if self.suppressed else str(self.count)


@dataclass(frozen=True)
class GenderBalance:
    """The gender balance of one set of people: a cell per gender (every gender listed, not stated last)."""

    cells: tuple[GenderCell, ...]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    def count(self, gender: str) -> int:
        return next((cell.count for cell in self.cells if cell.gender == gender), 0)

    def shown(self, gender: str) -> str:
        return GenderCell(gender, self.count(gender)).shown

    def share(self, gender: str) -> float | None:
        """The share of people of `gender` in percent (one decimal), or None when it would single people out:
        fewer than 10 people in all, or fewer than 5 of that gender or of the rest."""
        total = self.total
        people = self.count(gender)
        if total < MIN_FOR_SHARE or people < SMALL_CELL or total - people < SMALL_CELL:
            return None
        return round(100.0 * people / total, 1)

    @property
    def women_share(self) -> float | None:
        return self.share(WOMAN)

    @property
    def men_share(self) -> float | None:
        return self.share(MAN)

    def meets(self, minimum_share: float) -> bool | None:
        """Whether women and men each make at least `minimum_share` percent of the set (a target such as
        "at least 40 % of each"); None when the shares cannot be shown."""
        women, men = self.women_share, self.men_share
        if women is None or men is None:
            return None
        return women >= minimum_share and men >= minimum_share

    def as_row(self, prefix: str = "") -> dict[str, str]:
        """The balance as export columns (CSV/XLSX/JSON): shown counts and shares ("" when not shown)."""
        row = {f"{prefix}{cell.gender or 'not_stated'}": cell.shown for cell in self.cells}
        row[f"{prefix}total"] = str(self.total) if self.total >= SMALL_CELL else SUPPRESSED
        for name, value in (("women_share", self.women_share), ("men_share", self.men_share)):
            row[f"{prefix}{name}"] = "" if value is None else f"{value:.1f}"
        return row


def gender_balance(genders: Iterable[str | None]) -> GenderBalance:
    """The balance of a set of people from each one's self-declared gender (None or an unknown value counts
    as not stated). Pass one value per person: the caller removes duplicates (a person at two sessions)."""
    counts = Counter(value if value in GENDERS else NOT_STATED for value in genders)
    return GenderBalance(cells=tuple(GenderCell(gender, counts.get(gender, 0)) for gender in GENDERS))
