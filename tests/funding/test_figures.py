"""The pure computation of a year's funding, with plain data."""

from decimal import Decimal

from icc.funding.figures import Row, city_balances, non_empty, share, total

D = Decimal


def test_totals_add_planned_and_actual_separately():
    rows = [Row("a", "A", D("100"), D("90")), Row("b", "B", D("50"), D("60"))]
    assert total(rows) == (D("150"), D("150"))
    assert rows[0].difference == D("-10")


def test_a_source_with_no_money_at_all_is_left_out():
    rows = [Row("a", "A", D("0"), D("0")), Row("b", "B", D("0"), D("5"))]
    assert [row.key for row in non_empty(rows)] == ["b"]


def test_city_balance_is_the_fee_paid_less_the_services_received():
    rows = city_balances(
        {1: "Lyon", 2: "Porto", 3: "Reggio Emilia"},
        {1: (D("5000"), D("5000")), 2: (D("5000"), D("0"))},
        {1: D("3200"), 3: D("1500")},
        {2: D("800")},
    )
    by_city = {row.city: row for row in rows}
    assert by_city["Lyon"].balance == D("1800")
    assert by_city["Porto"].balance == D("-800")
    assert by_city["Porto"].fee_invoiced == D("5000")
    # A city with services but no fee recorded still shows, with nothing paid.
    assert by_city["Reggio Emilia"].balance == D("-1500")
    # The cities whose services cost most beyond their fee come first.
    assert [row.city for row in rows] == ["Reggio Emilia", "Porto", "Lyon"]


def test_share_is_none_when_the_whole_is_zero():
    assert share(D("1"), D("0")) is None
    assert share(D("1"), D("3")) == D("33.3")
