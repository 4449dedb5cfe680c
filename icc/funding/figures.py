"""Pure computation of a year's funding (no Django, no ORM): totals, balance, and the fee income of each
member city against the cost of the services it received. Tested with plain data
(tests/funding/test_figures.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Row:
    """One line of income or spending: `planned` (or committed) and `actual` (received or paid)."""

    key: str
    label: str
    planned: Decimal
    actual: Decimal
    entered: bool = False  # typed by the secretariat (budget lines, other costs) rather than read

    @property
    def difference(self) -> Decimal:
        return self.actual - self.planned


def total(rows: Iterable[Row]) -> tuple[Decimal, Decimal]:
    """(planned, actual) summed over rows."""
    planned = actual = ZERO
    for row in rows:
        planned += row.planned
        actual += row.actual
    return planned, actual


def non_empty(rows: Iterable[Row]) -> list[Row]:
    """Rows with any money, planned or actual: a source with nothing in a year is not shown."""
    return [row for row in rows if row.planned or row.actual]


@dataclass(frozen=True)
class CityBalance:
    """A member city's fee against the services it received in the same year.

    `fee_invoiced`: the year's fee unless waived; `fee_paid`: what was paid; `expert_cost`: the approved
    expert claims (fees, travel and subsistence) of expert work for the city starting that year;
    `events_cost`: the travel funding approved for the city's participants in that year's events.
    `balance` = fee_paid - (expert_cost + events_cost):
    positive when the city paid more than its services cost."""

    city_id: int
    city: str
    fee_invoiced: Decimal
    fee_paid: Decimal
    expert_cost: Decimal
    events_cost: Decimal

    @property
    def services_cost(self) -> Decimal:
        return self.expert_cost + self.events_cost

    @property
    def balance(self) -> Decimal:
        return self.fee_paid - self.services_cost


def city_balances(
    names: dict[int, str],
    fees: dict[int, tuple[Decimal, Decimal]],
    expert_costs: dict[int, Decimal],
    events_costs: dict[int, Decimal],
) -> list[CityBalance]:
    """One row per city present in any of the inputs; the cities whose services cost most beyond their fee
    first, then by name."""
    ids = set(fees) | set(expert_costs) | set(events_costs)
    rows = [
        CityBalance(
            city_id=pk,
            city=names.get(pk, "—"),
            fee_invoiced=fees.get(pk, (ZERO, ZERO))[0],
            fee_paid=fees.get(pk, (ZERO, ZERO))[1],
            expert_cost=expert_costs.get(pk, ZERO),
            events_cost=events_costs.get(pk, ZERO),
        )
        for pk in ids
    ]
    return sorted(rows, key=lambda row: (row.balance, row.city))


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal; None when `whole` is zero."""
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))
