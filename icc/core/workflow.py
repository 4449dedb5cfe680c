"""Workflows declare their states and allowed transitions once; anything else is refused loudly."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class TransitionNotAllowed(ValidationError):
    """A move between two states that the workflow does not declare."""


@dataclass(frozen=True)
class Workflow:
    name: str
    labels: Mapping[str, Any]  # state -> human label (a lazy translation)
    transitions: Mapping[str, Iterable[str]]  # state -> states it may move to
    _allowed: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        allowed = {state: frozenset(targets) for state, targets in self.transitions.items()}
        unknown = {s for targets in allowed.values() for s in targets} - set(self.labels)
        if unknown or set(allowed) - set(self.labels):
            raise ValueError(f"{self.name}: transitions name unknown states {sorted(unknown)}")
        object.__setattr__(self, "_allowed", allowed)

    def allowed_from(self, state: str) -> list[str]:
        return [s for s in self.labels if s in self._allowed.get(state, frozenset())]

    def can(self, current: str, target: str) -> bool:
        return target in self._allowed.get(current, frozenset())

    def check(self, current: str, target: str) -> None:
        if target not in self.labels:
            raise TransitionNotAllowed(_("“%(state)s” is not a state of this workflow.") % {"state": target})
        if not self.can(current, target):
            allowed = ", ".join(str(self.labels[s]) for s in self.allowed_from(current))
            raise TransitionNotAllowed(
                _("Cannot go from “%(current)s” to “%(target)s”. Allowed next: %(allowed)s.")
                % {
                    "current": self.labels.get(current, current),
                    "target": self.labels[target],
                    "allowed": allowed or _("none"),
                }
            )
