"""Bad input: `Problem` (one thing wrong, located by city, question, area or group) and
`ScoringInputError` (all of them), and the helpers that describe a value in a message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def _quote(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located by city, question, area or group."""

    message: str
    city: str | None = None
    question: str | None = None
    area: str | None = None
    group: str | None = None

    def __str__(self) -> str:
        where = [
            f"{kind} {_quote(value)}"
            for kind, value in (
                ("city", self.city),
                ("area", self.area),
                ("group", self.group),
                ("question", self.question),
            )
            if value is not None
        ]
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ScoringInputError(ValueError):
    """Bad input. Carries every problem found, not only the first, one per line in its message."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _is_number(value: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value) and abs(value) < 1e300
    except OverflowError:  # an int too large for a float
        return False


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list"}
    text = _quote(value) if isinstance(value, str | int | float | bool | list) else ""
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind.get(type(value), 'an object')} {text}".rstrip()
