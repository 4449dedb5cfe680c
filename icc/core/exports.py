"""Spreadsheet downloads (CSV and XLSX) that are safe to open in Excel or LibreOffice.

A cell whose text starts with = + - @ or a tab or carriage return is run as a formula by spreadsheet
programs ("CSV injection"): a city named ``=HYPERLINK("http://evil", "Click")`` would become a live link
in the secretariat's copy of the register. Every cell goes through `safe_cell`, which keeps numbers
as numbers and prefixes such text with an apostrophe so that it shows as text.

The guard round-trips: `cell_text`, the one reader of a cell for every import, removes the apostrophe
where it recognises the guard, and the writer guards a text that already starts with an apostrophe and
a trigger, so that exporting and importing a file unchanged gives back exactly what was exported.

Numbers: a float is written with 15 significant digits, the precision spreadsheet programs keep. Both
formats then hold the same value (openpyxl writes 16 digits, Python's CSV writer 17: the last digit
differed between the two files of one download).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"
SIGNIFICANT_DIGITS = 15
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIN_COLUMN_WIDTH = 8
MAX_COLUMN_WIDTH = 50

Cell = str | int | float | Decimal | datetime.date | None


def safe_cell(value: Any) -> Cell:
    """The value as a spreadsheet may hold it, with text that would run as a formula neutralised."""
    if value is None or isinstance(value, bool):
        # A bool is an int to Python; spreadsheets read "yes"/"no" better than TRUE/1.
        return None if value is None else ("yes" if value else "no")
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, int | Decimal | datetime.date):
        return value
    text = force_str(value) if isinstance(value, Promise) else str(value)
    if _needs_guard(text):
        return FORMULA_GUARD + text
    return text


def _needs_guard(text: str) -> bool:
    # Text that a spreadsheet would run, or text that looks guarded already: guarding the latter too keeps
    # the guard reversible ("'-x" is written "''-x" and read back as "'-x").
    return text.lstrip(FORMULA_GUARD).startswith(FORMULA_TRIGGERS)


def unguard(text: str) -> str:
    """Text as it was before `safe_cell` guarded it: the reading side of the formula guard."""
    return text[1:] if text.startswith(FORMULA_GUARD) and _needs_guard(text[1:]) else text


def cell_text(value: Any, *, number_format: str = "") -> str:
    """A spreadsheet cell (CSV text or an XLSX value) as the text an import reads: the formula guard
    removed, dates as YYYY-MM-DD, numbers without a spurious ".0" or float noise, booleans as yes/no.
    `number_format` is the XLSX cell's format: a cell shown as 12.5 % holds 0.125 and reads as 12.5."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if "%" in (number_format or ""):
            value *= 100
        value = round(value, 9)
        return str(int(value)) if value.is_integer() else repr(value)
    return unguard(str(value).strip())


def _disposition(filename: str) -> str:
    return content_disposition_header(as_attachment=True, filename=filename) or "attachment"


def csv_response(
    filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, delimiter: str = ","
) -> HttpResponse:
    """A CSV download in UTF-8 with a byte-order mark, so that Excel reads accented names right."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(header) for header in headers])
    for row in rows:
        writer.writerow([_csv_text(safe_cell(value)) for value in row])
    return response


def _csv_text(value: Cell) -> Cell:
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value


# A further sheet of an XLSX download: (title, header row or None, rows).
Sheet = tuple[str, Sequence[Any] | None, Iterable[Sequence[Any]]]


def xlsx_response(
    filename: str,
    sheet_title: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    more_sheets: Sequence[Sheet] = (),
) -> HttpResponse:
    """An XLSX download: a sheet with a bold frozen header row, columns wide enough for their content,
    then `more_sheets` (a licence, statistics...) written the same way."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    _fill_sheet(sheet, sheet_title, headers, rows)
    for title, header, more_rows in more_sheets:
        _fill_sheet(workbook.create_sheet(), title, header, more_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response


def _fill_sheet(sheet: Any, title: str, headers: Sequence[Any] | None, rows: Iterable[Sequence[Any]]) -> None:
    sheet.title = _sheet_title(title)
    widths: list[int] = []
    if headers is not None:
        header_cells = [_xlsx_value(safe_cell(header)) for header in headers]
        sheet.append(header_cells)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        widths = [len(str(value or "")) for value in header_cells]
    for row in rows:
        values = [_xlsx_value(safe_cell(value)) for value in row]
        sheet.append(values)
        for index, value in enumerate(values):
            length = len(_shown(value))
            if index >= len(widths):
                widths.append(length)
            elif length > widths[index]:
                widths[index] = length
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width + 2, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH
        )


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, str):
        # Control characters are not allowed in XLSX and would make openpyxl refuse the whole file.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # XLSX has no time zones
    return value


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str) -> str:
    return _SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:31] or "Sheet1"
