"""The one spreadsheet writer (icc.core.exports) and its reading side: CSV and XLSX hold the same numbers,
and the formula guard comes back off in our own files."""

import csv
import io
import math
import random

import openpyxl
import pytest
from django.urls import reverse

from icc.core.exports import cell_text, csv_response, safe_cell, xlsx_response
from tests.conftest import client_for


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))


def _xlsx_rows(response, sheet: str | None = None) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in (workbook[sheet] if sheet else workbook.active).iter_rows(values_only=True)]


def _numbers_differ(csv_rows: list[list[str]], xlsx_rows: list[list]) -> list[tuple[int, int, str, float]]:
    differences = []
    for r, (csv_row, xlsx_row) in enumerate(zip(csv_rows, xlsx_rows, strict=True)):
        for c, (text, value) in enumerate(zip(csv_row, xlsx_row, strict=False)):
            if isinstance(value, int | float) and not isinstance(value, bool) and float(text) != value:
                differences.append((r, c, text, value))
    return differences


def test_every_number_of_an_xlsx_download_equals_the_csvs():
    rng = random.Random(0)
    rows = [
        [rng.random() * 100, rng.randint(1, 99) / rng.randint(1, 99) * 100, 1 / 3, 2 / 3 * 100]
        for _ in range(500)
    ]
    header = ["a", "b", "c", "d"]
    csv_rows = _csv_rows(csv_response("x.csv", header, rows))
    xlsx_rows = _xlsx_rows(xlsx_response("x.xlsx", "Data", header, rows))
    assert _numbers_differ(csv_rows, xlsx_rows) == []
    # 15 significant digits: what spreadsheet programs keep, and nothing a score needs is lost.
    assert all(
        math.isclose(float(text), value, rel_tol=1e-14)
        for row, values in zip(csv_rows[1:], rows, strict=True)
        for text, value in zip(row, values, strict=True)
    )


def test_the_open_data_xlsx_holds_the_numbers_of_the_csv(published):
    lyon, _porto = published
    anonymous = client_for(None)
    csv_rows = _csv_rows(anonymous.get(reverse("public:data_round_scores", args=[lyon.round_id, "csv"])))
    xlsx_rows = _xlsx_rows(
        anonymous.get(reverse("public:data_round_scores", args=[lyon.round_id, "xlsx"])), "Scores"
    )
    assert len(csv_rows) == len(xlsx_rows) > 1
    assert _numbers_differ(csv_rows, xlsx_rows) == []


@pytest.mark.parametrize(
    "text",
    [
        "-estimate by INSEE",
        '=HYPERLINK("http://evil")',
        "+33 4 72",
        "@cmd",
        "'-already guarded",
        "'plain",
        "Lyon",
    ],
)
def test_the_formula_guard_comes_off_when_our_files_are_read(text):
    assert safe_cell(text) != text or not text.startswith(("=", "+", "-", "@"))
    csv_rows = _csv_rows(csv_response("x.csv", ["t"], [[text]]))
    assert cell_text(csv_rows[1][0]) == text
    xlsx_rows = _xlsx_rows(xlsx_response("x.xlsx", "Data", ["t"], [[text]]))
    assert cell_text(xlsx_rows[1][0]) == text
