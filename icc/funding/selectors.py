"""Reads of funding and partners: a year's income and spending (with what is read from the other apps), the
fund-raising pipeline, the partners; and the one access rule (`require_secretariat`): finance and partners'
records are the secretariat's alone; the public reads only `Partner.objects.public()`.

Where the money is read from, never typed again:
- fee income: icc.network's membership fees of the year (`fee_totals`): planned = invoiced (not waived),
  actual = paid;
- expert fees, travel and subsistence: icc.experts' expense claims approved (or corrected) by the secretariat
  for expert work starting in the year (actual), against the work's planned fees and expenses (planned);
- events' travel funding: icc.activities' `funding_totals(year)`: planned = approved, actual = paid;
- partners' cash contributions of the year (both planned and actual).

`funding_for_year(year)` is what the programme's annual report reads: the ACTUAL amounts (received, paid)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from icc.accounts.rules import is_secretariat as is_secretariat
from icc.accounts.rules import require_secretariat as require_secretariat
from icc.activities.models import FundingRequest
from icc.activities.models import FundingStatus as EventFundingStatus
from icc.activities.selectors.figures import funding_totals
from icc.core.history import HistoryEntry, history_entries
from icc.experts.models import Assignment, AssignmentStatus, ClaimStatus, ExpenseClaim
from icc.funding.figures import ZERO, CityBalance, Row, city_balances, non_empty, total
from icc.funding.models import (
    APPLICATION_WORKFLOW,
    GRANTED_STATES,
    ApplicationStatus,
    BudgetLine,
    ContributionKind,
    CostCategory,
    Donor,
    FundingApplication,
    FundingProject,
    IncomeSource,
    OtherCost,
    Partner,
    PartnerContribution,
)
from icc.network.models import FeeStatus, MembershipPeriod
from icc.network.selectors.fees import fee_totals

CENT = Decimal("0.01")
CLAIMS_COUNTED = (ClaimStatus.APPROVED, ClaimStatus.CORRECTED)
DEADLINE_WINDOW = datetime.timedelta(days=30)


# ---------------------------------------------------------------------------------------------- access


def get_application_for_user(user: Any, pk: int) -> FundingApplication:
    require_secretariat(user)
    return get_object_or_404(FundingApplication.objects.select_related("donor"), pk=pk)


def get_partner_for_user(user: Any, pk: int) -> Partner:
    require_secretariat(user)
    return get_object_or_404(Partner, pk=pk)


# ---------------------------------------------------------------------------------------------- a year


@dataclass(frozen=True)
class FundingLine:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class YearFunding:
    year: int
    income: list[FundingLine]
    spending: list[FundingLine]
    income_total: Decimal
    spending_total: Decimal


def _money(value: Decimal | None) -> Decimal:
    """Cents: SQLite's sums of decimals come back with float noise (374810.4000000000)."""
    return Decimal(value).quantize(CENT) if value is not None else ZERO


def _cents(rows: list[Row]) -> list[Row]:
    return [
        Row(row.key, row.label, _money(row.planned), _money(row.actual), row.entered)
        for row in non_empty(rows)
    ]


