import csv
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from icc.accounts.models import RoleKind
from icc.core import spreadsheets
from icc.core.exports import safe_cell
from icc.core.history import reason_display
from icc.network.models import City, CityStatus
from icc.network.services import imports
from tests.conftest import client_for
from tests.factories import CityFactory, UserFactory, grant

DOCS = Path(__file__).resolve().parents[2] / "docs"

GOOD_CSV = (
    "name,name_fr,country,region,latitude,longitude,population,population_year,foreign_born_share,"
    "is_capital,status,member_since\n"
    "Mannheim,Mannheim,DE,Baden-Württemberg,49.48778,8.46611,315554,2022,27.5,no,member,2016-03-01\n"
    "Ljubljana,Ljubljana,Slovenia,,46.05108,14.50513,295504,2023,14,yes,candidate,\n"
    "Genève,Genève,Suisse,Genève,46.20222,6.14569,203856,2022,48.2,no,,\n"
)


def staged_names(token: str = "") -> list[str]:
    """The files of the register's imports waiting in the default storage (MEDIA_ROOT under tmp_path:
    tests/conftest.py), those of `token` if given."""
    folder = f"staging/{imports.STAGING_AREA}"
    if not default_storage.exists(folder):
        return []
    return sorted(name for name in default_storage.listdir(folder)[1] if name.startswith(token))


def age_staged(token: str, days: int) -> None:
    """Make the staged file look `days` old, as its description says (the time expiry reads)."""
    name = f"staging/{imports.STAGING_AREA}/{token}.json"
    with default_storage.open(name, "rb") as file:
        meta = json.loads(file.read())
    created = datetime.datetime.fromisoformat(meta["created"]) - datetime.timedelta(days=days)
    meta["created"] = created.isoformat()
    default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(meta).encode()))


@pytest.fixture(autouse=True)
def _jobs_run_at_once(monkeypatch):
    """Imports run as jobs queued after the commit; a test runs inside one transaction, so run what is
    queued at once, as a request outside any transaction does with the immediate task backend."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def upload(client, content: bytes | str, name: str = "cities.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post("/manage/register/import/", {"file": SimpleUploadedFile(name, data)})


def review_url(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def xlsx_bytes(rows: list[list], percent_cells: tuple[str, ...] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for ref in percent_cells:
        sheet[ref].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Import ------------------------------------------------------------------------------------------------


def test_it_imports_every_row_of_a_good_csv(as_alice, alice):
    url = review_url(upload(as_alice, GOOD_CSV))
    page = as_alice.get(url)
    assert page.status_code == 200
    assert "Import 3 cities" in page.text
    assert "Mannheim" in page.text and "Ljubljana" in page.text
    assert not City.objects.exists()  # the dry run writes nothing

    response = as_alice.post(url)
    assert response.status_code == 302
    assert "3 cities imported" in as_alice.get(response["Location"]).text
    mannheim = City.objects.get(name_en="Mannheim")
    assert mannheim.status == CityStatus.MEMBER
    assert mannheim.member_since == datetime.date(2016, 3, 1)
    assert mannheim.status_since == datetime.date(2016, 3, 1)
    assert mannheim.foreign_born_share == Decimal("27.50")
    assert mannheim.latitude == Decimal("49.48778")
    ljubljana = City.objects.get(name_en="Ljubljana")
    assert (ljubljana.country, ljubljana.is_capital, ljubljana.status) == ("SI", True, CityStatus.CANDIDATE)
    geneve = City.objects.get(country="CH")
    assert geneve.status == CityStatus.ENQUIRY
    assert geneve.slug == "geneve"
    record = mannheim.history.first()
    assert record.history_user == alice
    assert reason_display(record.history_change_reason) == "imported from cities.csv"


def test_the_staged_file_is_used_once_and_kept_outside_the_web_root(
    as_alice, django_capture_on_commit_callbacks
):
    url = review_url(upload(as_alice, GOOD_CSV))
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert staged_names(token) == [f"{token}.csv", f"{token}.json"]
    for address in (f"/media/staging/imports/{token}.csv", f"/staging/imports/{token}.csv"):
        assert as_alice.get(address, follow=True).status_code == 404  # no address serves it
    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post(url)
    assert not staged_names(token)
    assert "was applied: 3 cities were added" in as_alice.get(url).text
    assert City.objects.count() == 3


def test_an_import_goes_through_a_storage_with_nothing_on_the_local_disk(as_alice, settings):
    """As with MEDIA_STORAGE=s3 on several machines: the review page and the jobs read the file back from
    the storage, not from the disk of the machine that received it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    url = review_url(upload(as_alice, GOOD_CSV))
    assert "Import 3 cities" in as_alice.get(url).text
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert staged_names(token) == [f"{token}.csv", f"{token}.json"]
    as_alice.post(url)
    assert City.objects.count() == 3
    assert not staged_names(token)
    assert not Path(settings.MEDIA_ROOT).exists()


