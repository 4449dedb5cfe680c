"""Formatting shared by every template: countries, percentages, numbers in the reader's language."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from icc.core.countries import WORLD_REGIONS, country_name

register = template.Library()


@register.filter
def country(code: str) -> str:
    return country_name(code)


@register.filter
def region_name(key: str) -> str:
    return str(WORLD_REGIONS.get(key, key))


@register.filter
def pct(value: Decimal | float | None, digits: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return f"{number_format(round(float(value), digits), digits)} %"


@register.filter
def num(value: int | float | Decimal | None, digits: int = 0) -> str:
    if value is None or value == "":
        return "–"
    # number_format cuts extra decimals off; round first so 66.67 shows as 66.7, not 66.6.
    rounded = round(value, digits) if isinstance(value, Decimal) else round(float(value), digits)
    return number_format(rounded, digits, force_grouping=True)


@register.filter
def dict_get(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None
