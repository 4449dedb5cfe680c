import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from icc.core.history import history_entries, reason_display
from icc.network.models import AnnualFee, GrowthTarget, NetworkSettings
from icc.network.selectors.access import network_settings
from icc.network.services.settings import (
    annual_fee_set,
    growth_target_delete,
    growth_target_save,
    network_settings_update,
)
from tests.conftest import client_for
from tests.factories import MembershipPeriodFactory


def test_it_changes_the_network_settings_and_keeps_the_history(alice):
    network_settings_update(by=alice, min_population=25_000, admissions_per_quarter_cap=4)
    row = NetworkSettings.objects.get(pk=1)
    assert (row.min_population, row.admissions_per_quarter_cap) == (25_000, 4)
    latest = row.history.first()
    assert latest.history_user == alice
    assert reason_display(latest.history_change_reason) == "network rules changed"
    changed = {change.field for change in history_entries(row)[0].changes}
    assert changed == {"minimum population", "admissions per quarter"}


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("min_population", 0, "positive number of inhabitants"),
        ("min_diversity_share", Decimal(120), "from 0 to 100"),
        ("min_diversity_share", Decimal(-1), "from 0 to 100"),
        ("admissions_per_quarter_cap", 0, "at least 1"),
        ("underrepresented_max_members", 0, "at least 1"),
        ("default_annual_fee", Decimal(0), "more than 0 EUR"),
        ("fee_due_month", 13, "from 1 (January) to 12"),
    ],
)
def test_it_names_the_setting_and_the_fix_for_bad_values(alice, field, value, fragment):
    before = network_settings()
    with pytest.raises(ValidationError) as exc:
        network_settings_update(by=alice, **{"min_population": 40_000, field: value})
    assert fragment in " ".join(exc.value.message_dict[field])
    after = NetworkSettings.objects.get(pk=1)
    assert after.min_population == before.min_population  # nothing half-written
    assert getattr(after, field) == getattr(before, field)


def test_it_refuses_fields_that_are_not_settings(alice):
    with pytest.raises(TypeError):
        network_settings_update(by=alice, colour="blue")


def test_it_adds_a_growth_target_with_a_label_in_both_languages(alice):
    target = growth_target_save(
        by=alice,
        deadline=datetime.date(2019, 12, 31),
        members=120,
        label_en="Medium-term strategy",
        label_fr="Stratégie à moyen terme",
    )
    with translation.override("fr"):
        assert GrowthTarget.objects.get(pk=target.pk).label == "Stratégie à moyen terme"
    assert target.history.first().history_user == alice


def test_it_refuses_a_second_target_for_the_same_deadline(alice):
    growth_target_save(by=alice, deadline=datetime.date(2017, 12, 31), members=100)
    with pytest.raises(ValidationError) as exc:
        growth_target_save(by=alice, deadline=datetime.date(2017, 12, 31), members=110)
    assert "already a target" in " ".join(exc.value.message_dict["deadline"])
    assert GrowthTarget.objects.get().members == 100


def test_it_changes_a_target_in_place(alice):
    target = growth_target_save(by=alice, deadline=datetime.date(2017, 12, 31), members=100)
    growth_target_save(by=alice, target=target, deadline=datetime.date(2017, 12, 31), members=105)
    assert GrowthTarget.objects.get().members == 105


@pytest.mark.parametrize(
    ("deadline", "members", "field"), [(None, 100, "deadline"), (datetime.date(2030, 1, 1), 0, "members")]
)
def test_it_names_the_missing_part_of_a_target(alice, deadline, members, field):
    with pytest.raises(ValidationError) as exc:
        growth_target_save(by=alice, deadline=deadline, members=members)
    assert field in exc.value.message_dict
    assert not GrowthTarget.objects.exists()


def test_it_deletes_a_target(alice):
    target = growth_target_save(by=alice, deadline=datetime.date(2017, 12, 31), members=100)
    pk = target.pk
    growth_target_delete(by=alice, target=target)
    assert not GrowthTarget.objects.exists()
    deletion = GrowthTarget.history.filter(id=pk).first()  # type: ignore[attr-defined]
    assert (deletion.history_type, deletion.history_user) == ("-", alice)


def test_changing_a_years_fee_leaves_membership_periods_as_they_are(alice, lyon):
    period = MembershipPeriodFactory(city=lyon, year=2026, amount=Decimal(5000))
    annual_fee_set(by=alice, year=2026, amount=Decimal(6000))
    assert AnnualFee.objects.get(year=2026).amount == Decimal(6000)
    period.refresh_from_db()
    assert period.amount == Decimal(5000)
    annual_fee_set(by=alice, year=2026, amount=Decimal("6500.50"))
    fee = AnnualFee.objects.get(year=2026)
    assert fee.amount == Decimal("6500.50")
    assert fee.history.first().history_user == alice


@pytest.mark.parametrize(
    ("year", "amount", "field"),
    [(2026, 0, "amount"), (2026, -5, "amount"), (206, 5000, "year"), (2026, "abc", "amount")],
)
def test_it_names_the_field_for_a_bad_fee(alice, year, amount, field):
    with pytest.raises(ValidationError) as exc:
        annual_fee_set(by=alice, year=year, amount=amount)
    assert field in exc.value.message_dict
    assert not AnnualFee.objects.exists()