def test_applying_an_import_twice_adds_the_cities_once_and_says_so(as_alice):
    url = review_url(upload(as_alice, GOOD_CSV))
    first = as_alice.post(url)
    second = as_alice.post(url)  # a double click, or the same page in a second tab
    assert second.status_code == 302
    assert "This import was already applied: 3 cities were imported." in as_alice.get(second["Location"]).text
    assert City.objects.count() == 3
    assert first.status_code == 302


def test_a_second_apply_while_the_first_runs_starts_nothing(as_alice, alice, monkeypatch):
    url = review_url(upload(as_alice, GOOD_CSV))
    token = url.rstrip("/").rsplit("/", 1)[1]
    queued = []
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: queued.append(func))
    as_alice.post(url)  # queued, not run yet (a worker will)
    page = as_alice.get(as_alice.post(url)["Location"])
    assert "This import is being applied already" in page.text
    assert 'data-hx-get="' in page.text  # the page polls the progress
    assert len(queued) == 1
    queued[0]()
    assert City.objects.count() == 3
    assert imports.import_jobs_for_user(alice, token)[1].result["created"] == 3


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row_column_and_fix(as_alice):
    content = GOOD_CSV + "Zürich,Zurich,CH,Zürich,47.37689,8.54169,421878,2022,132,no,,\n"
    url = review_url(upload(as_alice, content))
    page = as_alice.get(url)
    assert "1 row has a problem" in page.text
    assert "Import 3 cities" not in page.text
    assert '<td class="num">5</td>' in page.text  # the header is row 1
    assert "<code>foreign_born_share</code>" in page.text
    assert "less than or equal to 100" in page.text

    response = as_alice.post(url, follow=True)  # even when forced, nothing is written
    assert response.status_code == 200
    assert "nothing was imported" in response.text
    assert not City.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("population", "0", "positive number"),
        ("population", "900000000", "implausible"),
        ("population", "lots", "not a whole number"),
        ("latitude", "north", "not a number"),
        ("country", "Atlantis", "not a country we know"),
        ("population_year", "23", "four digits"),
        ("is_capital", "maybe", "Write yes or no"),
        ("status", "applicant", "Use one of: enquiry, candidate, member"),
        ("member_since", "14/05/2019", "YYYY-MM-DD"),
        ("national_network", "nowhere", "No national network is called"),
        ("foreign_residents_share", "-3", "greater than or equal to 0"),
    ],
)
def test_each_bad_cell_gets_a_message_naming_the_column_and_the_fix(as_alice, column, value, fragment):
    values = {"name": "Testville", "country": "FR", "population": "50000", column: value}
    content = ",".join(values) + "\n" + ",".join(values.values()) + "\n"
    page = as_alice.get(review_url(upload(as_alice, content)))
    assert f"<code>{column}</code>" in page.text
    assert fragment in page.text
    assert not City.objects.exists()


def test_a_member_needs_the_date_it_became_one(as_alice):
    page = as_alice.get(review_url(upload(as_alice, "name,country,status\nTestville,FR,member\n")))
    assert "<code>member_since</code>" in page.text
    assert "required when the status is member" in page.text


