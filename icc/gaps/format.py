"""Reading the gap interchange format (../shared/docs/gap-format.md): rows in, checked `GapRow`s out.

Pure: no Django. `read_gap_csv` reads a CSV text (the offline command `icc gaps compute`);
`validate_gap_rows` applies the same checks to rows that a spreadsheet reader already split into cells
(the platform's import reads CSV/XLSX with icc.core.spreadsheets.read_table, then calls it).

A bad file is refused whole: `GapFormatError.problems` lists every problem found, each with the row
(the file's row number, the header being row 1), the column and a message that says what is wrong and
how to fix it. Each problem also has a stable `code` and `params`, so that the platform can show the
message in the reader's language. See docs/gaps-format-notes.md for the checks the contract leaves open.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
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


Cell = str | int | float | None


def read_gap_csv(text: str) -> list[GapRow]:
    """The rows of a CSV text (UTF-8 decoded; a byte-order mark is tolerated; header row first).

    The separator is a comma, or the semicolon or tab that the header row uses (spreadsheets set to
    French or German save CSV with semicolons). Raises GapFormatError listing every problem.
    """
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not table or not any(cell.strip() for cell in table[0]):
        raise GapFormatError([_empty_file()])
    header, *rows = table
    return validate_gap_rows(header, list(rows), first_row=2)


def validate_gap_rows(
    header: Sequence[str | None], rows: Sequence[Sequence[Cell]], first_row: int = 2
) -> list[GapRow]:
    """Check rows already split into cells (as a spreadsheet reader gives them) and return them.

    `first_row` is the file's row number of rows[0] (the header is row first_row - 1). Entirely
    empty rows are skipped but keep their numbers. Raises GapFormatError listing every problem.
    """
    problems = _check_header(header, first_row - 1)
    if problems:
        raise GapFormatError(problems)
    position = {_column_name(name): index for index, name in enumerate(header) if _column_name(name)}
    checked: list[GapRow] = []
    seen = False
    for offset, cells in enumerate(rows):
        line = first_row + offset
        if all(_text(cell) == "" for cell in cells):
            continue
        seen = True
        row, row_problems = _check_row(cells, position, line)
        problems += row_problems
        if row is not None:
            checked.append(row)
    if not seen:
        raise GapFormatError([_empty_file()])
    problems += _check_file(checked)
    if problems:
        problems.sort(key=lambda problem: (problem.row or 0, _column_order(problem.column)))
        raise GapFormatError(problems)
    return checked


def _empty_file() -> FormatProblem:
    return FormatProblem(
        None,
        None,
        "The file has no rows. Give a header row naming the columns "
        + ", ".join(COLUMNS)
        + ", then one row per group, indicator and period.",
        "empty_file",
    )


def _column_name(name: object) -> str:
    return _text(name).lower()


def _column_order(column: str | None) -> int:
    return COLUMNS.index(column) if column in COLUMNS else -1


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        # A spreadsheet gives 2024 as 2024.0: the period "2024", not "2024.0".
        return str(int(cell))
    return str(cell).strip()


def _check_header(header: Sequence[str | None], line: int) -> list[FormatProblem]:
    problems: list[FormatProblem] = []
    seen: set[str] = set()
    for raw in header:
        name = _column_name(raw)
        if not name:
            continue
        if name not in COLUMNS:
            problems.append(
                FormatProblem(
                    line,
                    _text(raw),
                    f"“{_text(raw)}” is not a column of the gap format. Rename it to one of "
                    + ", ".join(COLUMNS)
                    + ", or remove the column.",
                    "unknown_column",
                    {"column": _text(raw)},
                )
            )
        elif name in seen:
            problems.append(
                FormatProblem(
                    line,
                    name,
                    f"The column “{name}” appears twice. Keep one of them.",
                    "duplicate_column",
                    {"column": name},
                )
            )
        seen.add(name)
    for name in COLUMNS:
        if name not in seen:
            problems.append(
                FormatProblem(
                    line,
                    name,
                    f"The column “{name}” is missing. Add it to the header row (the gap format has the "
                    "columns " + ", ".join(COLUMNS) + ").",
                    "missing_column",
                    {"column": name},
                )
            )
    return problems


_INTEGER = re.compile(r"[+-]?\d+(\.0*)?")


def _integer(cell: Cell) -> int | None:
    """The cell as an integer, or None when it is not one (empty, text, a fraction, not finite)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if math.isfinite(cell) and cell.is_integer() else None
    text = _text(cell)
    if not _INTEGER.fullmatch(text):
        return None
    return int(text.split(".")[0])


