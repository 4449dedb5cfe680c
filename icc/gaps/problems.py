"""The problems of an imported file in the reader's language, by their code: the format's
(icc.gaps.format.FormatProblem, English, code and params) and the platform's own (another city, an indicator
outside the catalogue...). A file's problems are stored with their code and params (GapImport.problems), so
that each reader sees them in their own language, whoever uploaded the file.

A code these tables do not know (a check added to the engine later) is shown as stored: the engine's English,
still with the row, the column and the fix."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from icc.gaps.format import COLUMNS, FormatProblem

_COLUMNS = ", ".join(COLUMNS)

MESSAGES = {
    "unknown_column": _(
        "“%(column)s” is not a column of the gap format. Rename it to one of %(columns)s, or remove it."
    ),
    "duplicate_column": _("The column “%(column)s” appears twice. Keep one of them."),
    "missing_column": _(
        "The column “%(column)s” is missing. Add it to the header row (the columns are %(columns)s)."
    ),
    "empty_file": _(
        "The file has no rows. Give a header row naming the columns %(columns)s, then one row per group, "
        "indicator and period."
    ),
    "extra_cells": _(
        "The row has more cells than the header has columns. Remove the extra cells or quote text that holds "
        "the separator."
    ),
    "required": _("The %(column)s is empty. Fill it in."),
    "polarity": _(
        "The polarity “%(value)s” must be 1 (a higher rate is better) or -1 (a lower rate is better)."
    ),
    "role": _(
        "The role “%(value)s” must be “reference” (the group compared with, one per city, indicator and "
        "period) or “focal”."
    ),
    "not_integer": _(
        "The %(column)s “%(value)s” is not a whole number. Give a count of people, e.g. 812, without "
        "decimals or thousands separators."
    ),
    "negative": _("The %(column)s %(value)s is negative. Give a count of people (0 or more)."),
    "zero_denominator": _(
        "The denominator is 0: a group of no people has no rate. Remove the row or give the group's size."
    ),
    "numerator_above_denominator": _(
        "The numerator %(numerator)s is above the denominator %(denominator)s: it counts the people of the "
        "group with the outcome, so it cannot exceed the group's size. Check both counts."
    ),
    "polarity_differs": _(
        "The indicator “%(indicator)s” has another polarity on row %(first_row)s. Give it the same polarity "
        "on every row."
    ),
    "duplicate_group": _(
        "The group “%(group)s” already has row %(first_row)s for %(indicator)s, %(period)s. A group has one "
        "row per indicator and period: remove one of the rows or rename the group."
    ),
    "group_used_as_both": _(
        "The group “%(group)s” is already on row %(first_row)s for %(indicator)s, %(period)s with the other "
        "role. A group has one row per indicator and period: remove one of the rows or rename the group."
    ),
    "second_reference": _(
        "%(indicator)s, %(period)s already has a reference group, “%(reference)s” on row %(first_row)s. Keep "
        "one reference group and mark the others “focal”."
    ),
    "missing_reference": _(
        "%(indicator)s, %(period)s has no reference group. Mark one group “reference” (the group the others "
        "are compared with, e.g. native_born)."
    ),
}


# The platform's checks of a file the format accepts (icc.gaps.services.imports).
PLATFORM_MESSAGES = {
    "other_city": _(
        "This row is for “%(other)s”, not %(city)s. Write “%(slug)s” in the city column, or import the other "
        "city's figures from its own page."
    ),
    "unknown_indicator": _("“%(indicator)s” is not an indicator of the catalogue. Use one of: %(known)s."),
    "wrong_polarity": _(
        "The catalogue gives %(indicator)s the polarity %(polarity)s (%(meaning)s). Write %(polarity)s."
    ),
    "period_format": _("Write a year (2024) or the first and last years joined by a dash (2022-2024)."),
    "period_order": _("The last year must come after the first, e.g. 2022-2024."),
    "group_key": _(
        "“%(group)s” is not a group identifier. Use lower-case letters, digits and underscores, "
        "starting with a letter or digit, e.g. foreign_born."
    ),
}


def platform_message(code: str, params: dict[str, Any]) -> str:
    """A platform problem's message in the active language."""
    values = dict(params)
    if code == "wrong_polarity":
        from icc.gaps.models import Polarity

        values["meaning"] = Polarity(int(params["polarity"])).label
    return str(PLATFORM_MESSAGES[code]) % values


def stored_problem_message(problem: dict[str, Any]) -> str:
    """A problem as GapImport.problems stores it, in the active language."""
    code, params = str(problem.get("code") or ""), problem.get("params") or {}
    try:
        if code.startswith("format.") and code[7:] in MESSAGES:
            return str(MESSAGES[code[7:]]) % {"columns": _COLUMNS, **params}
        if code in PLATFORM_MESSAGES:
            return platform_message(code, params)
    except (KeyError, TypeError, ValueError):
        pass
    return str(problem.get("message", ""))


def problem_message(problem: FormatProblem) -> str:
    """The problem's message in the active language."""
    message = MESSAGES.get(problem.code)
    if message is None:
        return problem.message
    try:
        return str(message) % {"columns": _COLUMNS, **problem.params}
    except (KeyError, TypeError, ValueError):
        return problem.message
