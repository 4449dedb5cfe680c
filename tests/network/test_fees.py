import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from icc.core.history import reason_display
from icc.core.workflow import TransitionNotAllowed
from icc.network.models import AnnualFee, CityStatus, FeeStatus, MembershipPeriod
from icc.network.selectors.access import network_settings
from icc.network.selectors.fees import outstanding_fees
from icc.network.services.fees import (
    fee_record_payment,
    fee_reopen,
    fee_update,
    fee_waive,
    fees_open_year,
)
from tests.conftest import client_for
from tests.factories import CityFactory, MembershipPeriodFactory

TODAY = datetime.date.today()


# Opening a year


def test_it_opens_a_year_for_member_and_suspended_cities_only(alice, lyon, porto, bergamo):
    suspended = CityFactory(name_en="Oslo", country="NO", status=CityStatus.SUSPENDED)
    CityFactory(name_en="Nantes", country="FR", status=CityStatus.WITHDRAWN, member_since=None)
    CityFactory(name_en="Tours", country="FR", status=CityStatus.ENQUIRY)

    created = fees_open_year(year=2026, by=alice)

    assert created == 3
    assert set(MembershipPeriod.objects.values_list("city__name_en", flat=True)) == {
        "Lyon",
        "Porto",
        suspended.name_en,
    }
    period = MembershipPeriod.objects.get(city=lyon)
    assert period.amount == Decimal(5000)
    assert period.due_date == datetime.date(2026, 3, 31)
    assert period.status == FeeStatus.DUE
    assert period.history.first().history_user == alice


def test_it_uses_the_fee_set_for_the_year_else_the_default(alice, lyon):
    row = network_settings()
    row.default_annual_fee = Decimal(6000)
    row.fee_due_month = 6
    row.save()
    AnnualFee.objects.create(year=2026, amount=Decimal("4500.50"))

    fees_open_year(year=2026, by=alice)
    fees_open_year(year=2025, by=alice)

    assert MembershipPeriod.objects.get(city=lyon, year=2026).amount == Decimal("4500.50")
    in_2025 = MembershipPeriod.objects.get(city=lyon, year=2025)
    assert in_2025.amount == Decimal(6000)
    assert in_2025.due_date == datetime.date(2025, 6, 30)


def test_running_it_twice_creates_nothing_new(alice, lyon, porto):
    assert fees_open_year(year=2026, by=alice) == 2
    assert fees_open_year(year=2026, by=alice) == 0
    assert MembershipPeriod.objects.count() == 2


def test_it_never_overwrites_an_existing_period(alice, lyon, porto):
    kept = MembershipPeriodFactory(
        city=lyon, year=2026, amount=Decimal(3000), status=FeeStatus.PAID, paid_on=datetime.date(2026, 2, 1)
    )
    AnnualFee.objects.create(year=2026, amount=Decimal(5500))

    assert fees_open_year(year=2026, by=alice) == 1

    kept.refresh_from_db()
    assert (kept.amount, kept.status, kept.paid_on) == (
        Decimal(3000),
        FeeStatus.PAID,
        datetime.date(2026, 2, 1),
    )
    assert kept.history.count() == 1
    assert MembershipPeriod.objects.get(city=porto, year=2026).amount == Decimal(5500)


def test_a_city_owes_nothing_for_a_year_before_it_joined(alice, lyon):
    CityFactory(name_en="Oslo", country="NO", member_since=datetime.date(2025, 5, 1))
    assert fees_open_year(year=2024, by=alice) == 1
    assert MembershipPeriod.objects.get().city == lyon


def test_it_refuses_an_implausible_year(alice, lyon):
    with pytest.raises(ValidationError) as exc:
        fees_open_year(year=1990, by=alice)
    assert "Choose a year between 2008" in " ".join(exc.value.message_dict["year"])
    assert not MembershipPeriod.objects.exists()


# Payments, exemptions, corrections