def _check_row(
    cells: Sequence[Cell], position: dict[str, int], line: int
) -> tuple[GapRow | None, list[FormatProblem]]:
    problems: list[FormatProblem] = []

    def problem(at: str | None, message: str, code: str, **params: str) -> None:
        problems.append(FormatProblem(line, at, message, code, params))

    named = set(position.values())
    if any(_text(value) for index, value in enumerate(cells) if index not in named):
        problem(
            None,
            "The row has more cells than the header has columns (or a value under a column with no name). "
            "Remove the extra cells or quote text that holds the separator.",
            "extra_cells",
        )

    def cell(name: str) -> Cell:
        index = position[name]
        return cells[index] if index < len(cells) else None

    texts: dict[str, str] = {}
    for name in ("city", "indicator", "period", "group"):
        texts[name] = _text(cell(name))
        if not texts[name]:
            problem(name, f"The {name} is empty. Fill it in.", "required", column=name)

    polarity = _integer(cell("polarity"))
    if polarity not in (1, -1):
        problem(
            "polarity",
            f"The polarity “{_text(cell('polarity'))}” must be 1 (a higher rate is better) "
            "or -1 (a lower rate is better).",
            "polarity",
            value=_text(cell("polarity")),
        )

    role = _text(cell("role")).lower()
    if role not in ROLES:
        problem(
            "role",
            f"The role “{_text(cell('role'))}” must be “reference” (the group compared with, one per "
            "city, indicator and period) or “focal”.",
            "role",
            value=_text(cell("role")),
        )

    counts: dict[str, int] = {}
    for name in ("numerator", "denominator"):
        value = _integer(cell(name))
        shown = _text(cell(name))
        if value is None:
            problem(
                name,
                f"The {name} “{shown}” is not a whole number. Give a count of people, e.g. 812, "
                "without decimals or thousands separators.",
                "not_integer",
                column=name,
                value=shown,
            )
        elif value < 0:
            problem(
                name,
                f"The {name} {value} is negative. Give a count of people (0 or more).",
                "negative",
                column=name,
                value=shown,
            )
        else:
            counts[name] = value
    if counts.get("denominator") == 0:
        problem(
            "denominator",
            "The denominator is 0: a group of no people has no rate. Remove the row or give the "
            "group's size.",
            "zero_denominator",
        )
    elif len(counts) == 2 and counts["numerator"] > counts["denominator"]:
        problem(
            "numerator",
            f"The numerator {counts['numerator']} is above the denominator {counts['denominator']}. "
            "The numerator counts the people of the group with the outcome, so it cannot exceed the "
            "group's size: check both counts.",
            "numerator_above_denominator",
            numerator=str(counts["numerator"]),
            denominator=str(counts["denominator"]),
        )
    if role not in ROLES or not all(texts.values()):
        return None, problems
    # A row with bad counts or polarity still takes part in the checks across rows (its group and
    # role are known), so that one bad count does not also report its key's reference as missing.
    row = GapRow(
        city=texts["city"],
        indicator=texts["indicator"],
        polarity=polarity if polarity in (1, -1) else 0,
        period=texts["period"],
        group=texts["group"],
        role=role,
        numerator=counts.get("numerator", 0),
        denominator=counts.get("denominator", 0),
        line=line,
    )
    return row, problems


def _check_file(rows: list[GapRow]) -> list[FormatProblem]:
    """Checks across rows: one reference per key, each group once per key, one polarity per indicator."""
    problems: list[FormatProblem] = []
    polarity: dict[str, GapRow] = {}
    groups: dict[tuple[str, str, str], dict[str, GapRow]] = {}
    references: dict[tuple[str, str, str], GapRow] = {}
    first_row: dict[tuple[str, str, str], GapRow] = {}
    for row in rows:
        where = f"{row.city}, {row.indicator}, {row.period}"
        params = {"city": row.city, "indicator": row.indicator, "period": row.period, "group": row.group}
        first = polarity.setdefault(row.indicator, row) if row.polarity else row
        if first.polarity != row.polarity:
            problems.append(
                FormatProblem(
                    row.line,
                    "polarity",
                    f"The indicator “{row.indicator}” has the polarity {first.polarity} on row "
                    f"{first.line} and {row.polarity} here. An indicator is better either higher or "
                    "lower: give it the same polarity on every row.",
                    "polarity_differs",
                    {"indicator": row.indicator, "first_row": str(first.line)},
                )
            )
        first_row.setdefault(row.key, row)
        seen = groups.setdefault(row.key, {})
        if row.group in seen:
            earlier = seen[row.group]
            both = row.role != earlier.role
            problems.append(
                FormatProblem(
                    row.line,
                    "group",
                    f"The group “{row.group}” already has row {earlier.line} for {where}"
                    + (" as the " + earlier.role if both else "")
                    + ". A group has one row per city, indicator and period: "
                    "remove one of the rows or rename the group.",
                    "group_used_as_both" if both else "duplicate_group",
                    {**params, "first_row": str(earlier.line)},
                )
            )
            continue
        seen[row.group] = row
        if row.role == "reference":
            if row.key in references:
                earlier = references[row.key]
                problems.append(
                    FormatProblem(
                        row.line,
                        "role",
                        f"{where} already has a reference group, “{earlier.group}” on row "
                        f"{earlier.line}. Keep one reference group and mark the others “focal”.",
                        "second_reference",
                        {**params, "first_row": str(earlier.line), "reference": earlier.group},
                    )
                )
            else:
                references[row.key] = row
    for key, row in first_row.items():
        if key not in references:
            where = ", ".join(key)
            problems.append(
                FormatProblem(
                    row.line,
                    "role",
                    f"{where} has no reference group. Mark one group “reference” (the group the "
                    "others are compared with, e.g. native_born).",
                    "missing_reference",
                    {"city": key[0], "indicator": key[1], "period": key[2]},
                )
            )
    return problems
