"""The one spreadsheet reader: a CSV or XLSX upload read into rows of text, for every import (the cities'
register, the gap tool's indicators, ...). Each import then checks the columns and rows it expects.

Encoding: CSV files must be UTF-8 (with or without a byte-order mark). Other encodings are refused with
a message saying how to save as "CSV UTF-8" rather than guessed: Windows-1252 decodes almost any bytes,
so a Polish (Windows-1250) or Ukrainian (Windows-1251) file would be imported with garbled names and no
warning. Cells are read by `icc.core.exports.cell_text`, which undoes the writer's formula guard, so a
downloaded file uploaded unchanged gives back what was downloaded.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from icc.core.exports import cell_text

MAX_IMPORT_ROWS = 5_000
# An XLSX is a ZIP archive: refuse one that would unpack to far more than any register could fill.
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024


@dataclass
class RawTable:
    header: list[str]  # normalised column names, "" where the first row has no name
    rows: list[tuple[int, list[str]]]  # (row number in the file, cell texts), blank rows left out


# Reading the file --------------------------------------------------------------------------------------


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _column_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lstrip("\ufeff").strip().casefold())


def read_table(content: bytes, extension: str) -> RawTable:
    """The file's rows as text. Raises a ValidationError on "file" when the file cannot be read at all."""
    if not content:
        raise _file_error(_("The file is empty. Choose a file with a header row and one row per city."))
    table = _read_xlsx(content) if extension == "xlsx" else _read_csv(content)
    if not any(table.header):
        raise _file_error(_("The first row must name the columns, e.g. name, country, population."))
    if len(table.rows) > MAX_IMPORT_ROWS:
        raise _file_error(
            _("The file has %(count)s rows; at most %(max)s can be imported at once. Split the file.")
            % {"count": len(table.rows), "max": MAX_IMPORT_ROWS}
        )
    return table


def _read_csv(content: bytes) -> RawTable:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise _file_error(
            _(
                "The file is not in UTF-8 (first unreadable character on line %(line)s), so accented "
                "names would be garbled. Save it as “CSV UTF-8”: in Excel, File › Save As › “CSV UTF-8 "
                "(Comma delimited)”; in LibreOffice, tick “Edit filter settings” and choose the "
                "character set “Unicode (UTF-8)”."
            )
            % {"line": line}
        ) from exc
    lines = text.splitlines()
    first = lines[0] if lines else ""
    if re.fullmatch(r"sep=.", first.strip(), flags=re.IGNORECASE):
        # Excel writes "sep=;" as a first line to say which delimiter the file uses.
        delimiter = first.strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        # Column names hold no commas or semicolons, so the header says which one separates them.
        delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells = [cell_text(cell) for cell in record]
            if number == 1:
                header = [_column_key(cell) for cell in cells]
            elif any(cells):
                rows.append((number, cells))
                if len(rows) > MAX_IMPORT_ROWS:
                    break
    except csv.Error as exc:
        raise _file_error(
            _("The file could not be read as CSV near row %(row)s (%(error)s). Check the quotes in that row.")
            % {"row": number + 1, "error": exc}
        ) from exc
    return RawTable(header=header, rows=rows)


def _read_xlsx(content: bytes) -> RawTable:
    from openpyxl import load_workbook

    unreadable = _(
        "The file could not be read as an XLSX workbook. Open it in your spreadsheet program and save "
        "it again as “Excel Workbook (.xlsx)”, or as “CSV UTF-8”."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _file_error(unreadable) from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _file_error(
            _("The workbook is too large once unpacked. Keep only the sheet of cities and save it again.")
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise _file_error(unreadable) from exc
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; without this, rows past it would be dropped silently.
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            texts = [_xlsx_text(cell) for cell in cells]
            if number == 1:
                header = [_column_key(text) for text in texts]
            elif any(texts):
                rows.append((number, texts))
                if len(rows) > MAX_IMPORT_ROWS:
                    break
    except Exception as exc:
        raise _file_error(unreadable) from exc
    finally:
        workbook.close()
    while header and not header[-1]:
        header.pop()
    return RawTable(header=header, rows=rows)


def _xlsx_text(cell: Any) -> str:
    return cell_text(cell.value, number_format=getattr(cell, "number_format", None) or "")