def test_it_reads_a_byte_order_mark_semicolons_and_decimal_commas(as_alice, rici):
    content = (
        "\ufeffName;Country;Latitude;Longitude;Population;Foreign_Residents_Share;National_Network\n"
        "Modena;Italie;44,64583;10,92583;185 000;13,6;rici\n"
        "Parma;IT;44,80107;10,32804;198.292;16,4;Italian network of intercultural cities\n"
    )
    url = review_url(upload(as_alice, content))
    assert "Import 2 cities" in as_alice.get(url).text
    as_alice.post(url)
    modena = City.objects.get(name_en="Modena")
    assert modena.country == "IT"
    assert modena.population == 185_000
    assert modena.foreign_residents_share == Decimal("13.60")
    assert modena.latitude == Decimal("44.64583")
    assert modena.national_network == rici
    assert City.objects.get(name_en="Parma").population == 198_292


def test_a_file_not_in_utf8_is_refused_with_how_to_save_it(as_alice):
    content = "name,country\nSão Paulo,BR\nMünchen,DE\n".encode("cp1252")
    response = upload(as_alice, content)
    assert response.status_code == 200
    assert "not in UTF-8" in response.text
    assert "line 2" in response.text
    assert "CSV UTF-8" in response.text
    assert not staged_names()


def test_wrong_columns_get_one_message_listing_the_expected_ones(as_alice):
    response = upload(as_alice, "city,populaton\nLyon,500000\n")
    assert response.status_code == 200
    assert "Unknown columns: city, populaton." in response.text
    assert "Missing columns: name, country." in response.text
    assert "name (required), name_fr, country (required)" in response.text
    assert "foreign_born_share" in response.text


def test_a_file_of_another_kind_is_refused(as_alice):
    response = upload(as_alice, b"%PDF-1.7 not a spreadsheet", name="cities.pdf")
    assert response.status_code == 200
    assert "not an accepted kind of file" in response.text


