"""The gap tool's data: the indicator catalogue, the city's groups and figures, stored gaps, publication."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from icc.core.history import history_entries
from icc.core.public_version import public_version
from icc.gaps import statistics
from icc.gaps.catalogue import CATALOGUE_FILE
from icc.gaps.models import (
    CityGaps,
    Domain,
    GapResult,
    Indicator,
    MissingReason,
    Observation,
    Role,
    period_end_year,
    period_sort_key,
)
from icc.gaps.selectors.publication import are_city_gaps_published, gap_publishing_cities
from icc.gaps.services.observations import GroupFigures, group_create, observation_delete, observations_enter
from icc.gaps.services.publication import city_gaps_publish, city_gaps_withdraw
from icc.network.models import CityStatus

pytestmark = pytest.mark.django_db


def test_the_domains_are_the_engines():
    assert tuple(Domain.values) == statistics.DOMAINS


def test_the_catalogue_is_loaded_with_every_domain_and_both_languages():
    keys = set(Indicator.objects.values_list("key", flat=True))
    assert {
        "employment_rate",
        "unemployment_rate",
        "neet_rate",
        "early_school_leaving",
        "tertiary_attainment",
        "at_risk_of_poverty_rate",
        "overcrowding_rate",
        "housing_cost_overburden",
        "unmet_medical_needs",
        "naturalisation_rate",
        "perceived_discrimination",
        "association_membership",
        "feels_safe_at_night",
    } <= keys
    assert set(Indicator.objects.values_list("domain", flat=True)) == set(Domain.values)
    unemployment = Indicator.objects.get(key="unemployment_rate")
    assert unemployment.polarity == -1
    assert unemployment.name_fr == "Taux de chômage"
    assert "Zaragoza" in unemployment.source
    for indicator in Indicator.objects.all():
        assert indicator.name_en and indicator.name_fr and indicator.unit_fr and indicator.definition_fr


def test_loading_the_catalogue_again_changes_nothing_and_restores_an_edited_name():
    out = io.StringIO()
    call_command("gaps", "load-indicators", stdout=out)
    assert "0 added, 0 updated" in out.getvalue()
    employment = Indicator.objects.get(key="employment_rate")
    employment.name_fr = "Autre"
    employment.save()
    out = io.StringIO()
    call_command("gaps", "load-indicators", stdout=out)
    assert "0 added, 1 updated" in out.getvalue()
    employment.refresh_from_db()
    assert employment.name_fr == "Taux d'emploi"
    assert employment.history.count() >= 2


def test_an_indicator_left_out_of_the_file_is_kept_but_not_in_use(tmp_path):
    data = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    data["indicators"] = [item for item in data["indicators"] if item["key"] != "trust_in_police"]
    smaller = tmp_path / "indicators.json"
    smaller.write_text(json.dumps(data), encoding="utf-8")
    call_command("gaps", "load-indicators", "--file", str(smaller), stdout=io.StringIO())
    assert Indicator.objects.get(key="trust_in_police").is_active is False


def test_periods_sort_by_their_last_year():
    assert period_end_year("2022-2024") == 2024
    assert period_end_year("2019") == 2019
    assert period_end_year("wave 3") is None
    assert sorted(["2024", "2020-2022", "2019", "2022-2023"], key=period_sort_key) == [
        "2019",
        "2020-2022",
        "2022-2023",
        "2024",
    ]


def test_a_figure_has_counts_or_a_reason_never_both(lyon, bob):
    group = group_create(city=lyon, by=bob, key="foreign_born", name="Foreign-born")
    indicator = Indicator.objects.get(key="employment_rate")
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(
            city=lyon,
            indicator=indicator,
            period="2024",
            group=group,
            role=Role.FOCAL,
            numerator=5,
            denominator=10,
            missing_reason=MissingReason.WITHHELD,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(
            city=lyon,
            indicator=indicator,
            period="2024",
            group=group,
            role=Role.FOCAL,
            numerator=11,
            denominator=10,
        )


def _enter(city, by, *, period="2024", reference=(2892, 4120), focal=(472, 812), focal_key="foreign_born"):
    groups = {g.key: g for g in city.gap_groups.all()}
    native = groups.get("native_born") or group_create(
        city=city, by=by, key="native_born", name="Native-born"
    )
    other = groups.get(focal_key) or group_create(city=city, by=by, key=focal_key, name=focal_key)
    focal_figures = (
        GroupFigures(other, missing_reason=focal)
        if isinstance(focal, str)
        else GroupFigures(other, numerator=focal[0], denominator=focal[1])
    )
    return observations_enter(
        city=city,
        by=by,
        indicator=Indicator.objects.get(key="employment_rate"),
        period=period,
        reference=GroupFigures(native, numerator=reference[0], denominator=reference[1]),
        focal=focal_figures,
        source_note="LFS",
    )


def test_entering_figures_stores_the_engines_record_with_history(lyon, bob):
    """Lyon, employment 2024: 472 of 812 foreign-born (58.13 %) against 2,892 of 4,120 native-born
    (70.19 %): a gap of -12.07 points, significant."""
    _reference, focal = _enter(lyon, bob)
    result = GapResult.objects.get(city=lyon)
    assert result.focal.key == "foreign_born" and result.reference.key == "native_born"
    assert result.record["gap_pp"] == pytest.approx(100 * (472 / 812 - 2892 / 4120))
    assert result.record["significant"] is True
    assert result.record["focal_rate"] == pytest.approx(472 / 812)
    assert (result.focal_numerator, result.reference_denominator) == (472, 4120)
    assert result.as_gap_record().as_dict() == result.record
    entry = history_entries(focal)[0]
    assert entry.who == str(bob)
    assert entry.reason == "entered by hand"


def test_a_missing_figure_stores_its_reason_instead_of_a_record(lyon, bob):
    _enter(lyon, bob, focal=MissingReason.NOT_COLLECTED)
    result = GapResult.objects.get(city=lyon)
    assert result.record is None
    assert result.missing_reason == MissingReason.NOT_COLLECTED
    assert result.shown_missing_reason == MissingReason.NOT_COLLECTED


def test_a_missing_reference_makes_every_focal_gap_missing_by_its_reason(lyon, bob):
    native = group_create(city=lyon, by=bob, key="native_born", name="Native-born")
    foreign = group_create(city=lyon, by=bob, key="foreign_born", name="Foreign-born")
    observations_enter(
        city=lyon,
        by=bob,
        indicator=Indicator.objects.get(key="employment_rate"),
        period="2024",
        reference=GroupFigures(native, missing_reason=MissingReason.NOT_APPLICABLE),
        focal=GroupFigures(foreign, numerator=10, denominator=100),
    )
    assert GapResult.objects.get(city=lyon).missing_reason == MissingReason.NOT_APPLICABLE


def test_a_small_group_is_withheld(lyon, bob):
    _enter(lyon, bob, focal=(8, 20), focal_key="non_eu_nationals")
    result = GapResult.objects.get(city=lyon)
    assert result.suppressed
    assert result.record["focal_rate"] is None and result.record["gap_pp"] is None
    assert result.shown_missing_reason == MissingReason.WITHHELD


def test_entering_again_replaces_the_figures_and_deleting_recomputes(lyon, bob):
    _enter(lyon, bob)
    _, focal = _enter(lyon, bob, focal=(600, 812))
    assert Observation.objects.filter(city=lyon).count() == 2
    assert GapResult.objects.get(city=lyon).record["focal_rate"] == pytest.approx(600 / 812)
    observation_delete(observation=focal, by=bob)
    assert not GapResult.objects.filter(city=lyon).exists()
    assert Observation.objects.filter(city=lyon).count() == 1


def test_publication_is_one_rule_and_withdrawal_is_visible_at_once(lyon, porto, bob):
    _enter(lyon, bob)
    assert not are_city_gaps_published(lyon)
    before = public_version()
    city_gaps_publish(city=lyon, by=bob)
    assert public_version() != before
    assert list(gap_publishing_cities()) == [lyon]
    row = CityGaps.objects.get(city=lyon)
    assert row.published_by == bob and row.published_at is not None
    lyon.status = CityStatus.ENQUIRY  # a city that is not public has no public gaps either
    lyon.save()
    assert not are_city_gaps_published(lyon)
    lyon.status = CityStatus.MEMBER
    lyon.save()
    before = public_version()
    city_gaps_withdraw(city=lyon, by=bob)
    assert public_version() != before
    assert not are_city_gaps_published(lyon)
    assert [entry.reason for entry in history_entries(row)][:2] == [
        "gaps withdrawn from publication",
        "gaps published",
    ]


def test_nothing_to_publish_is_refused_by_field(porto, dave):
    with pytest.raises(ValidationError) as raised:
        city_gaps_publish(city=porto, by=dave)
    assert "published" in raised.value.message_dict


def test_changing_published_figures_moves_the_public_version_on(lyon, bob):
    _enter(lyon, bob)
    city_gaps_publish(city=lyon, by=bob)
    before = public_version()
    _enter(lyon, bob, focal=(500, 812))
    assert public_version() != before
