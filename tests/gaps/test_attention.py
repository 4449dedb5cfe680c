"""What the gap tool puts on a city's "needs you" list: a file with errors, figures older than two years."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from icc.accounts.models import RoleKind
from icc.core.attention import attention_for
from icc.gaps.models import GapImport, Indicator
from icc.gaps.services.imports import gap_import_check
from icc.gaps.services.observations import GroupFigures, group_create, observations_enter
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

HEADER = "city,indicator,polarity,period,group,role,numerator,denominator"


def _upload(lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", "\n".join([HEADER, *lines]).encode())


def _items(user, key):
    return [item for item in attention_for(user) if item.key == key]


def _enter(city, by, period):
    native = city.gap_groups.filter(key="native_born").first() or group_create(
        city=city, by=by, key="native_born", name="Native-born"
    )
    foreign = city.gap_groups.filter(key="foreign_born").first() or group_create(
        city=city, by=by, key="foreign_born", name="Foreign-born"
    )
    observations_enter(
        city=city,
        by=by,
        indicator=Indicator.objects.get(key="employment_rate"),
        period=period,
        reference=GroupFigures(native, numerator=700, denominator=1000),
        focal=GroupFigures(foreign, numerator=300, denominator=500),
    )


def test_a_file_with_errors_waits_for_the_citys_people_until_a_later_file_replaces_it(
    lyon, bob, carol, dave, alice
):
    gap_import_check(city=lyon, by=carol, upload=_upload(["lyon,employment_rate,1,2024,fb,focal,900,800"]))
    for person in (bob, carol):
        (item,) = _items(person, "gaps.import_errors")
        assert item.label == "Lyon: a gap data file has errors and was not imported"
        assert "figures.csv: 2 problems to fix" in item.detail
        assert item.url == reverse("gaps:import_review", args=["lyon", GapImport.objects.get().pk])
    assert not _items(dave, "gaps.import_errors")
    assert not [item for item in attention_for(alice) if item.key.startswith("gaps.")]

    gap_import_check(
        city=lyon,
        by=bob,
        upload=_upload(
            [
                "lyon,employment_rate,1,2024,native_born,reference,700,1000",
                "lyon,employment_rate,1,2024,foreign_born,focal,300,500",
            ]
        ),
    )
    assert not _items(carol, "gaps.import_errors")


def test_figures_older_than_two_years_ask_for_a_newer_period(lyon, porto, bob, dave):
    this_year = timezone.localdate().year
    _enter(lyon, bob, f"{this_year - 4}-{this_year - 3}")
    _enter(porto, dave, str(this_year - 2))
    (item,) = _items(bob, "gaps.stale")
    assert item.label == f"Lyon: the newest gap figures are for {this_year - 3}"
    assert item.url == reverse("gaps:data", args=["lyon"])
    assert item.oldest == datetime.date(this_year, 1, 1)
    assert not _items(dave, "gaps.stale")  # two years old is recent enough
    _enter(lyon, bob, str(this_year - 1))
    assert not _items(bob, "gaps.stale")


def test_the_items_read_a_fixed_number_of_queries_whatever_the_number_of_cities(lyon, porto, alice):
    this_year = timezone.localdate().year
    _enter(lyon, alice, str(this_year - 5))
    person = UserFactory()
    grant(person, RoleKind.CITY_COORDINATOR, city=lyon)
    with CaptureQueriesContext(connection) as one:
        attention_for(person)
    grant(person, RoleKind.CITY_COORDINATOR, city=porto)
    _enter(porto, alice, str(this_year - 5))
    person = type(person).objects.get(pk=person.pk)  # the roles are read once per person
    with CaptureQueriesContext(connection) as two:
        items = attention_for(person)
    assert len([item for item in items if item.key == "gaps.stale"]) == 2
    assert len(two.captured_queries) == len(one.captured_queries)
