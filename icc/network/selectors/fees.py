"""Reads of membership fees: a year's list with its totals, what is still owed, one city's fees."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

from icc.core.countries import country_name
from icc.core.search import collation_key, search
from icc.network.models import City, FeeStatus, MembershipPeriod

OVERDUE = "overdue"
STATUS_FILTERS: list[tuple[str, Any]] = [
    (FeeStatus.DUE.value, FeeStatus.DUE.label),
    (OVERDUE, _("Overdue")),
    (FeeStatus.PAID.value, FeeStatus.PAID.label),
    (FeeStatus.WAIVED.value, FeeStatus.WAIVED.label),
]


def get_period_for_user(user: Any, pk: int) -> MembershipPeriod:
    """A fee to manage: the secretariat's alone (403 for anyone else, before revealing whether it exists).

    A city's coordinator reads the city's fees on the city's fee page, never through this one."""
    if not user.has_perm("network.manage_fees"):
        raise PermissionDenied
    period = MembershipPeriod.objects.select_related("city", "city__national_network").filter(pk=pk).first()
    if period is None:
        raise Http404("No such membership period.")
    return period


def _status_q(status: str, today: datetime.date) -> Q:
    """The four buckets a reader sees: due (not yet late), overdue, paid, waived; they never overlap."""
    if status == OVERDUE:
        return Q(status=FeeStatus.DUE, due_date__lt=today)
    if status == FeeStatus.DUE:
        return Q(status=FeeStatus.DUE, due_date__gte=today)
    return Q(status=status)


@dataclass
class FeeTotals:
    due_amount: Decimal = Decimal(0)
    due_count: int = 0
    overdue_amount: Decimal = Decimal(0)
    overdue_count: int = 0
    paid_amount: Decimal = Decimal(0)
    paid_count: int = 0
    waived_amount: Decimal = Decimal(0)
    waived_count: int = 0

    @property
    def outstanding_amount(self) -> Decimal:
        """Everything still owed: due and overdue together."""
        return self.due_amount + self.overdue_amount

    @property
    def outstanding_count(self) -> int:
        return self.due_count + self.overdue_count

    @property
    def total_amount(self) -> Decimal:
        return self.outstanding_amount + self.paid_amount + self.waived_amount

    @property
    def total_count(self) -> int:
        return self.outstanding_count + self.paid_count + self.waived_count


def fee_totals(periods: QuerySet[MembershipPeriod], today: datetime.date | None = None) -> FeeTotals:
    """Amounts and counts per bucket, in one query."""
    today = today or datetime.date.today()
    aggregates: dict[str, Any] = {}
    for bucket in (FeeStatus.DUE.value, OVERDUE, FeeStatus.PAID.value, FeeStatus.WAIVED.value):
        condition = _status_q(bucket, today)
        aggregates[f"{bucket}_amount"] = Sum("amount", filter=condition, default=Decimal(0))
        aggregates[f"{bucket}_count"] = Count("pk", filter=condition)
    return FeeTotals(**periods.order_by().aggregate(**aggregates))


@dataclass
class FeeListing:
    year: int
    years: list[int]
    periods: list[MembershipPeriod]
    totals: FeeTotals
    status: str
    country: str
    q: str
    countries: list[tuple[str, str]]
    statuses: list[tuple[str, Any]] = field(default_factory=lambda: STATUS_FILTERS)

    @property
    def filtered(self) -> bool:
        return bool(self.status or self.country or self.q)


def fee_years() -> list[int]:
    """Every year with fees, plus this year and the next so that they can be opened."""
    this_year = datetime.date.today().year
    stored = MembershipPeriod.objects.order_by().values_list("year", flat=True).distinct()
    return sorted({*stored, this_year, this_year + 1}, reverse=True)


def fee_list_filtered(params: QueryDict, today: datetime.date | None = None) -> FeeListing:
    """One year's periods. Totals follow the country and search filters, not the status filter, so that
    they show how the selection splits between due, overdue, paid and waived."""
    today = today or datetime.date.today()
    try:
        year = int(params.get("year", ""))
    except ValueError:
        year = today.year
    status = params.get("status", "")
    status = status if status in dict(STATUS_FILTERS) else ""
    country = params.get("country", "").upper()
    q = params.get("q", "").strip()

    of_year = MembershipPeriod.objects.filter(year=year)
    codes = set(of_year.order_by().values_list("city__country", flat=True).distinct())
    periods = of_year.select_related("city")
    if country:
        periods = periods.filter(city__country=country)
    if q:
        periods = search(periods, q, ["city__name_en", "city__name_fr", "invoice_reference"])
    totals = fee_totals(periods, today)
    if status:
        periods = periods.filter(_status_q(status, today))
    return FeeListing(
        year=year,
        years=sorted({*fee_years(), year}, reverse=True),
        periods=sorted(periods, key=lambda p: (collation_key(p.city.name), p.city.country)),
        totals=totals,
        status=status,
        country=country,
        q=q,
        countries=sorted(((c, country_name(c)) for c in codes), key=lambda pair: collation_key(pair[1])),
    )


@dataclass
class CityDebt:
    city: City
    periods: list[MembershipPeriod]
    amount: Decimal
    oldest_year: int
    overdue: bool
    overdue_amount: Decimal


@dataclass
class Outstanding:
    debts: list[CityDebt]
    amount: Decimal
    overdue_amount: Decimal
    period_count: int


def outstanding_fees(today: datetime.date | None = None) -> Outstanding:
    """Every fee still due, whatever its year, grouped by city; the largest debts first."""
    today = today or datetime.date.today()
    by_city: dict[int, list[MembershipPeriod]] = {}
    due = MembershipPeriod.objects.filter(status=FeeStatus.DUE).select_related("city").order_by("year")
    for period in due:
        by_city.setdefault(period.city_id, []).append(period)
    debts = []
    for periods in by_city.values():
        late = [p for p in periods if p.is_overdue(today)]
        debts.append(
            CityDebt(
                city=periods[0].city,
                periods=periods,
                amount=sum((p.amount for p in periods), Decimal(0)),
                oldest_year=periods[0].year,
                overdue=bool(late),
                overdue_amount=sum((p.amount for p in late), Decimal(0)),
            )
        )
    debts.sort(key=lambda d: (-d.amount, d.oldest_year, d.city.name.casefold()))
    return Outstanding(
        debts=debts,
        amount=sum((d.amount for d in debts), Decimal(0)),
        overdue_amount=sum((d.overdue_amount for d in debts), Decimal(0)),
        period_count=sum(len(d.periods) for d in debts),
    )


@dataclass
class CityFees:
    city: City
    periods: list[MembershipPeriod]
    totals: FeeTotals


def city_fees(city: City, today: datetime.date | None = None) -> CityFees:
    periods = MembershipPeriod.objects.filter(city=city)
    return CityFees(
        city=city,
        periods=list(periods.select_related("city").order_by("-year")),
        totals=fee_totals(periods, today),
    )