# Pages


def test_the_settings_page_lists_targets_and_fees(as_alice, alice):
    growth_target_save(by=alice, deadline=datetime.date(2019, 12, 31), members=120, label_en="Strategy 2019")
    annual_fee_set(by=alice, year=2025, amount=Decimal(5000))
    response = as_alice.get("/manage/settings/")
    assert response.status_code == 200
    assert "minimum population" in response.text.lower()
    assert "Strategy 2019" in response.text and "2025" in response.text
    assert "show the demo-data notice" not in response.text


def test_the_settings_form_saves(as_alice):
    data = {
        "min_population": "20000",
        "min_diversity_share": "4.5",
        "admissions_per_quarter_cap": "5",
        "underrepresented_max_members": "3",
        "default_annual_fee": "5500",
        "fee_due_month": "4",
    }
    response = as_alice.post("/manage/settings/", data)
    assert response.status_code == 302
    row = NetworkSettings.objects.get(pk=1)
    assert (row.min_population, row.underrepresented_max_members, row.fee_due_month) == (20_000, 3, 4)


def test_the_settings_form_shows_the_fix_for_a_bad_value(as_alice):
    data = {
        "min_population": "0",
        "min_diversity_share": "5",
        "admissions_per_quarter_cap": "6",
        "underrepresented_max_members": "2",
        "default_annual_fee": "5000",
        "fee_due_month": "3",
    }
    response = as_alice.post("/manage/settings/", data)
    assert response.status_code == 200
    assert "The minimum population must be a positive number" in response.text
    assert NetworkSettings.objects.get(pk=1).min_population == 30_000


def test_a_target_is_added_changed_and_deleted_in_the_browser(as_alice):
    response = as_alice.post(
        "/manage/settings/targets/new/", {"deadline": "2017-12-31", "members": "100", "label_en": "End 2017"}
    )
    assert response.status_code == 302
    target = GrowthTarget.objects.get()
    response = as_alice.post(
        f"/manage/settings/targets/{target.pk}/edit/",
        {"deadline": "2017-12-31", "members": "101", "label_en": ""},
    )
    assert response.status_code == 302
    assert GrowthTarget.objects.get().members == 101
    assert as_alice.get(f"/manage/settings/targets/{target.pk}/delete/").status_code == 405
    assert as_alice.post(f"/manage/settings/targets/{target.pk}/delete/").status_code == 302
    assert not GrowthTarget.objects.exists()


def test_a_duplicate_deadline_is_refused_on_the_form(as_alice, alice):
    growth_target_save(by=alice, deadline=datetime.date(2017, 12, 31), members=100)
    response = as_alice.post("/manage/settings/targets/new/", {"deadline": "2017-12-31", "members": "90"})
    assert response.status_code == 200
    assert "There is already a target for" in response.text
    assert GrowthTarget.objects.count() == 1


def test_the_fee_page_sets_a_year_and_says_periods_are_not_changed(as_alice):
    page = as_alice.get("/manage/settings/fees/")
    assert page.status_code == 200
    assert "Membership periods already created keep the amount" in page.text
    response = as_alice.post("/manage/settings/fees/", {"year": "2027", "amount": "5200"})
    assert response.status_code == 302
    assert AnnualFee.objects.get(year=2027).amount == Decimal(5200)
    assert 'value="5200' in as_alice.get("/manage/settings/fees/?year=2027").text


def test_the_fee_page_names_the_field_for_a_zero_amount(as_alice):
    response = as_alice.post("/manage/settings/fees/", {"year": "2027", "amount": "0"})
    assert response.status_code == 200
    assert "above 0" in response.text
    assert not AnnualFee.objects.exists()


SECRETARIAT_PAGES = ["/manage/settings/", "/manage/settings/targets/new/", "/manage/settings/fees/"]


@pytest.mark.parametrize("path", SECRETARIAT_PAGES)
@pytest.mark.parametrize("who", ["bob", "carol", "erin", "frank", "grace"])
def test_only_the_secretariat_reaches_the_settings(db, request, who, path):
    user = request.getfixturevalue(who)
    assert client_for(user).get(path).status_code == 403


def test_others_cannot_change_or_delete_a_target(alice, bob):
    target = growth_target_save(by=alice, deadline=datetime.date(2017, 12, 31), members=100)
    client = client_for(bob)
    assert client.get(f"/manage/settings/targets/{target.pk}/edit/").status_code == 403
    assert client.post(f"/manage/settings/targets/{target.pk}/delete/").status_code == 403
    assert client.post("/manage/settings/fees/", {"year": "2027", "amount": "1"}).status_code == 403
    assert GrowthTarget.objects.exists() and not AnnualFee.objects.exists()


@pytest.mark.parametrize("path", SECRETARIAT_PAGES)
def test_a_visitor_is_sent_to_sign_in(db, path):
    response = client_for(None).get(path)
    assert response.status_code == 302 and "/login" in response["Location"]
