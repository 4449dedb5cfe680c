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
    # state -> states it may go back to only to correct a mistake in the record (undoing a step), never
    # as a move of its own: `check(..., correction=True)`.
    corrections: Mapping[str, Iterable[str]] = field(default_factory=dict)
    _allowed: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _corrections: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for kind, mapping in (("transitions", self.transitions), ("corrections", self.corrections)):
            named = set(mapping) | {s for targets in mapping.values() for s in targets}
            unknown = named - set(self.labels)
            if unknown:
                raise ValueError(f"{self.name}: {kind} name unknown states {sorted(unknown)}")
        allowed = {state: frozenset(targets) for state, targets in self.transitions.items()}
        object.__setattr__(self, "_allowed", allowed)
        corrections = {state: frozenset(targets) for state, targets in self.corrections.items()}
        object.__setattr__(self, "_corrections", corrections)

    def allowed_from(self, state: str) -> list[str]:
        return [s for s in self.labels if s in self._allowed.get(state, frozenset())]

    def can(self, current: str, target: str, *, correction: bool = False) -> bool:
        if correction:
            return target in self._corrections.get(current, frozenset())
        return target in self._allowed.get(current, frozenset())

    def check(self, current: str, target: str, *, correction: bool = False) -> None:
        if target not in self.labels:
            raise TransitionNotAllowed(_("“%(state)s” is not a state of this workflow.") % {"state": target})
        if correction and not self.can(current, target, correction=True):
            raise TransitionNotAllowed(
                _("“%(current)s” cannot be corrected back to “%(target)s”.")
                % {"current": self.labels.get(current, current), "target": self.labels[target]}
            )
        if not correction and not self.can(current, target):
            allowed = ", ".join(str(self.labels[s]) for s in self.allowed_from(current))
            raise TransitionNotAllowed(
                _("Cannot go from “%(current)s” to “%(target)s”. Allowed next: %(allowed)s.")
                % {
                    "current": self.labels.get(current, current),
                    "target": self.labels[target],
                    "allowed": allowed or _("none"),
                }
            )