def income_rows(year: int) -> list[Row]:
    """Every source of the year, in a fixed order; sources with nothing that year left out."""
    lines = list(BudgetLine.objects.filter(year=year).select_related("project", "donor").order_by("pk"))
    rows: list[Row] = []

    def entered(source: str, key: str, label: str, chosen: list[BudgetLine]) -> None:
        if chosen:
            rows.append(
                Row(
                    key=key,
                    label=label,
                    planned=sum((line.planned for line in chosen), ZERO),
                    actual=sum((_money(line.actual) for line in chosen), ZERO),
                    entered=True,
                )
            )

    entered(
        IncomeSource.ORDINARY,
        "ordinary",
        str(IncomeSource.ORDINARY.label),
        [line for line in lines if line.source == IncomeSource.ORDINARY],
    )
    projects: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        if line.source == IncomeSource.EU and line.project_id:
            projects[line.project_id].append(line)
    for chosen in sorted(projects.values(), key=lambda group: group[0].project.name):  # type: ignore[union-attr]
        project = chosen[0].project
        assert project is not None
        entered(IncomeSource.EU, f"eu:{project.pk}", _("EU co-funding: %(name)s") % {"name": project}, chosen)

    # Voluntary contributions per donor: budget lines, plus the grants of applications of the year.
    donors: dict[int, tuple[str, Decimal, Decimal]] = {}
    for line in lines:
        if line.source == IncomeSource.DONOR and line.donor_id:
            name, planned, actual = donors.get(line.donor_id, (str(line.donor), ZERO, ZERO))
            donors[line.donor_id] = (name, planned + line.planned, actual + _money(line.actual))
    grants = (
        FundingApplication.objects.filter(year=year, status__in=GRANTED_STATES)
        .select_related("donor")
        .order_by("pk")
    )
    for application in grants:
        granted = _money(application.amount_granted)
        name, planned, actual = donors.get(application.donor_id, (str(application.donor), ZERO, ZERO))
        donors[application.donor_id] = (name, planned + granted, actual + granted)
    for pk, (name, planned, actual) in sorted(donors.items(), key=lambda item: item[1][0]):
        rows.append(
            Row(
                key=f"donor:{pk}",
                label=_("Voluntary contribution: %(name)s") % {"name": name},
                planned=planned,
                actual=actual,
                entered=True,
            )
        )

    fees = fee_totals(MembershipPeriod.objects.filter(year=year))
    rows.append(
        Row(
            key="fees",
            label=_("Member cities' fees"),
            planned=fees.total_amount - fees.waived_amount,
            actual=fees.paid_amount,
        )
    )
    entered(
        IncomeSource.NETWORKS,
        "networks",
        capfirst(str(IncomeSource.NETWORKS.label)),
        [line for line in lines if line.source == IncomeSource.NETWORKS],
    )
    cash = PartnerContribution.objects.filter(year=year, kind=ContributionKind.CASH).aggregate(
        total=Sum("amount", default=ZERO)
    )["total"]
    rows.append(Row(key="partners", label=_("Partners' cash contributions"), planned=cash, actual=cash))
    return _cents(rows)


def spending_rows(year: int, events_by_year: dict[str, Any] | None = None) -> list[Row]:
    """Expert work (fees; travel and subsistence), events' travel funding, and other costs by category."""
    assignments = Assignment.objects.filter(starts_on__year=year).exclude(status=AssignmentStatus.CANCELLED)
    planned = assignments.aggregate(
        fees=Sum("fee_planned", default=ZERO), expenses=Sum("expenses_planned", default=ZERO)
    )
    claimed = ExpenseClaim.objects.filter(
        status__in=CLAIMS_COUNTED, assignment_expert__assignment__starts_on__year=year
    ).aggregate(
        fees=Sum("fee", default=ZERO),
        expenses=Sum(F("travel") + F("subsistence"), default=ZERO),
    )
    rows = [
        Row(key="expert_fees", label=_("Expert fees"), planned=planned["fees"], actual=claimed["fees"]),
        Row(
            key="expert_travel",
            label=_("Experts' travel and subsistence"),
            planned=planned["expenses"],
            actual=claimed["expenses"],
        ),
    ]
    if events_by_year is None:
        _per_event, per_year, _per_city = funding_totals(year)
        events = per_year[0] if per_year else None
    else:
        events = events_by_year.get(str(year))
    rows.append(
        Row(
            key="events",
            label=_("Events: participants' travel funding"),
            planned=events.approved if events else ZERO,
            actual=events.paid if events else ZERO,
        )
    )
    costs = dict(
        OtherCost.objects.filter(date__year=year)
        .order_by()
        .values_list("category")
        .annotate(total=Sum("amount"))
        .values_list("category", "total")
    )
    for category in CostCategory:
        amount = costs.get(category.value)
        if amount:
            rows.append(
                Row(
                    key=f"other:{category.value}",
                    label=_("Other costs: %(category)s") % {"category": category.label},
                    planned=amount,
                    actual=amount,
                    entered=True,
                )
            )
    return _cents(rows)


