"""Filters of the results tables: a share as a percentage ("<10" when suppressed) and its interval."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template

from icc.surveys.selectors import format_share
from icc.surveys.statistics import MIN_CELL

register = template.Library()


@register.filter
def share(value: Any) -> str:
    return format_share(value)


@register.filter
def interval(value: Any) -> str:
    if value is None:
        return "–"
    if value.suppressed:
        return f"<{MIN_CELL}"
    return f"{round(value.low * 100)}–{round(value.high * 100)} %"


@register.filter
def nth(values: Sequence[Any] | None, index: int) -> Any:
    if values is None:
        return None
    return values[index] if 0 <= index < len(values) else None


@register.filter
def zip_labels(values: Sequence[Any], labels: Sequence[str]) -> list[tuple[Any, str]]:
    return list(zip(values, labels, strict=False))
