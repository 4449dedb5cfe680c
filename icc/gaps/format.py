"""Reading the gap interchange format (../shared/docs/gap-format.md): rows in, checked `GapRow`s out.

Pure: no Django. `read_gap_csv` reads a CSV text (the offline command `icc gaps compute`);
`validate_gap_rows` applies the same checks to rows that a spreadsheet reader already split into cells
(the platform's import reads CSV/XLSX with icc.network.services.imports.read_table, then calls it).

A bad file is refused whole: `GapFormatError.problems` lists every problem found, each with the row
(the file's row number, the header being row 1), the column and a message that says what is wrong and
how to fix it. Each problem also has a stable `code` and `params`, so that the platform can show the
message in the reader's language. See docs/gaps-format-notes.md for the checks the contract leaves open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COLUMNS = ("city", "indicator", "polarity", "period", "group", "role", "numerator", "denominator")
ROLES = ("reference", "focal")


@dataclass(frozen=True)
class GapRow:
    """One checked row of the format: a group's count for an indicator in a city and period."""

    city: str
    indicator: str
    polarity: int  # 1 when a higher rate is better, -1 when a lower rate is better
    period: str
    group: str
    role: str  # "reference" | "focal"
    numerator: int
    denominator: int
    line: int  # the file's row number (the header is row 1)

    @property
    def key(self) -> tuple[str, str, str]:
        """(city, indicator, period): the rows that share one reference group."""
        return (self.city, self.indicator, self.period)


@dataclass(frozen=True)
class FormatProblem:
    """What is wrong with one cell, row or the whole file (row and column None when they do not apply).

    `message` is English and says what is wrong and the fix; `code` names the kind of problem and
    `params` holds the values the message quotes, for translation.
    """

    row: int | None
    column: str | None
    message: str
    code: str = ""
    params: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return (", ".join(where) + ": " if where else "") + self.message


class GapFormatError(ValueError):
    """The file is refused; `problems` holds every problem found, in row order."""

    def __init__(self, problems: list[FormatProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def read_gap_csv(text: str) -> list[GapRow]:
    """The rows of a CSV text (UTF-8 decoded; a byte-order mark is tolerated; header row first).

    Raises GapFormatError listing every problem when the file is not valid.
    """
    raise NotImplementedError


def validate_gap_rows(
    header: list[str], rows: list[list[str | int | float | None]], first_row: int = 2
) -> list[GapRow]:
    """Check rows already split into cells (as a spreadsheet reader gives them) and return them.

    `first_row` is the file's row number of rows[0]. Raises GapFormatError listing every problem.
    """
    raise NotImplementedError