def funding_for_year(year: int) -> YearFunding:
    """The year's actual income and spending by line (what came in, what was paid), for the annual report."""
    income = [FundingLine(row.label, row.actual) for row in income_rows(year) if row.actual]
    spending = [FundingLine(row.label, row.actual) for row in spending_rows(year) if row.actual]
    return YearFunding(
        year=year,
        income=income,
        spending=spending,
        income_total=sum((line.amount for line in income), ZERO),
        spending_total=sum((line.amount for line in spending), ZERO),
    )


def city_fee_balances(year: int) -> list[CityBalance]:
    """Per city, the year's fee against the cost of the services it received (see figures.CityBalance)."""
    names: dict[int, str] = {}
    fees: dict[int, tuple[Decimal, Decimal]] = {}
    for period in MembershipPeriod.objects.filter(year=year).select_related("city").order_by("pk"):
        names[period.city_id] = period.city.name
        invoiced = ZERO if period.status == FeeStatus.WAIVED else period.amount
        paid = period.amount if period.status == FeeStatus.PAID else ZERO
        fees[period.city_id] = (invoiced, paid)
    expert_costs: dict[int, Decimal] = defaultdict(lambda: ZERO)
    claims = (
        ExpenseClaim.objects.filter(
            status__in=CLAIMS_COUNTED,
            assignment_expert__assignment__starts_on__year=year,
            assignment_expert__assignment__city__isnull=False,
        )
        .select_related("assignment_expert__assignment__city")
        .order_by("pk")
    )
    for claim in claims:
        city = claim.assignment_expert.assignment.city
        assert city is not None
        names.setdefault(city.pk, city.name)
        expert_costs[city.pk] += claim.total
    events_costs: dict[int, Decimal] = defaultdict(lambda: ZERO)
    requests = (
        FundingRequest.objects.filter(
            status=EventFundingStatus.APPROVED,
            registration__event__starts_at__year=year,
            registration__city__isnull=False,
        )
        .select_related("registration__city")
        .order_by("pk")
    )
    for request in requests:
        city = request.registration.city
        assert city is not None
        names.setdefault(city.pk, city.name)
        events_costs[city.pk] += request.approved_total
    return city_balances(names, fees, dict(expert_costs), dict(events_costs))


@dataclass
class YearOverview:
    year: int
    income: list[Row]
    spending: list[Row]
    income_planned: Decimal
    income_actual: Decimal
    spending_planned: Decimal
    spending_actual: Decimal
    applications: list[FundingApplication]
    costs: list[OtherCost]
    lines: list[BudgetLine]

    @property
    def balance_planned(self) -> Decimal:
        return self.income_planned - self.spending_planned

    @property
    def balance_actual(self) -> Decimal:
        return self.income_actual - self.spending_actual


def year_overview(year: int) -> YearOverview:
    income = income_rows(year)
    spending = spending_rows(year)
    income_planned, income_actual = total(income)
    spending_planned, spending_actual = total(spending)
    return YearOverview(
        year=year,
        income=income,
        spending=spending,
        income_planned=income_planned,
        income_actual=income_actual,
        spending_planned=spending_planned,
        spending_actual=spending_actual,
        applications=list(
            FundingApplication.objects.filter(year=year).select_related("donor").order_by("status", "title")
        ),
        costs=list(
            OtherCost.objects.filter(date__year=year).select_related("receipt").order_by("-date", "pk")
        ),
        lines=list(
            BudgetLine.objects.filter(year=year).select_related("project", "donor").order_by("source", "pk")
        ),
    )


