"""Writes to membership fees: opening a year, payments, exemptions, corrections.

A city has one membership period per year. Once created it is never replaced: a second opening of the
same year creates nothing, and every later change is a recorded state change on that one row.
"""

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import User
from icc.core.history import reason as history_reason
from icc.core.history import record_change
from icc.network.models import FEE_WORKFLOW, AnnualFee, City, CityStatus, FeeStatus, MembershipPeriod
from icc.network.selectors.access import network_settings

# The network started in 2008; earlier fee years are typing mistakes.
FIRST_FEE_YEAR = 2008
FEE_PAYING_STATUSES = (CityStatus.MEMBER, CityStatus.SUSPENDED)
# What the secretariat may do to one fee, and the status each action leads to (FEE_WORKFLOW); None: the
# amount, due date or note change, and only while the fee is due (a settled fee is reopened first).
FEE_ACTIONS: dict[str, str | None] = {
    "pay": FeeStatus.PAID,
    "waive": FeeStatus.WAIVED,
    "reopen": FeeStatus.DUE,
    "update": None,
}


def fee_actions(period: MembershipPeriod) -> list[str]:
    """The actions FEE_ACTIONS allows on the fee now."""
    return [
        name
        for name, target in FEE_ACTIONS.items()
        if (FEE_WORKFLOW.can(period.status, target) if target else period.status == FeeStatus.DUE)
    ]


def fee_amount_for_year(year: int) -> Decimal:
    """The fee the secretariat set for `year`, else the network's default annual fee."""
    fee = AnnualFee.objects.filter(year=year).first()
    return fee.amount if fee is not None else network_settings().default_annual_fee


def fee_due_date(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _validate_year(year: int) -> None:
    last = datetime.date.today().year + 1
    if not FIRST_FEE_YEAR <= year <= last:
        raise ValidationError(
            {
                "year": _("Choose a year between %(first)s and %(last)s.")
                % {"first": FIRST_FEE_YEAR, "last": last}
            }
        )


def _locked(period: MembershipPeriod) -> MembershipPeriod:
    return MembershipPeriod.objects.select_for_update().select_related("city").get(pk=period.pk)


def _save(period: MembershipPeriod, *, by: User | None, reason: str) -> MembershipPeriod:
    period.full_clean()
    record_change(period, by=by, reason=reason)
    period.save()
    return period


@transaction.atomic
def fees_open_year(*, year: int, by: User | None) -> int:
    """Create the fee of `year` for every member (or suspended) city that has none; return how many.

    Cities that joined after `year` owe nothing for it. Existing periods are left exactly as they are.
    """
    _validate_year(year)
    row = network_settings()
    amount = fee_amount_for_year(year)
    due_date = fee_due_date(year, row.fee_due_month)
    cities = (
        City.objects.filter(status__in=FEE_PAYING_STATUSES)
        .exclude(membership_periods__year=year)
        .exclude(member_since__year__gt=year)
        .order_by("pk")
    )
    periods = [MembershipPeriod(city=city, year=year, amount=amount, due_date=due_date) for city in cities]
    if periods:
        bulk_create_with_history(
            periods,
            MembershipPeriod,
            default_user=by,
            default_change_reason=history_reason("network.fees_opened", year=year),
        )
    return len(periods)


@transaction.atomic
def fee_record_payment(
    *,
    period: MembershipPeriod,
    by: User | None,
    paid_on: datetime.date,
    invoice_reference: str = "",
) -> MembershipPeriod:
    period = _locked(period)
    FEE_WORKFLOW.check(period.status, FeeStatus.PAID)
    if paid_on > datetime.date.today():
        raise ValidationError(
            {"paid_on": _("The payment date cannot be in the future; give the date the money arrived.")}
        )
    period.status = FeeStatus.PAID
    period.paid_on = paid_on
    if invoice_reference.strip():
        period.invoice_reference = invoice_reference.strip()
    return _save(period, by=by, reason=history_reason("network.fee_paid", date=paid_on.isoformat()))


@transaction.atomic
def fee_waive(*, period: MembershipPeriod, by: User | None, reason: str) -> MembershipPeriod:
    """Exempt a city from one year's fee, e.g. for a difficult financial situation."""
    period = _locked(period)
    FEE_WORKFLOW.check(period.status, FeeStatus.WAIVED)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for the exemption; it is kept with the fee and in its history.")}
        )
    period.status = FeeStatus.WAIVED
    period.exemption_reason = reason
    period.paid_on = None
    return _save(period, by=by, reason=history_reason("network.fee_waived", words=reason))


@transaction.atomic
def fee_reopen(*, period: MembershipPeriod, by: User | None, reason: str) -> MembershipPeriod:
    """Put a paid or waived fee back to due, to correct a mistake; the reason is kept in the note."""
    period = _locked(period)
    FEE_WORKFLOW.check(period.status, FeeStatus.DUE)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for reopening this fee; it is kept in its note and history.")}
        )
    period.status = FeeStatus.DUE
    period.paid_on = None
    period.exemption_reason = ""
    line = _("%(date)s reopened: %(reason)s") % {"date": datetime.date.today().isoformat(), "reason": reason}
    period.note = f"{period.note.rstrip()}\n{line}".strip()
    return _save(period, by=by, reason=history_reason("network.fee_reopened", words=reason))


@transaction.atomic
def fee_update(
    *,
    period: MembershipPeriod,
    by: User | None,
    amount: Decimal,
    due_date: datetime.date,
    note: str = "",
) -> MembershipPeriod:
    """Correct the amount, due date or note of a fee that is still due."""
    period = _locked(period)
    if "update" not in fee_actions(period):
        raise ValidationError(
            _("Only a fee that is due can be changed; this one is “%(status)s”. Reopen it first.")
            % {"status": period.get_status_display()}
        )
    if amount is None or amount <= 0:
        raise ValidationError(
            {"amount": _("Give a positive amount in EUR; to exempt the city, waive the fee instead.")}
        )
    changes = {"amount": amount, "due_date": due_date, "note": note.strip()}
    if all(getattr(period, name) == value for name, value in changes.items()):
        return period
    for name, value in changes.items():
        setattr(period, name, value)
    return _save(period, by=by, reason=history_reason("network.fee_changed"))