def test_a_file_with_too_many_rows_is_refused(as_alice, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_IMPORT_ROWS", 2)
    response = upload(as_alice, "name,country\nA,FR\nB,FR\nC,FR\n")
    assert response.status_code == 200
    assert "at most 2 can be imported at once" in response.text


def test_a_city_twice_in_the_file_or_already_in_the_register_is_a_duplicate(as_alice, lyon):
    content = "name,country\nGenève,CH\nLYON,France\ngeneve ,ch\n"
    page = as_alice.get(review_url(upload(as_alice, content)))
    assert "Lyon (FR) is already in the register." in page.text
    assert "is also on row 2 of this file" in page.text
    assert "2 rows have problems" in page.text
    assert City.objects.count() == 1


def test_it_imports_the_first_sheet_of_an_xlsx_workbook(as_alice):
    content = xlsx_bytes(
        [
            ["Name", "Country", "Population", "Foreign_born_share", "Is_capital", "Status", "Member_since"],
            ["Tampere", "FI", 249_009, 0.072, False, "member", datetime.datetime(2019, 6, 1)],
            [None, None, None, None, None, None, None],
            ["Braga", "Portugal", 193_333.0, 8.5, None, "Candidat", None],
        ],
        percent_cells=("D2",),
    )
    url = review_url(upload(as_alice, content, name="cities.xlsx"))
    page = as_alice.get(url)
    assert "Import 2 cities" in page.text
    as_alice.post(url)
    tampere = City.objects.get(name_en="Tampere")
    assert tampere.foreign_born_share == Decimal("7.20")  # the cell showed 7.2 %
    assert tampere.member_since == datetime.date(2019, 6, 1)
    braga = City.objects.get(name_en="Braga")
    assert (braga.population, braga.status) == (193_333, CityStatus.CANDIDATE)


def test_xlsx_rows_keep_their_spreadsheet_numbers(as_alice):
    content = xlsx_bytes([["name", "country"], ["Tampere", "FI"], [None, None], ["Oulu", "XX"]])
    page = as_alice.get(review_url(upload(as_alice, content, name="cities.xlsx")))
    assert '<td class="num">4</td>' in page.text


def test_a_damaged_xlsx_is_refused(as_alice):
    response = upload(as_alice, b"PK\x03\x04 this is not really a workbook", name="cities.xlsx")
    assert response.status_code == 200
    assert "XLSX" in response.text


def test_the_import_checks_again_when_applying(alice):
    preview_source = spreadsheets.RawTable(header=["name", "country"], rows=[(2, ["Oslo", "NO"])])
    preview = imports._build_preview(preview_source, "cities.csv")
    assert preview.ok
    CityFactory(name_en="Oslo", country="NO")  # added by someone else meanwhile
    with pytest.raises(imports.ImportRejected) as exc:
        imports.cities_import(preview_or_file=preview, by=alice)
    assert "Oslo (NO) is already in the register." in exc.value.preview.errors[0].message
    assert City.objects.count() == 1


def test_another_users_import_is_not_found(as_alice):
    url = review_url(upload(as_alice, GOOD_CSV))
    colleague = UserFactory(email="hugo@example.org")
    grant(colleague, RoleKind.SECRETARIAT)
    other = client_for(colleague)
    assert other.get(url).status_code == 404
    assert other.post(url).status_code == 404
    assert not City.objects.exists()


def test_an_import_older_than_a_day_is_forgotten(as_alice):
    url = review_url(upload(as_alice, GOOD_CSV))
    token = url.rstrip("/").rsplit("/", 1)[1]
    age_staged(token, days=2)
    assert as_alice.get(url).status_code == 404
    assert not staged_names(token)


def test_a_made_up_token_is_not_found(as_alice):
    assert as_alice.get("/manage/register/import/0123456789abcdef0123456789abcdef/").status_code == 404
    assert as_alice.get("/manage/register/import/..%2F..%2Fetc/").status_code == 404


def test_only_the_secretariat_may_import_or_export(as_alice, bob, frank, erin):
    url = review_url(upload(as_alice, GOOD_CSV))
    for user in (bob, frank, erin):
        client = client_for(user)
        assert client.get("/manage/register/import/").status_code == 403
        assert upload(client, GOOD_CSV).status_code == 403
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        assert client.get("/manage/register/export.csv").status_code == 403
        assert client.get("/manage/register/export.xlsx").status_code == 403
    assert not City.objects.filter(name_en="Mannheim").exists()
    assert client_for(None).get("/manage/register/export.csv").status_code == 302  # to the sign-in page


def test_the_upload_page_documents_the_columns(as_alice):
    page = as_alice.get("/manage/register/import/")
    assert page.status_code == 200
    for column in imports.IMPORT_COLUMNS:
        assert f"<code>{column.name}</code>" in page.text
    assert "CSV UTF-8" in page.text


# Export ------------------------------------------------------------------------------------------------


def read_csv_export(response) -> list[dict[str, str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_the_csv_export_lists_the_register_with_formulas_neutralised(as_alice, lyon, reggio):
    CityFactory(name_en='=HYPERLINK("http://evil.example","Click")', country="FR", slug="evil")
    response = as_alice.get("/manage/register/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = {row["name"]: row for row in read_csv_export(response)}
    assert rows["Lyon"]["country"] == "FR"
    assert rows["Lyon"]["country_name"] == "France"
    assert rows["Lyon"]["population"] == "522000"
    assert rows["Lyon"]["status"] == "member"
    assert rows["Lyon"]["member_since"] == "2020-01-01"
    assert rows["Reggio Emilia"]["national_network"] == "rici"
    assert '\'=HYPERLINK("http://evil.example","Click")' in rows
    assert not any(name.startswith("=") for name in rows)


def test_the_xlsx_export_lists_the_register_with_formulas_neutralised(as_alice, lyon):
    CityFactory(name_en="@SUM(1+1)", country="FR", slug="evil")
    response = as_alice.get("/manage/register/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["name", "name_fr", "country", "country_name"]
    assert sheet[1][0].font.bold
    assert sheet.freeze_panes == "A2"
    values = sheet.iter_rows(min_row=2, values_only=True)
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in values}
    assert rows["Lyon"]["population"] == 522_000  # numbers stay numbers
    assert "'@SUM(1+1)" in rows
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_export_follows_the_filters_of_the_city_list(as_alice, lyon, porto, reggio, bergamo):
    names = [row["name"] for row in read_csv_export(as_alice.get("/manage/register/export.csv?country=IT"))]
    assert sorted(names) == ["Bergamo", "Reggio Emilia"]
    names = [
        row["name"] for row in read_csv_export(as_alice.get("/manage/register/export.csv?status=candidate"))
    ]
    assert names == ["Bergamo"]
    sheet = openpyxl.load_workbook(
        io.BytesIO(as_alice.get("/manage/register/export.xlsx?q=lyo").content)
    ).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Lyon"]


def test_an_unknown_export_format_is_not_found(as_alice):
    assert as_alice.get("/manage/register/export.pdf").status_code == 404


def test_an_exported_file_can_be_imported_elsewhere(as_alice, lyon, porto):
    exported = as_alice.get("/manage/register/export.csv").content
    City.objects.all().delete()
    url = review_url(upload(as_alice, exported, name="register.csv"))
    assert "Import 2 cities" in as_alice.get(url).text


def _register_values(city: City) -> dict:
    return {name: getattr(city, name) for name in imports._COMPARED_FIELDS}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_importing_the_exported_register_unchanged_changes_nothing(as_alice, lyon, reggio, fmt):
    lyon.population_source = "-estimate by INSEE"  # looks like a formula to a spreadsheet
    lyon.region = "'Auvergne-Rhône-Alpes'"
    lyon.save()
    reggio.population_source = "=official"
    reggio.save()
    before = {city.pk: _register_values(city) for city in City.objects.all()}
    history_rows = City.history.count()

    exported = as_alice.get(f"/manage/register/export.{fmt}").content
    url = review_url(upload(as_alice, exported, name=f"register.{fmt}"))
    page = as_alice.get(url)
    assert '<span class="figure">2</span> cities already in the register as in the file' in page.text
    assert "Nothing to import" in page.text
    as_alice.post(url)

    assert City.history.count() == history_rows  # no history row: nothing changed
    assert {city.pk: _register_values(city) for city in City.objects.all()} == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_register_imported_into_an_empty_one_comes_back_exactly(as_alice, lyon, reggio, fmt):
    lyon.population_source = "-estimate by INSEE"
    lyon.save()
    before = {city.slug: _register_values(city) for city in City.objects.all()}
    for values in before.values():
        values.pop("national_network_id")
    exported = as_alice.get(f"/manage/register/export.{fmt}").content
    City.objects.all().delete()

    as_alice.post(review_url(upload(as_alice, exported, name=f"register.{fmt}")))

    after = {city.slug: _register_values(city) for city in City.objects.all()}
    for values in after.values():
        assert values.pop("national_network_id") in (None, reggio.national_network_id)
    assert after == before
    assert City.objects.get(slug=lyon.slug).population_source == "-estimate by INSEE"


def test_a_city_of_the_register_with_other_values_is_named_with_the_columns_that_differ(as_alice, lyon):
    exported = as_alice.get("/manage/register/export.csv").content.decode("utf-8")
    changed = exported.replace("522000", "530000")
    page = as_alice.get(review_url(upload(as_alice, changed.encode("utf-8"))))
    assert "Lyon (FR) is already in the register." in page.text
    assert "The file differs from the register in: population." in page.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 4 72 10 30 30", "'+33 4 72 10 30 30"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Lyon", "Lyon"),
        ("Saint-Étienne", "Saint-Étienne"),
        (-2, -2),
        (Decimal("12.50"), Decimal("12.50")),
        (True, "yes"),
        (None, None),
        (datetime.date(2020, 1, 1), datetime.date(2020, 1, 1)),
    ],
)
def test_safe_cell_neutralises_text_that_would_run_as_a_formula(value, expected):
    assert safe_cell(value) == expected


# The samples in docs/ ---------------------------------------------------------------------------------


def test_the_csv_sample_has_exactly_the_one_bad_row_the_docs_describe(db):
    table = spreadsheets.read_table((DOCS / "samples" / "cities-import-example.csv").read_bytes(), "csv")
    preview = imports._build_preview(table, "cities-import-example.csv")
    assert [(error.row, error.column) for error in preview.errors] == [(7, "foreign_residents_share")]
    assert len(preview.rows) == 5


def test_the_xlsx_sample_imports_cleanly(alice):
    table = spreadsheets.read_table((DOCS / "samples" / "cities-import-example.xlsx").read_bytes(), "xlsx")
    preview = imports._build_preview(table, "cities-import-example.xlsx")
    assert preview.ok, preview.errors
    assert len(imports.cities_import(preview_or_file=preview, by=alice)) == len(preview.rows)