def funding_years(today: datetime.date | None = None) -> list[int]:
    """Every year with any budget line, application, cost or fee, and this year; newest first."""
    today = today or datetime.date.today()
    years = {today.year}
    years |= set(BudgetLine.objects.order_by().values_list("year", flat=True).distinct())
    years |= set(FundingApplication.objects.order_by().values_list("year", flat=True).distinct())
    years |= {d.year for d in OtherCost.objects.order_by().dates("date", "year")}
    years |= set(MembershipPeriod.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


@dataclass(frozen=True)
class YearSummary:
    year: int
    income_planned: Decimal
    income_actual: Decimal
    spending_actual: Decimal

    @property
    def balance(self) -> Decimal:
        return self.income_actual - self.spending_actual


def year_summaries(years: list[int]) -> list[YearSummary]:
    """Each year's totals (a few queries per year: the list holds a dozen years at most)."""
    rows = []
    # The events' travel funding of every year at once: the activities' selector reads all requests.
    _per_event, per_year, _per_city = funding_totals()
    events_by_year = {row.label: row for row in per_year}
    for year in years:
        income_planned, income_actual = total(income_rows(year))
        _spending_planned, spending_actual = total(spending_rows(year, events_by_year))
        rows.append(YearSummary(year, income_planned, income_actual, spending_actual))
    return rows


# -------------------------------------------------------------------------------------- fund-raising


def applications(status: str = "") -> QuerySet[FundingApplication]:
    chosen = FundingApplication.objects.select_related("donor").order_by("-year", "title")
    if status:
        chosen = chosen.filter(status=status)
    return chosen


def deadlines_due(today: datetime.date) -> list[tuple[datetime.date, str, FundingApplication]]:
    """Deadlines within 30 days (or passed and still open): a draft's submission deadline, a granted or
    reporting application's reporting deadline. (date, "submission" or "reporting", application), soonest
    first."""
    horizon = today + DEADLINE_WINDOW
    chosen = FundingApplication.objects.filter(
        Q(status=ApplicationStatus.DRAFT, submission_deadline__lte=horizon)
        | Q(
            status__in=(ApplicationStatus.GRANTED, ApplicationStatus.REPORTING),
            reporting_deadline__lte=horizon,
        )
    ).select_related("donor")
    rows: list[tuple[datetime.date, str, FundingApplication]] = []
    for application in chosen:
        if application.status == ApplicationStatus.DRAFT:
            assert application.submission_deadline is not None
            rows.append((application.submission_deadline, "submission", application))
        else:
            assert application.reporting_deadline is not None
            rows.append((application.reporting_deadline, "reporting", application))
    return sorted(rows, key=lambda row: (row[0], row[2].pk))


def status_choices(application: FundingApplication) -> list[tuple[str, Any]]:
    allowed = APPLICATION_WORKFLOW.allowed_from(application.status)
    return [(s, APPLICATION_WORKFLOW.labels[s]) for s in allowed]


def donors() -> QuerySet[Donor]:
    return Donor.objects.order_by("name")


def projects() -> QuerySet[FundingProject]:
    return FundingProject.objects.order_by("-starts_on", "name")


def application_history(application: FundingApplication) -> list[HistoryEntry]:
    return history_entries(application)


# ------------------------------------------------------------------------------------------- partners


def public_partners() -> QuerySet[Partner]:
    return Partner.objects.public().order_by("name")


def partner_list() -> QuerySet[Partner]:
    return Partner.objects.order_by("name")


@dataclass
class PartnerPage:
    partner: Partner
    agreements: list[Any]
    contributions: list[PartnerContribution]
    contacts: list[Any]
    activities: list[Any]


def partner_page(partner: Partner) -> PartnerPage:
    return PartnerPage(
        partner=partner,
        agreements=list(partner.agreements.prefetch_related("documents").order_by("-starts_on", "pk")),
        contributions=list(partner.contributions.order_by("-year", "pk")),
        contacts=list(partner.contacts.order_by("name", "pk")),
        activities=list(partner.activities.select_related("event").order_by("-event__starts_at", "pk")),
    )


def partner_history(partner: Partner) -> list[HistoryEntry]:
    return history_entries(partner)


def get_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404("No such year.")
    return year
