"""Importing a city's gap figures: a dry run that lists every bad row, then all or nothing; and the identity
between the stored gaps and `icc gaps compute` on the city's exported figures."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from icc.core.history import history_entries
from icc.gaps import cli
from icc.gaps.models import GapImport, GapResult, ImportStatus, MissingReason, Observation
from icc.gaps.services.imports import gap_import_apply, gap_import_check
from icc.gaps.services.observations import GroupFigures, observations_enter
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

HEADER = "city,indicator,polarity,period,group,role,numerator,denominator"
GOOD = [
    "lyon,employment_rate,1,2022,native_born,reference,2850,4100",
    "lyon,employment_rate,1,2022,foreign_born,focal,450,800",
    "lyon,employment_rate,1,2024,native_born,reference,2892,4120",
    "lyon,employment_rate,1,2024,foreign_born,focal,472,812",
    "lyon,employment_rate,1,2024,non_eu_nationals,focal,9,25",
    "Lyon,unemployment_rate,-1,2022-2024,native_born,reference,240,3000",
    "lyon,unemployment_rate,-1,2022-2024,foreign_born,focal,90,600",  # the city by its name or short name
    "LYON,unemployment_rate,-1,2022-2024,unknown,focal,40,300",
]


def csv_file(lines: list[str], name: str = "lyon.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *lines]) + "\n").encode(), content_type="text/csv")


def test_a_good_file_is_checked_then_imported_with_its_groups(lyon, bob):
    preview = gap_import_check(city=lyon, by=bob, upload=csv_file(GOOD))
    assert preview.ok and not preview.problems
    assert preview.new_groups == ["foreign_born", "native_born", "non_eu_nationals", "unknown"]
    assert preview.gap_import.status == ImportStatus.CHECKED
    assert not Observation.objects.exists()  # a dry run writes no figure

    gap_import_apply(gap_import=preview.gap_import, by=bob)
    assert Observation.objects.filter(city=lyon).count() == 8
    assert GapResult.objects.filter(city=lyon, record__isnull=False).count() == 5
    # "unknown" is a group of its own, compared like the others, never merged.
    unknown = GapResult.objects.get(city=lyon, focal__key="unknown")
    assert unknown.record["focal_rate"] == pytest.approx(40 / 300)
    assert GapResult.objects.get(city=lyon, focal__key="non_eu_nationals").suppressed
    preview.gap_import.refresh_from_db()
    assert preview.gap_import.status == ImportStatus.APPLIED
    observation = Observation.objects.filter(city=lyon).first()
    assert history_entries(observation)[0].reason == "imported from lyon.csv"


def test_every_bad_row_is_listed_with_its_column_and_nothing_is_written(lyon, bob):
    lines = [
        *GOOD[:2],
        "lyon,employment_rate,1,2024,native_born,reference,2892,4120",
        "lyon,employment_rate,1,2024,foreign_born,focal,900,812",  # numerator above denominator
        "lyon,employment_rate,1,2024,non_eu,focal,-3,25",  # negative
        "lyon,employment_rate,1,2025,foreign_born,focal,10,50",  # no reference
    ]
    preview = gap_import_check(city=lyon, by=bob, upload=csv_file(lines))
    assert not preview.ok
    found = {(problem.row, problem.column) for problem in preview.problems}
    assert {(5, "numerator"), (6, "numerator"), (7, "role")} <= found
    record = GapImport.objects.get()
    assert record.status == ImportStatus.HAS_ERRORS
    assert {(problem["row"], problem["column"]) for problem in record.problems} == found
    assert not Observation.objects.exists()


def test_rows_of_another_city_an_unknown_indicator_or_the_wrong_polarity_are_refused_by_row(lyon, bob):
    lines = [
        *GOOD[:2],
        "porto,employment_rate,1,2024,native_born,reference,2892,4120",
        "porto,employment_rate,1,2024,foreign_born,focal,472,812",
        "lyon,happiness,1,2024,native_born,reference,10,40",
        "lyon,happiness,1,2024,foreign_born,focal,10,40",
        "lyon,unemployment_rate,1,2024,native_born,reference,100,1000",
        "lyon,unemployment_rate,1,2024,foreign_born,focal,100,1000",
        "lyon,tertiary_attainment,1,spring,native_born,reference,100,1000",
        "lyon,tertiary_attainment,1,spring,Foreign-Born,focal,100,1000",
    ]
    preview = gap_import_check(city=lyon, by=bob, upload=csv_file(lines))
    found = {(problem.row, problem.column) for problem in preview.problems}
    assert {
        (4, "city"),
        (5, "city"),
        (6, "indicator"),
        (8, "polarity"),
        (10, "period"),
        (11, "group"),
    } <= found
    city_problem = next(problem for problem in preview.problems if problem.column == "city")
    assert "“porto”, not Lyon" in city_problem.message and "lyon" in city_problem.message


def test_an_xlsx_file_is_read_by_the_same_reader(lyon, bob):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["lyon", "employment_rate", 1, 2024, "native_born", "reference", 2892, 4120])
    sheet.append([None] * 8)  # a blank row keeps the numbering of the rows after it
    sheet.append(["lyon", "employment_rate", 1, 2024, "foreign_born", "focal", 472, 900.5])
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("lyon.xlsx", out.getvalue())
    preview = gap_import_check(city=lyon, by=bob, upload=upload)
    assert [(problem.row, problem.column) for problem in preview.problems] == [(4, "denominator")]


def test_an_import_replaces_the_indicators_and_periods_it_holds_and_keeps_the_others(lyon, bob):
    gap_import_apply(gap_import=gap_import_check(city=lyon, by=bob, upload=csv_file(GOOD)).gap_import, by=bob)
    newer = [
        "lyon,employment_rate,1,2024,native_born,reference,3000,4200",
        "lyon,employment_rate,1,2024,foreign_born,focal,500,820",
    ]
    preview = gap_import_check(city=lyon, by=bob, upload=csv_file(newer, "newer.csv"))
    assert preview.replaced == [("employment_rate", "2024")] and preview.added == []
    gap_import_apply(gap_import=preview.gap_import, by=bob)
    periods = set(Observation.objects.filter(city=lyon).values_list("indicator__key", "period", "group__key"))
    assert ("employment_rate", "2024", "non_eu_nationals") not in periods  # replaced with the period
    assert ("employment_rate", "2022", "foreign_born") in periods
    assert ("unemployment_rate", "2022-2024", "unknown") in periods


def test_a_later_file_replaces_a_failed_one_on_the_waiting_list(lyon, bob):
    gap_import_check(city=lyon, by=bob, upload=csv_file(["lyon,employment_rate,1,2024,x,focal,1,2"]))
    gap_import_check(city=lyon, by=bob, upload=csv_file(GOOD))
    assert list(GapImport.objects.order_by("created").values_list("status", flat=True)) == [
        ImportStatus.REPLACED,
        ImportStatus.CHECKED,
    ]


def test_the_pages_check_and_import_a_file(lyon, carol):
    client = client_for(carol)
    page = client.get(reverse("gaps:import_upload", args=[lyon.slug]))
    assert page.status_code == 200 and "employment_rate" in page.text
    response = client.post(reverse("gaps:import_upload", args=[lyon.slug]), {"file": csv_file(GOOD)})
    review = client.get(response["Location"])
    assert '<span class="figure">8</span> rows ready to import' in review.text
    response = client.post(response["Location"])
    assert response["Location"] == reverse("gaps:data", args=[lyon.slug])
    listing = client.get(response["Location"])
    assert "lyon.csv was imported: 8 rows." in listing.text
    assert Observation.objects.filter(city=lyon).count() == 8


def test_the_review_page_lists_every_problem_in_french(lyon, bob):
    bob.language = "fr"
    bob.save()
    client = client_for(bob)
    bad = csv_file(
        [
            "lyon,employment_rate,1,2024,native_born,reference,2892,4120",
            "lyon,employment_rate,1,2024,fb,focal,900,812",
        ]
    )
    response = client.post(
        reverse("gaps:import_upload", args=[lyon.slug]), {"file": bad}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    gap_import = GapImport.objects.get()
    assert gap_import.status == ImportStatus.HAS_ERRORS
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="fr")
    assert "<code>numerator</code>" in page.text
    assert "Le numérateur 900 dépasse le dénominateur 812" in page.text
    assert "Le fichier a 1 problème. Rien n'a été importé" in page.text


def test_a_file_of_the_wrong_kind_is_refused_on_the_file_field(lyon, bob):
    client = client_for(bob)
    upload = SimpleUploadedFile("figures.pdf", b"%PDF-1.4 nothing")
    page = client.post(reverse("gaps:import_upload", args=[lyon.slug]), {"file": upload})
    assert page.status_code == 200
    assert "not an accepted kind of file" in page.text
    assert not GapImport.objects.exists()


def test_the_stored_gaps_are_what_icc_gaps_compute_gives_for_the_exported_figures(lyon, bob, tmp_path):
    """Identity: export the city's figures in the gap format (the download of its data page), run the
    offline command on that file, and compare with the records the platform stored."""
    gap_import_apply(gap_import=gap_import_check(city=lyon, by=bob, upload=csv_file(GOOD)).gap_import, by=bob)
    # A hand-entered figure and a missing one, too: the missing one has no place in the file.
    groups = {group.key: group for group in lyon.gap_groups.all()}
    from icc.gaps.models import Indicator

    observations_enter(
        city=lyon,
        by=bob,
        indicator=Indicator.objects.get(key="perceived_discrimination"),
        period="2023",
        reference=GroupFigures(groups["native_born"], numerator=120, denominator=1500),
        focal=GroupFigures(groups["foreign_born"], numerator=160, denominator=700),
    )
    observations_enter(
        city=lyon,
        by=bob,
        indicator=Indicator.objects.get(key="perceived_discrimination"),
        period="2023",
        reference=GroupFigures(groups["native_born"], numerator=120, denominator=1500),
        focal=GroupFigures(groups["unknown"], missing_reason=MissingReason.NOT_COLLECTED),
    )
    download = client_for(bob).get(reverse("gaps:data_csv", args=[lyon.slug]))
    assert download.status_code == 200
    exported = tmp_path / "lyon.csv"
    exported.write_bytes(download.content)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["compute", "--input", str(exported)], stdout=out, stderr=err) == 0, err.getvalue()
    offline = json.loads(out.getvalue())["gaps"]
    stored = {
        (result.indicator.key, result.period, result.focal.key): result.record
        for result in GapResult.objects.filter(city=lyon, record__isnull=False).select_related(
            "indicator", "focal"
        )
    }
    assert len(offline) == len(stored) == 6
    for record in offline:
        assert record == stored[(record["indicator"], record["period"], record["focal"])]
    assert GapResult.objects.filter(city=lyon, missing_reason=MissingReason.NOT_COLLECTED).count() == 1


def test_the_data_pages_are_valid_html_under_the_policy(lyon, bob):
    """The checks of tests/test_html_validity.py on every data page, with figures, a checked file and a file
    with errors (the crawl there reaches these pages only when a city has figures)."""
    from tests.test_html_validity import check

    good = gap_import_check(city=lyon, by=bob, upload=csv_file(GOOD))
    bad = gap_import_check(city=lyon, by=bob, upload=csv_file(["lyon,employment_rate,1,2024,x,focal,9,5"]))
    gap_import_apply(gap_import=gap_import_check(city=lyon, by=bob, upload=csv_file(GOOD)).gap_import, by=bob)
    focal = Observation.objects.filter(city=lyon, role="focal").first()
    client = client_for(bob)
    paths = [
        reverse("gaps:data", args=["lyon"]),
        reverse("gaps:data_history", args=["lyon"]),
        reverse("gaps:entry", args=["lyon"]),
        reverse("gaps:group_add", args=["lyon"]),
        reverse("gaps:observation_remove", args=["lyon", focal.pk]),
        reverse("gaps:import_upload", args=["lyon"]),
        reverse("gaps:import_review", args=["lyon", good.gap_import.pk]),
        reverse("gaps:import_review", args=["lyon", bad.gap_import.pk]),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        problems, _links = check(path, response)
        assert problems == [], path
    # A form with errors too.
    page = client.post(reverse("gaps:entry", args=["lyon"]), {"period": "x"})
    assert check("entry", page)[0] == []


def test_a_files_problems_read_in_each_readers_language_whoever_uploaded_it(lyon, bob, carol):
    lines = [
        "porto,happiness,1,2024,native_born,reference,2892,4120",
        "porto,happiness,1,2024,foreign_born,focal,472,812",
    ]
    gap_import_check(city=lyon, by=carol, upload=csv_file(lines))  # Carol reads English
    bob.language = "fr"
    bob.save()
    gap_import = GapImport.objects.get()
    page = client_for(bob).get(
        reverse("gaps:import_review", args=["lyon", gap_import.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Cette ligne concerne « porto », pas Lyon." in page.text
    assert "« happiness » n&#x27;est pas un indicateur du catalogue" in page.text
    english = client_for(carol).get(reverse("gaps:import_review", args=["lyon", gap_import.pk]))
    assert "This row is for “porto”, not Lyon." in english.text


def test_a_checked_file_kept_no_longer_asks_for_the_file_again(lyon, bob):
    from icc.core import staging

    preview = gap_import_check(city=lyon, by=bob, upload=csv_file(GOOD))
    staging.discard("gaps", preview.gap_import.token)  # as a day later
    url = reverse("gaps:import_review", args=["lyon", preview.gap_import.pk])
    client = client_for(bob)
    assert "no longer kept" in client.get(url).text
    response = client.post(url)
    assert response["Location"] == reverse("gaps:import_upload", args=["lyon"])
    assert not Observation.objects.exists()
