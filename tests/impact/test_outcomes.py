"""The outcome import: the template, the dry run that names every bad row and column with its fix, the
import of all rows or none, the replacement of a figure already recorded, the exports."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from icc.accounts.models import RoleKind
from icc.impact.models import OutcomeValue
from tests.conftest import client_for, grant
from tests.factories import UserFactory

HEADER = "city,year,outcome,value,unit,source,licence\n"
GOOD = HEADER + (
    "Lyon,2022,employment,64.1,% employed,INSEE,Licence Ouverte 2.0\n"
    "porto,2022,safety,41.5,crimes per 1000,INE,CC-BY-4.0\n"
)


def upload(client, text: str, name: str = "outcomes.csv"):
    content = text.encode() if isinstance(text, str) else text
    return client.post("/impact/outcomes/", {"file": SimpleUploadedFile(name, content)})


def review(client, text: str, name: str = "outcomes.csv") -> str:
    response = upload(client, text, name)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def test_a_good_file_is_checked_then_imported(as_alice, lyon, porto):
    url = review(as_alice, GOOD)
    page = as_alice.get(url)
    assert "The file is correct: 2 figures (2 new, 0 replacing recorded ones)" in page.text
    assert not OutcomeValue.objects.exists()  # the dry run writes nothing
    response = as_alice.post(url)
    assert response.status_code == 302
    assert "2 outcome figures imported (2 new, 0 replaced)" in as_alice.get(response["Location"]).text
    lyon_figure = OutcomeValue.objects.get(city=lyon)
    assert (lyon_figure.year, lyon_figure.kind, lyon_figure.value) == (2022, "employment", 64.1)
    assert lyon_figure.source == "INSEE" and lyon_figure.licence == "Licence Ouverte 2.0"
    assert lyon_figure.history.first().history_change_reason.startswith("impact.imported")


def test_every_bad_row_is_refused_by_row_and_column_and_nothing_is_written(as_alice, lyon):
    text = HEADER + (
        "Atlantis,2022,employment,1,u,s,l\n"
        "Lyon,20x2,employment,1,u,s,l\n"
        "Lyon,2022,happiness,1,u,s,l\n"
        "Lyon,2022,employment,lots,u,s,l\n"
        "Lyon,2021,employment,3,u,,\n"
        "Lyon,2020,safety,3,u,s,l\n"
        "lyon,2020,safety,4,u,s,l\n"
    )
    page = as_alice.get(review(as_alice, text))
    assert "nothing was written" in page.text
    assert "“Atlantis” is not a city of the register" in page.text
    assert "“20x2” is not a year" in page.text
    assert "“happiness” is not a known outcome. Use one of: safety, education" in page.text
    assert "“lots” is not a number" in page.text
    assert "The source is empty" in page.text and "The licence is empty" in page.text
    assert "Row 7 already gives safety of Lyon in 2020" in page.text
    assert "Import the figures" not in page.text
    assert not OutcomeValue.objects.exists()


def test_a_file_without_a_column_is_refused_naming_the_column(as_alice, lyon):
    page = as_alice.get(review(as_alice, "city,year,outcome,value\nLyon,2022,safety,3\n"))
    assert "The column “unit” is missing" in page.text
    assert "The column “licence” is missing" in page.text


def test_a_file_of_another_kind_is_refused_on_the_file_field(as_alice):
    response = upload(as_alice, b"%PDF-1.4 not a table", name="outcomes.pdf")
    assert response.status_code == 200
    assert "is not an accepted kind of file" in response.text


def test_an_xlsx_file_replaces_a_recorded_figure(as_alice, lyon):
    OutcomeValue.objects.create(
        city=lyon, year=2022, kind="employment", value=1, unit="u", source="s", licence="l"
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["city", "year", "outcome", "value", "unit", "source", "licence"])
    sheet.append(["lyon", 2022, "employment", 70.5, "%", "INSEE", "LO 2.0"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    url = review(as_alice, buffer.getvalue(), name="outcomes.xlsx")
    assert "1 figure (0 new, 1 replacing a recorded one)" in as_alice.get(url).text
    as_alice.post(url)
    assert OutcomeValue.objects.get(city=lyon, kind="employment").value == 70.5


def test_the_template_and_the_export_round_trip_through_the_import(as_alice, lyon, porto):
    template = as_alice.get("/impact/outcomes/template.csv")
    assert template.status_code == 200
    assert template.content.decode("utf-8-sig").startswith("city,year,outcome,value,unit,source,licence")
    as_alice.post(review(as_alice, GOOD))
    exported = as_alice.get("/impact/outcomes/export.csv").content.decode("utf-8-sig")
    assert "lyon,2022,employment,64.1" in exported
    url = review(as_alice, exported.replace("64.1", "65"))
    assert "0 new, 2 replacing" in as_alice.get(url).text
    xlsx = load_workbook(io.BytesIO(as_alice.get("/impact/outcomes/export.xlsx").content))
    assert xlsx.active.max_row == 3
    assert as_alice.get("/impact/outcomes/export.pdf").status_code == 404


def test_someone_elses_staged_file_is_not_found(as_alice, alice, lyon):
    url = review(as_alice, GOOD)
    other = UserFactory(email="another@example.org")
    grant(other, RoleKind.SECRETARIAT)
    assert client_for(other).get(url).status_code == 404