def test_it_records_a_payment_in_the_history(alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    fee_record_payment(period=period, by=alice, paid_on=TODAY, invoice_reference=" INV-7 ")
    period.refresh_from_db()
    assert (period.status, period.paid_on, period.invoice_reference) == (FeeStatus.PAID, TODAY, "INV-7")
    latest = period.history.first()
    assert latest.history_user == alice
    assert reason_display(latest.history_change_reason) == f"payment recorded ({TODAY.isoformat()})"


def test_it_refuses_a_payment_in_the_future(alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    with pytest.raises(ValidationError) as exc:
        fee_record_payment(period=period, by=alice, paid_on=TODAY + datetime.timedelta(days=1))
    assert "cannot be in the future" in " ".join(exc.value.message_dict["paid_on"])
    period.refresh_from_db()
    assert (period.status, period.paid_on) == (FeeStatus.DUE, None)


def test_a_paid_fee_cannot_be_paid_again(alice, lyon):
    period = MembershipPeriodFactory(city=lyon, status=FeeStatus.PAID, paid_on=datetime.date(2025, 2, 1))
    with pytest.raises(TransitionNotAllowed) as exc:
        fee_record_payment(period=period, by=alice, paid_on=TODAY)
    assert "Cannot go from “Paid” to “Paid”" in exc.value.messages[0]
    period.refresh_from_db()
    assert period.paid_on == datetime.date(2025, 2, 1)


def test_it_refuses_to_waive_without_a_reason(alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    with pytest.raises(ValidationError) as exc:
        fee_waive(period=period, by=alice, reason="   ")
    assert "Give the reason for the exemption" in " ".join(exc.value.message_dict["reason"])
    period.refresh_from_db()
    assert (period.status, period.exemption_reason) == (FeeStatus.DUE, "")
    assert period.history.count() == 1


def test_it_waives_a_fee_with_its_reason(alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    fee_waive(period=period, by=alice, reason="Budget freeze after the floods")
    period.refresh_from_db()
    assert period.status == FeeStatus.WAIVED
    assert period.exemption_reason == "Budget freeze after the floods"
    stored = period.history.first().history_change_reason
    assert reason_display(stored) == "waived: Budget freeze after the floods"


def test_reopening_needs_a_reason_and_makes_the_fee_due_again(alice, lyon):
    period = MembershipPeriodFactory(city=lyon, status=FeeStatus.PAID, paid_on=datetime.date(2025, 2, 1))
    with pytest.raises(ValidationError) as exc:
        fee_reopen(period=period, by=alice, reason="")
    assert "reason" in exc.value.message_dict

    fee_reopen(period=period, by=alice, reason="Payment was for Lyon's 2024 fee")
    period.refresh_from_db()
    assert (period.status, period.paid_on) == (FeeStatus.DUE, None)
    assert "Payment was for Lyon's 2024 fee" in period.note


def test_a_due_fee_cannot_be_reopened(alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    with pytest.raises(TransitionNotAllowed):
        fee_reopen(period=period, by=alice, reason="Why not")


def test_amount_and_due_date_change_only_while_due(alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    fee_update(
        period=period, by=alice, amount=Decimal(2500), due_date=datetime.date(2025, 6, 30), note="Half"
    )
    period.refresh_from_db()
    assert (period.amount, period.due_date, period.note) == (
        Decimal(2500),
        datetime.date(2025, 6, 30),
        "Half",
    )

    with pytest.raises(ValidationError) as exc:
        fee_update(period=period, by=alice, amount=Decimal(0), due_date=period.due_date, note="")
    assert "waive the fee instead" in " ".join(exc.value.message_dict["amount"])

    fee_waive(period=period, by=alice, reason="Hardship")
    with pytest.raises(ValidationError) as exc:
        fee_update(period=period, by=alice, amount=Decimal(100), due_date=period.due_date, note="")
    assert "Reopen it first" in exc.value.messages[0]
    period.refresh_from_db()
    assert period.amount == Decimal(2500)


# Pages


def test_overdue_is_shown_after_the_due_date(as_alice, lyon, porto):
    MembershipPeriodFactory(city=lyon, year=TODAY.year, due_date=TODAY - datetime.timedelta(days=1))
    MembershipPeriodFactory(city=porto, year=TODAY.year, due_date=TODAY + datetime.timedelta(days=30))

    page = as_alice.get(f"/manage/fees/?year={TODAY.year}").text
    assert page.count("badge-overdue") == 1

    overdue_only = as_alice.get(f"/manage/fees/?year={TODAY.year}&status=overdue").text
    assert "Lyon" in overdue_only and "Porto" not in overdue_only
    due_only = as_alice.get(f"/manage/fees/?year={TODAY.year}&status=due").text
    assert "Porto" in due_only and "Lyon" not in due_only


def test_the_fee_list_shows_the_year_totals(as_alice, lyon, porto, reggio):
    MembershipPeriodFactory(city=lyon, year=2025, status=FeeStatus.PAID, paid_on=datetime.date(2025, 3, 1))
    MembershipPeriodFactory(city=porto, year=2025, amount=Decimal("1234.5"))
    MembershipPeriodFactory(city=reggio, year=2025, status=FeeStatus.WAIVED, exemption_reason="Hardship")

    page = as_alice.get("/manage/fees/?year=2025").text

    assert "5,000.00 EUR" in page  # paid
    assert "1,234.50 EUR" in page  # overdue (due 31 March 2025)
    assert "Hardship" in page
    assert "3 membership periods, 11,234.50 EUR in all; still owed: 1,234.50 EUR." in page


def test_the_outstanding_view_groups_what_each_city_owes(as_alice, lyon, porto):
    MembershipPeriodFactory(city=lyon, year=2024)
    MembershipPeriodFactory(city=lyon, year=2025)
    MembershipPeriodFactory(city=porto, year=2025, amount=Decimal(4000))
    MembershipPeriodFactory(city=porto, year=2024, status=FeeStatus.PAID, paid_on=datetime.date(2024, 3, 1))
    MembershipPeriodFactory(
        city=porto, year=TODAY.year + 1, amount=Decimal(100), due_date=TODAY + datetime.timedelta(days=90)
    )

    result = outstanding_fees()

    assert [(d.city.name, d.amount, d.oldest_year, d.overdue) for d in result.debts] == [
        ("Lyon", Decimal(10000), 2024, True),
        ("Porto", Decimal(4100), 2025, True),
    ]
    assert result.amount == Decimal(14100)
    assert result.overdue_amount == Decimal(14000)
    page = as_alice.get("/manage/fees/outstanding/").text
    assert "14,100.00 EUR" in page and "10,000.00 EUR" in page
    assert page.index("Lyon") < page.index("Porto")


def test_opening_a_year_from_the_page_says_how_many_were_created(as_alice, lyon, porto):
    response = as_alice.post("/manage/fees/open-year/", {"year": "2026"}, follow=True)
    assert "2 membership periods created for 2026." in response.text
    assert "Lyon" in response.text

    response = as_alice.post("/manage/fees/open-year/", {"year": "2026"}, follow=True)
    assert "No membership period created" in response.text
    assert MembershipPeriod.objects.count() == 2


def test_opening_a_bad_year_from_the_page_names_the_field(as_alice, lyon):
    response = as_alice.post("/manage/fees/open-year/", {"year": "1900"}, follow=True)
    assert "Year: Choose a year between 2008" in response.text
    assert not MembershipPeriod.objects.exists()


def test_the_secretariat_records_a_payment_on_the_fee_page(as_alice, alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    page = as_alice.get(f"/manage/fees/{period.pk}/").text
    assert "Record the payment" in page and "Waive the fee" in page and "Reopen the fee" not in page

    response = as_alice.post(
        f"/manage/fees/{period.pk}/",
        {"action": "pay", "pay-paid_on": TODAY.isoformat(), "pay-invoice_reference": "INV-1"},
        follow=True,
    )
    assert "Payment of the 2025 fee of Lyon recorded." in response.text
    period.refresh_from_db()
    assert period.status == FeeStatus.PAID

    page = as_alice.get(f"/manage/fees/{period.pk}/").text
    assert "Reopen the fee" in page and "Record the payment" not in page
    assert "payment recorded" in page and "Alice Martin" in page


def test_waiving_without_a_reason_on_the_page_shows_the_message(as_alice, lyon):
    period = MembershipPeriodFactory(city=lyon)
    response = as_alice.post(f"/manage/fees/{period.pk}/", {"action": "waive", "waive-reason": ""})
    assert response.status_code == 200
    assert "Give the reason for the exemption" in response.text
    period.refresh_from_db()
    assert period.status == FeeStatus.DUE


def test_a_stale_page_gets_the_refusal_not_a_silent_no_op(as_alice, lyon):
    period = MembershipPeriodFactory(city=lyon, status=FeeStatus.WAIVED, exemption_reason="Hardship")
    response = as_alice.post(
        f"/manage/fees/{period.pk}/", {"action": "pay", "pay-paid_on": TODAY.isoformat()}
    )
    assert "Cannot go from “Waived” to “Paid”" in response.text
    period.refresh_from_db()
    assert period.status == FeeStatus.WAIVED


# Access


def test_bob_sees_lyons_fees_but_not_portos(as_bob, lyon, porto):
    MembershipPeriodFactory(city=lyon, year=2025, invoice_reference="LYON-25")
    MembershipPeriodFactory(city=porto, year=2025, invoice_reference="PORTO-25")
    response = as_bob.get("/manage/cities/lyon/fees/")
    assert response.status_code == 200
    assert "LYON-25" in response.text and "5,000.00 EUR" in response.text
    assert as_bob.get("/manage/cities/porto/fees/").status_code == 404


def test_carol_the_contributor_cannot_see_lyons_fees(carol, lyon):
    MembershipPeriodFactory(city=lyon)
    assert client_for(carol).get("/manage/cities/lyon/fees/").status_code == 403


def test_only_the_secretariat_manages_fees(as_alice, bob, dave, erin, lyon, porto):
    lyons = MembershipPeriodFactory(city=lyon)
    as_bob = client_for(bob)
    assert (
        as_bob.get(f"/manage/fees/{lyons.pk}/").status_code == 403
    )  # reads Lyon's fees, does not change them
    assert client_for(dave).get(f"/manage/fees/{lyons.pk}/").status_code == 403
    assert client_for(erin).get(f"/manage/fees/{lyons.pk}/").status_code == 403
    assert as_alice.get(f"/manage/fees/{lyons.pk + 100}/").status_code == 404
    for url in ("/manage/fees/", "/manage/fees/outstanding/"):
        assert as_bob.get(url).status_code == 403
    assert as_bob.post("/manage/fees/open-year/", {"year": "2026"}).status_code == 403
    assert (
        as_bob.post(f"/manage/fees/{lyons.pk}/", {"action": "waive", "waive-reason": "Mine"}).status_code
        == 403
    )
    assert not MembershipPeriod.objects.filter(year=2026).exists()
    lyons.refresh_from_db()
    assert lyons.status == FeeStatus.DUE


def test_signed_out_visitors_are_sent_to_sign_in(client, lyon):
    assert client.get("/manage/fees/").status_code == 302
    assert client.get("/manage/cities/lyon/fees/").status_code == 302


# Queries


def _fee_list_queries(client, count: int) -> int:
    MembershipPeriod.objects.all().delete()
    for _ in range(count):
        MembershipPeriodFactory(year=2025)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/manage/fees/?year=2025")
    assert response.status_code == 200
    return len(queries)


def test_the_fee_list_query_count_does_not_grow_with_the_rows(as_alice):
    as_alice.get("/manage/fees/")  # the first page of a session also writes the settings row and the session
    few = _fee_list_queries(as_alice, 5)
    many = _fee_list_queries(as_alice, 40)
    assert many == few
    assert many <= 12


def test_after_recording_a_payment_or_a_waiver_the_person_returns_where_they_came_from(as_alice, lyon):
    paid, waived = MembershipPeriodFactory(city=lyon), MembershipPeriodFactory(city=lyon, year=2024)
    city_page = f"/manage/cities/{lyon.slug}/fees/"
    listing = as_alice.get(city_page).text
    assert f"/manage/fees/{paid.pk}/?next=" in listing
    page = as_alice.get(f"/manage/fees/{paid.pk}/", {"next": city_page}).text
    assert f'name="next" value="{city_page}"' in page
    response = as_alice.post(
        f"/manage/fees/{paid.pk}/",
        {"action": "pay", "pay-paid_on": TODAY.isoformat(), "next": city_page},
    )
    assert response["Location"] == city_page
    response = as_alice.post(
        f"/manage/fees/{waived.pk}/",
        {"action": "waive", "waive-reason": "Hardship", "next": "/manage/fees/?year=2024&status=due"},
    )
    assert response["Location"] == "/manage/fees/?year=2024&status=due"


def test_a_next_address_on_another_site_is_ignored(as_alice, lyon):
    targets = ("https://evil.example.org/", "//evil.example.org/", "javascript:alert(1)")
    for year, target in enumerate(targets, start=2021):
        period = MembershipPeriodFactory(city=lyon, year=year)
        response = as_alice.post(
            f"/manage/fees/{period.pk}/",
            {"action": "pay", "pay-paid_on": TODAY.isoformat(), "next": target},
        )
        assert response["Location"] == f"/manage/fees/?year={year}"
