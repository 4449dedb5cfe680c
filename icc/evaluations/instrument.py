"""The shape of an evaluation instrument, from a strategy described as plain data (no Django): one section per
result holding a question per action of the result, one section per programme holding a question per
performance measure, and a last section for general questions. Actions that belong to no result go to a
section
of their own. Also the progress of answering (pure counting). icc/evaluations/services/instrument.py reads the
strategy's records into these shapes and writes the instrument."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """An action or a performance measure: its id, title, the id of its result or programme, its latest
    data."""

    id: int
    title: str
    group_id: int | None
    latest: str = ""


@dataclass(frozen=True)
class Group:
    """A result or a programme of the strategy."""

    id: int
    title: str


@dataclass
class SectionSpec:
    kind: str  # "result", "programme", "other_actions" or "general"
    group_id: int | None
    title: str
    items: list[Item] = field(default_factory=list)


def sections_for(
    *,
    results: Sequence[Group],
    actions: Iterable[Item],
    programmes: Sequence[Group],
    measures: Iterable[Item],
) -> list[SectionSpec]:
    """The instrument's sections in order: results (with their actions), actions without a result, programmes
    (with their measures), general questions. A result or a programme without items still gets its section, so
    that the secretariat may add free questions to it."""
    by_result = {g.id: SectionSpec("result", g.id, g.title) for g in results}
    loose = SectionSpec("other_actions", None, "")
    for action in actions:
        by_result.get(action.group_id or -1, loose).items.append(action)
    by_programme = {g.id: SectionSpec("programme", g.id, g.title) for g in programmes}
    loose_measures = SectionSpec("other_measures", None, "")
    for measure in measures:
        by_programme.get(measure.group_id or -1, loose_measures).items.append(measure)
    sections = list(by_result.values())
    if loose.items:
        sections.append(loose)
    sections += list(by_programme.values())
    if loose_measures.items:
        sections.append(loose_measures)
    sections.append(SectionSpec("general", None, ""))
    return sections


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


def progress(answered_flags: Iterable[bool]) -> Progress:
    flags = list(answered_flags)
    return Progress(answered=sum(1 for f in flags if f), total=len(flags))
