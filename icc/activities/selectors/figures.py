"""Figures of the programme's activities: gender balance of participants per event, per kind and per year
(counted only by icc/core/gender.py, against the target that is data), and the totals of travel funding
(requested, approved, paid) per event, per year and per city."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from icc.activities.models import (
    ClaimStatus,
    Event,
    EventKind,
    FundingRequest,
    FundingStatus,
    GenderTarget,
    Registration,
    RegistrationStatus,
    ReimbursementClaim,
)
from icc.activities.selectors.events import attended_registrations
from icc.core.gender import GenderBalance, gender_balance

ZERO = Decimal("0.00")


def target_for(
    year: int, kind: EventKind | None = None, targets: list[GenderTarget] | None = None
) -> int | None:
    """The share of women aimed at for `year` (and `kind`): the latest target from that year or before, a
    kind's own before the general one. `targets`: every target, read once by a caller with many rows."""
    if targets is None:
        targets = list(GenderTarget.objects.all())
    applying = sorted((t for t in targets if t.from_year <= year), key=lambda t: -t.from_year)
    if kind is not None:
        own = next((t for t in applying if t.kind_id == kind.pk), None)
        if own is not None:
            return own.women_share
    general = next((t for t in applying if t.kind_id is None), None)
    return general.women_share if general else None


def event_gender_balance(event: Event) -> GenderBalance:
    """Participants present (or, before the event, registered): one value per person."""
    registrations = attended_registrations(event)
    if not registrations.exists():
        registrations = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
    return gender_balance(registrations.values_list("contact__gender", flat=True))


@dataclass
class BalanceRow:
    label: str
    balance: GenderBalance
    target: int | None

    @property
    def meets(self) -> bool | None:
        share = self.balance.women_share
        if share is None or self.target is None:
            return None
        return share >= self.target


def balance_by_year_and_kind(year: int | None = None) -> tuple[list[BalanceRow], list[BalanceRow]]:
    """Rows per year (every year, or the one asked) and per kind of event (within that year), each person
    counted once per row however many events they attended."""
    present = Registration.objects.filter(status=RegistrationStatus.REGISTERED, attended=True)
    if year:
        present = present.filter(event__starts_at__year=year)
    rows = present.annotate(y=ExtractYear("event__starts_at")).values_list(
        "y", "event__kind_id", "contact_id", "contact__gender"
    )
    by_year: dict[int, dict[int, str]] = defaultdict(dict)
    by_kind: dict[int, dict[int, str]] = defaultdict(dict)
    for y, kind_id, contact_id, gender in rows:
        by_year[y][contact_id] = gender
        by_kind[kind_id][contact_id] = gender
    kinds = {kind.pk: kind for kind in EventKind.objects.all()}
    targets = list(GenderTarget.objects.all())
    latest = year or (max(by_year) if by_year else 0)
    year_rows = [
        BalanceRow(str(y), gender_balance(people.values()), target_for(y, targets=targets))
        for y, people in sorted(by_year.items())
    ]
    kind_rows = [
        BalanceRow(
            str(kinds[k]),
            gender_balance(people.values()),
            target_for(latest, kinds[k], targets) if latest else None,
        )
        for k, people in sorted(by_kind.items(), key=lambda item: kinds[item[0]].order)
    ]
    return year_rows, kind_rows


@dataclass
class FundingTotals:
    label: str
    requested: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO
    travellers: int = 0


def _add(
    totals: dict[object, FundingTotals], key: object, label: str, funding: FundingRequest, paid: Decimal
) -> None:
    row = totals.setdefault(key, FundingTotals(label))
    row.requested += funding.requested_total
    if funding.status == FundingStatus.APPROVED:
        row.approved += funding.approved_total
        row.travellers += 1
    row.paid += paid


def funding_totals(
    year: int | None = None,
) -> tuple[list[FundingTotals], list[FundingTotals], list[FundingTotals]]:
    """Totals per event, per year and per city (the city a participant represented) of requested,
    approved and paid travel and subsistence. Read later by the programme's budget."""
    requests = FundingRequest.objects.select_related("registration__event", "registration__city")
    if year:
        requests = requests.filter(registration__event__starts_at__year=year)
    paid = dict(
        ReimbursementClaim.objects.filter(status=ClaimStatus.PAID)
        .values_list("registration_id")
        .annotate(paid_total=Sum("paid_amount"))
        .values_list("registration_id", "paid_total")
    )
    per_event: dict[object, FundingTotals] = {}
    per_year: dict[object, FundingTotals] = {}
    per_city: dict[object, FundingTotals] = {}
    for funding in requests.order_by("registration__event__starts_at", "pk"):
        registration = funding.registration
        event = registration.event
        amount = paid.get(registration.pk) or ZERO
        _add(per_event, event.pk, str(event), funding, amount)
        _add(per_year, event.starts_at.year, str(event.starts_at.year), funding, amount)
        city = registration.city
        _add(per_city, city.pk if city else None, city.name if city else "—", funding, amount)
    return (
        list(per_event.values()),
        [per_year[key] for key in sorted(per_year, key=lambda k: int(str(k)))],
        sorted(per_city.values(), key=lambda row: (-row.approved, row.label)),
    )


def event_funding(event: Event) -> FundingTotals:
    row = FundingTotals(str(event))
    paid = (
        ReimbursementClaim.objects.filter(registration__event=event, status=ClaimStatus.PAID).aggregate(
            total=Sum("paid_amount")
        )["total"]
        or ZERO
    )
    for funding in FundingRequest.objects.filter(registration__event=event):
        _add({0: row}, 0, row.label, funding, ZERO)
    row.paid = paid
    return row
