"""Import of other costs from CSV/XLSX: a dry run names every bad row; the import is all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from icc.funding.imports import other_costs_import
from icc.funding.models import OtherCost

pytestmark = pytest.mark.django_db

GOOD = (
    "category,date,amount,note\n"
    "translation,2025-03-04,1250.50,Brochure\n"
    'Traduction et interprétation,2025-04-01,"300,00",\n'
)
BAD = "category,date,amount\ntranslation,04/03/2025,12\ncatering,2025-03-04,-5\nit,2025-05-01,700\n"


def test_a_dry_run_checks_every_row_and_writes_nothing(alice):
    result = other_costs_import(
        content=GOOD.encode(), extension="csv", filename="costs.csv", by=alice, apply=False
    )
    assert result.problems == []
    assert [str(cost.amount) for cost in result.costs] == ["1250.50", "300.00"]
    assert result.costs[1].category == "translation"  # the French label is understood
    assert not OtherCost.objects.exists()


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(alice):
    result = other_costs_import(
        content=BAD.encode(), extension="csv", filename="costs.csv", by=alice, apply=True
    )
    assert {(p.row, p.column) for p in result.problems} == {(2, "date"), (3, "category"), (3, "amount")}
    assert not result.written
    assert not OtherCost.objects.exists()


def test_an_xlsx_file_is_imported_whole_with_its_history(alice):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Category", "Date", "Amount"])
    sheet.append(["it", "2026-02-01", 4200])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = other_costs_import(
        content=buffer.getvalue(), extension="xlsx", filename="costs.xlsx", by=alice, apply=True
    )
    assert result.written
    cost = OtherCost.objects.get()
    assert (cost.category, str(cost.amount)) == ("it", "4200.00")
    assert cost.history.get().history_change_reason == "funding.imported?words=costs.xlsx"


def test_the_import_page_shows_the_dry_run_then_imports(as_alice):
    upload = SimpleUploadedFile("costs.csv", GOOD.encode(), content_type="text/csv")
    page = as_alice.post("/funding/costs/import/", {"file": upload, "dry_run": "on"}).content.decode()
    assert "2 costs are ready to import, 1,550.50 EUR in all." in page
    upload = SimpleUploadedFile("costs.csv", GOOD.encode(), content_type="text/csv")
    response = as_alice.post("/funding/costs/import/", {"file": upload})
    assert response.status_code == 302
    assert OtherCost.objects.count() == 2
