"""Reads for the settings pages: the network's rules, its growth targets and the fee amount of each year."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from icc.network.models import AnnualFee, GrowthTarget, NetworkSettings
from icc.network.selectors.access import network_settings


@dataclass
class SettingsOverview:
    settings: NetworkSettings
    targets: list[GrowthTarget]
    fees: list[AnnualFee]


@dataclass
class AnnualFeePage:
    fees: list[AnnualFee]
    default_amount: Decimal
    initial: dict[str, Any] = field(default_factory=dict)


def settings_overview() -> SettingsOverview:
    return SettingsOverview(
        settings=network_settings(),
        targets=list(GrowthTarget.objects.order_by("deadline")),
        fees=list(AnnualFee.objects.order_by("-year")),
    )


def annual_fee_page(year: int | None = None) -> AnnualFeePage:
    """The fees set so far, and what the form starts with: the year asked for, else the next year to set."""
    fees = list(AnnualFee.objects.order_by("-year"))
    default_amount = network_settings().default_annual_fee
    by_year = {fee.year: fee.amount for fee in fees}
    if year is None:
        this_year = datetime.date.today().year
        year = max(this_year, max(by_year) + 1) if by_year else this_year
    return AnnualFeePage(
        fees=fees,
        default_amount=default_amount,
        initial={"year": year, "amount": by_year.get(year, default_amount)},
    )
