"""Import of other costs from a CSV or XLSX file (read by icc.core.spreadsheets, the one reader): a dry run
lists every bad row with its column and the fix; the import writes every row or none.

Columns (first row; order free, case and spaces ignored): `category` (a key such as translation, or its
English or French label), `date` (YYYY-MM-DD), `amount` (EUR, a decimal point or comma), `note` (optional)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from icc.core.history import reason
from icc.core.spreadsheets import read_table
from icc.funding.models import MAX_AMOUNT, CostCategory, OtherCost

COLUMNS = ("category", "date", "amount", "note")
REQUIRED = ("category", "date", "amount")


@dataclass(frozen=True)
class Problem:
    row: int  # the row's number in the file (1 is the header); 0 for the file itself
    column: str
    message: str


@dataclass
class CostImport:
    costs: list[OtherCost] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def total(self) -> Decimal:
        return sum((cost.amount for cost in self.costs), Decimal(0))


def _categories() -> dict[str, str]:
    names: dict[str, str] = {}
    for category in CostCategory:
        names[category.value.casefold()] = category.value
        for language in ("en", "fr"):
            with translation.override(language):
                names[str(category.label).casefold()] = category.value
    return names


def _row(values: dict[str, str], categories: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    fields: dict[str, Any] = {}
    errors: dict[str, str] = {}
    category = categories.get(values.get("category", "").strip().casefold())
    if category is None:
        errors["category"] = _("“%(value)s” is not a category. Write one of: %(choices)s.") % {
            "value": values.get("category", ""),
            "choices": ", ".join(CostCategory.values),
        }
    fields["category"] = category
    try:
        fields["date"] = datetime.date.fromisoformat(values.get("date", "").strip())
    except ValueError:
        errors["date"] = _("“%(value)s” is not a date in the form YYYY-MM-DD, e.g. 2019-05-14.") % {
            "value": values.get("date", "")
        }
    text = values.get("amount", "").replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        amount = Decimal(text)
        if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
            raise InvalidOperation
        fields["amount"] = amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        errors["amount"] = _(
            "“%(value)s” is not an amount. Write euros with a decimal point, e.g. 1250.50."
        ) % {"value": values.get("amount", "")}
    fields["note"] = values.get("note", "").strip()[:300]
    return fields, errors


def other_costs_import(*, content: bytes, extension: str, filename: str, by: Any, apply: bool) -> CostImport:
    """Check every row; with `apply`, write them all in one transaction when none is bad (else nothing)."""
    result = CostImport()
    try:
        table = read_table(content, extension)
    except ValidationError as exc:
        result.problems = [Problem(0, "file", message) for message in exc.messages]
        return result
    missing = [column for column in REQUIRED if column not in table.header]
    if missing:
        result.problems.append(
            Problem(
                1,
                ", ".join(missing),
                _("The first row must name the columns category, date, amount (and optionally note)."),
            )
        )
        return result
    categories = _categories()
    for number, cells in table.rows:
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(table.header) if name}
        fields, errors = _row(values, categories)
        for column, message in errors.items():
            result.problems.append(Problem(number, column, message))
        if not errors:
            result.costs.append(OtherCost(**fields))
    if not result.costs and not result.problems:
        result.problems.append(Problem(0, "file", _("The file has no row of costs under its header.")))
    if apply and not result.problems:
        with transaction.atomic():
            bulk_create_with_history(
                result.costs,
                OtherCost,
                default_user=by,
                default_change_reason=reason("funding.imported", words=filename),
            )
        result.written = True
    return result
