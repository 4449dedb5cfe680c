"""Entering a city's gap figures by hand: both groups' counts or why they are missing, every problem on
its field, nothing half-written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from icc.gaps.models import GapGroup, GapResult, Indicator, MissingReason, Observation, Role
from icc.gaps.services.observations import group_create
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(lyon, bob):
    return {
        "native_born": group_create(city=lyon, by=bob, key="native_born", name="Native-born"),
        "foreign_born": group_create(city=lyon, by=bob, key="foreign_born", name="Foreign-born"),
    }


def _form(groups, **changes):
    data = {
        "indicator": Indicator.objects.get(key="employment_rate").pk,
        "period": "2024",
        "reference_group": groups["native_born"].pk,
        "reference_numerator": "2892",
        "reference_denominator": "4120",
        "reference_missing": "",
        "focal_group": groups["foreign_born"].pk,
        "focal_numerator": "472",
        "focal_denominator": "812",
        "focal_missing": "",
        "source_note": "Labour Force Survey 2024",
    }
    data.update(changes)
    return data


def test_a_contributor_enters_both_groups_figures_and_the_gap_is_computed(lyon, carol, groups):
    client = client_for(carol)
    assert client.get(reverse("gaps:entry", args=["lyon"])).status_code == 200
    response = client.post(reverse("gaps:entry", args=["lyon"]), _form(groups))
    assert response["Location"] == reverse("gaps:data", args=["lyon"])
    page = client.get(response["Location"])
    assert "The figures of Employment rate, 2024 were saved and the gaps recomputed." in page.text
    assert "Labour Force Survey 2024" in page.text
    result = GapResult.objects.get(city=lyon)
    assert result.record["focal_rate"] == pytest.approx(472 / 812)
    assert Observation.objects.get(city=lyon, role=Role.REFERENCE).source_note == "Labour Force Survey 2024"


def test_every_problem_is_named_on_its_field_and_nothing_is_written(lyon, bob, groups):
    client = client_for(bob)
    page = client.post(
        reverse("gaps:entry", args=["lyon"]),
        _form(
            groups,
            period="2024-2022",
            reference_numerator="5000",
            focal_numerator="",
            focal_denominator="",
            focal_group=groups["native_born"].pk,
        ),
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert "The last year must come after the first" in errors["period"][0]
    assert "more than the 4120 people in the group" in errors["reference_numerator"][0]
    assert "or say why the figure is missing" in errors["focal_numerator"][0]
    assert "must differ from the reference group" in errors["focal_group"][0]
    assert not Observation.objects.exists()


def test_counts_and_a_reason_together_are_refused(lyon, bob, groups):
    page = client_for(bob).post(
        reverse("gaps:entry", args=["lyon"]), _form(groups, focal_missing=MissingReason.WITHHELD)
    )
    assert "not both" in page.context["form"].errors["focal_missing"][0]


def test_a_missing_figure_is_entered_with_its_reason(lyon, bob, groups):
    client = client_for(bob)
    client.post(
        reverse("gaps:entry", args=["lyon"]),
        _form(groups, focal_numerator="", focal_denominator="", focal_missing=MissingReason.NOT_COLLECTED),
    )
    assert GapResult.objects.get(city=lyon).missing_reason == MissingReason.NOT_COLLECTED
    page = client.get(reverse("gaps:data", args=["lyon"]))
    assert "Missing: not collected" in page.text


def test_a_second_reference_group_is_refused(lyon, bob, groups):
    client = client_for(bob)
    client.post(reverse("gaps:entry", args=["lyon"]), _form(groups))
    other = group_create(city=lyon, by=bob, key="non_eu_nationals", name="Non-EU nationals")
    page = client.post(
        reverse("gaps:entry", args=["lyon"]),
        _form(groups, reference_group=other.pk),
    )
    assert "already the reference group" in page.context["form"].errors["reference_group"][0]


def test_the_change_link_fills_the_form_with_the_figures(lyon, bob, groups):
    client = client_for(bob)
    client.post(reverse("gaps:entry", args=["lyon"]), _form(groups))
    page = client.get(
        reverse("gaps:entry", args=["lyon"]) + "?indicator=employment_rate&period=2024&focal=foreign_born"
    )
    form = page.context["form"]
    assert form.initial["focal_numerator"] == 472 and form.initial["reference_denominator"] == 4120


def test_deleting_a_figure_asks_first_then_recomputes(lyon, bob, groups):
    client = client_for(bob)
    client.post(reverse("gaps:entry", args=["lyon"]), _form(groups))
    focal = Observation.objects.get(city=lyon, role=Role.FOCAL)
    url = reverse("gaps:observation_remove", args=["lyon", focal.pk])
    assert "Delete the figure of Foreign-born for Employment rate, 2024?" in client.get(url).text
    client.post(url)
    assert not Observation.objects.filter(pk=focal.pk).exists()
    assert not GapResult.objects.filter(city=lyon).exists()


def test_a_group_is_named_with_an_identifier_files_can_use(lyon, bob, groups):
    client = client_for(bob)
    page = client.post(reverse("gaps:group_add", args=["lyon"]), {"key": "Non EU", "name": "Non-EU"})
    assert "lower-case letters" in page.context["form"].errors["key"][0]
    page = client.post(reverse("gaps:group_add", args=["lyon"]), {"key": "foreign_born", "name": "Again"})
    assert "already has a group" in page.context["form"].errors["key"][0]
    client.post(reverse("gaps:group_add", args=["lyon"]), {"key": "unknown", "name": "Origin not known"})
    assert GapGroup.objects.get(city=lyon, key="unknown").name == "Origin not known"


def test_the_entry_pages_read_in_french(lyon, bob, groups):
    bob.language = "fr"
    bob.save()
    page = client_for(bob).get(reverse("gaps:entry", args=["lyon"]), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Saisir des chiffres" in page.text
    assert "Taux d'emploi" in page.text or "Taux d&#x27;emploi" in page.text


def test_other_cities_people_and_outsiders_never_reach_the_figures(lyon, dave, erin, frank, grace, groups):
    for person in (dave, erin, frank, grace):
        client = client_for(person)
        for name in ("data", "entry", "import_upload", "data_csv", "group_add"):
            assert client.get(reverse(f"gaps:{name}", args=["lyon"])).status_code == 404, (person, name)
    assert client_for(None).get(reverse("gaps:data", args=["lyon"])).status_code == 302


def test_the_figures_page_reads_a_fixed_number_of_queries_whatever_the_number_of_figures(lyon, bob, groups):
    client = client_for(bob)
    client.post(reverse("gaps:entry", args=["lyon"]), _form(groups))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("gaps:data", args=["lyon"]))
    other = group_create(city=lyon, by=bob, key="non_eu_nationals", name="Non-EU nationals")
    for indicator in ("unemployment_rate", "neet_rate", "overcrowding_rate"):
        for period in ("2022", "2023", "2024"):
            for focal in (groups["foreign_born"], other):
                client.post(
                    reverse("gaps:entry", args=["lyon"]),
                    _form(
                        groups,
                        indicator=Indicator.objects.get(key=indicator).pk,
                        period=period,
                        focal_group=focal.pk,
                        focal_numerator="10",
                        focal_denominator="100",
                    ),
                )
    assert Observation.objects.filter(city=lyon).count() == 29
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("gaps:data", args=["lyon"]))
    assert page.text.count("Non-EU nationals") >= 9
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_history_of_the_figures_keeps_who_changed_and_deleted_what(lyon, bob, carol, groups):
    client_for(carol).post(reverse("gaps:entry", args=["lyon"]), _form(groups))
    client = client_for(bob)
    client.post(reverse("gaps:entry", args=["lyon"]), _form(groups, focal_numerator="480"))
    focal = Observation.objects.get(city=lyon, role=Role.FOCAL)
    client.post(reverse("gaps:observation_remove", args=["lyon", focal.pk]))
    changes = client.get(reverse("gaps:data_history", args=["lyon"])).context["changes"]
    assert [(c.who, c.action, c.reason, c.group, c.figure) for c in changes[:3]] == [
        ("Bob Durand", "deleted", "deleted by hand", "Foreign-born", "480 / 812"),
        ("Bob Durand", "changed", "entered by hand", "Foreign-born", "480 / 812"),
        ("Carol Petit", "created", "entered by hand", "Foreign-born", "472 / 812"),
    ]
