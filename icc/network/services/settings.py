"""Writes to the rules of the network: eligibility and growth settings, growth targets, yearly fee amounts."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.history import reason, record_change
from icc.network.models import AnnualFee, GrowthTarget, NetworkSettings
from icc.network.selectors.access import network_settings

SETTINGS_FIELDS = (
    "min_population",
    "min_diversity_share",
    "admissions_per_quarter_cap",
    "underrepresented_max_members",
    "default_annual_fee",
    "fee_due_month",
    "shows_demo_notice",
)
# Fee years outside this window are almost certainly typing mistakes (e.g. 206 for 2026).
FIRST_FEE_YEAR = 2000
FEE_YEARS_AHEAD = 10


def _as_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _validate_settings(row: NetworkSettings) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if row.min_population is None or row.min_population <= 0:
        add(
            "min_population",
            _("The minimum population must be a positive number of inhabitants, e.g. 30000."),
        )
    share = _as_decimal(row.min_diversity_share)
    if share is None or not Decimal(0) <= share <= Decimal(100):
        add(
            "min_diversity_share",
            _("The minimum diversity share is a percentage: give a number from 0 to 100."),
        )
    if row.admissions_per_quarter_cap is None or row.admissions_per_quarter_cap < 1:
        add(
            "admissions_per_quarter_cap",
            _("The cap on admissions per quarter must be at least 1 city."),
        )
    if row.underrepresented_max_members is None or row.underrepresented_max_members < 1:
        add(
            "underrepresented_max_members",
            _(
                "Give at least 1: a country with fewer members than this number "
                "is flagged as under-represented."
            ),
        )
    fee = _as_decimal(row.default_annual_fee)
    if fee is None or fee <= 0:
        add(
            "default_annual_fee",
            _("The default annual fee must be more than 0 EUR; exempt cities individually instead."),
        )
    if row.fee_due_month is None or not 1 <= row.fee_due_month <= 12:
        add("fee_due_month", _("Give the month as a number from 1 (January) to 12 (December)."))
    try:
        row.full_clean(exclude=list(errors))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def network_settings_update(*, by: User | None, **fields: Any) -> NetworkSettings:
    """Change the network's rules. Only the fields given change; the change is kept in the history."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"network_settings_update() got unknown fields {sorted(unknown)}")
    network_settings()  # the row exists from then on
    row = NetworkSettings.objects.select_for_update().get(pk=1)
    changed = [name for name, value in fields.items() if getattr(row, name) != value]
    for name, value in fields.items():
        setattr(row, name, value)
    _validate_settings(row)
    if not changed:
        return row
    record_change(row, by=by, reason=reason("network.settings_changed"))
    row.save()
    return row


@transaction.atomic
def growth_target_save(
    *,
    by: User | None,
    target: GrowthTarget | None = None,
    deadline: datetime.date | None,
    members: int | None,
    label_en: str = "",
    label_fr: str = "",
) -> GrowthTarget:
    """Create a growth target (no `target`) or change one: so many member cities by a date."""
    errors: dict[str, list[str]] = {}
    if deadline is None:
        errors["deadline"] = [_("Give the date by which the network should reach this number of members.")]
    if members is None or members < 1:
        errors["members"] = [_("Give the number of member cities to reach: at least 1.")]
    if deadline is not None:
        clash = GrowthTarget.objects.filter(deadline=deadline)
        if target is not None and target.pk:
            clash = clash.exclude(pk=target.pk)
        other = clash.first()
        if other is not None:
            errors["deadline"] = [
                _(
                    "There is already a target for %(date)s (%(members)s members). "
                    "Change that target or choose another date."
                )
                % {"date": formats.date_format(deadline, "DATE_FORMAT"), "members": other.members}
            ]
    if errors:
        raise ValidationError(errors)
    is_new = target is None or not target.pk
    target = GrowthTarget() if target is None else GrowthTarget.objects.select_for_update().get(pk=target.pk)
    target.deadline = deadline  # type: ignore[assignment]
    target.members = members  # type: ignore[assignment]
    target.label_en = (label_en or "").strip()  # type: ignore[attr-defined]
    target.label_fr = (label_fr or "").strip()  # type: ignore[attr-defined]
    target.full_clean(exclude=["label"])
    record_change(target, by=by, reason=reason("created" if is_new else "changed"))
    target.save()
    return target


@transaction.atomic
def growth_target_delete(*, by: User | None, target: GrowthTarget) -> None:
    record_change(target, by=by, reason=reason("deleted"))
    target.delete()


@transaction.atomic
def annual_fee_set(*, by: User | None, year: int | None, amount: Decimal | int | str | None) -> AnnualFee:
    """Set the fee for one year.

    Membership periods copy the amount when they are created and are never overwritten, so changing a
    year's amount here leaves the periods already opened for that year as they are.
    """
    errors: dict[str, list[str]] = {}
    last_year = datetime.date.today().year + FEE_YEARS_AHEAD
    if year is None or not FIRST_FEE_YEAR <= year <= last_year:
        errors["year"] = [
            _("Give a year from %(first)s to %(last)s.") % {"first": FIRST_FEE_YEAR, "last": last_year}
        ]
    value = _as_decimal(amount)
    if value is None or value <= 0:
        errors["amount"] = [
            _("The fee must be an amount in EUR above 0, e.g. 5000; exempt cities individually instead.")
        ]
    if errors:
        raise ValidationError(errors)
    assert value is not None and year is not None
    fee = AnnualFee.objects.select_for_update().filter(year=year).first()
    if fee is not None and fee.amount == value:
        return fee
    fee = fee or AnnualFee(year=year)
    old = fee.amount
    fee.amount = value
    fee.full_clean()
    if old is None:
        record_change(fee, by=by, reason=reason("network.annual_fee_set", amount=value))
    else:
        record_change(fee, by=by, reason=reason("network.annual_fee_changed", old=old, new=value))
    fee.save()
    return fee
