"""The gender balance of the people who write the city reports' commentary (the experts assigned to reports),
counted one way (icc/core/gender.py) from each person's self-declared gender: the secretariat's report pages
show it, with counts under 5 as "<5" and no share from fewer than 10 people."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.gender import GenderBalance, GenderCell, gender_balance
from icc.core.models import Gender
from icc.index.models import Round


@dataclass(frozen=True)
class AuthorsBalance:
    balance: GenderBalance
    rows: list[tuple[str, GenderCell]]  # (label in the reader's language, cell)


def report_authors_balance(round: Round | None = None) -> AuthorsBalance:
    """The experts assigned to any city report (of `round`, when given), each counted once. One query."""
    people = User.objects.filter(assigned_reports__isnull=False)
    if round is not None:
        people = people.filter(assigned_reports__response__round=round)
    balance = gender_balance(people.distinct().values_list("gender", flat=True))
    labels = {**dict(Gender.choices), "": _("not stated")}
    return AuthorsBalance(
        balance, [(str(labels.get(cell.gender, cell.gender)), cell) for cell in balance.cells]
    )
