"""A questionnaire compiled to arrays once (`_Layout`), so that scoring is table lookups and sums;
its display conditions compiled and applied to the answer codes (`_apply_conditions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from icc.index.scoring.bulk_validation import _BulkTables
from icc.index.scoring.constants import _HIDDEN, _UNANSWERED, BoolArray, FloatArray, IntArray

if TYPE_CHECKING:
    from icc.index.scoring.questionnaire import Question, Questionnaire


# Up to this many options a multiple-choice question gets a lookup table of every subset's points.
_SUBSET_TABLE_OPTIONS = 10


@dataclass(frozen=True, eq=False)
class _RowCondition:
    """A scored follow-up's display condition, compiled: which row it hides, which row it reads."""

    multi: bool  # the follow-up is a "multi" row (else a "single" row)
    row: int
    target_multi: bool  # the condition question is a "multi" row
    target_row: int
    # single target: shown or not for each code, indexed by code - _HIDDEN (so _HIDDEN, n/a and
    # unanswered come first, all False); multi target: the bit mask of the listed options
    shown_by_code: BoolArray
    option_mask: int


@dataclass(frozen=True, eq=False)
class _Layout:
    """A questionnaire compiled to arrays once, so that scoring is table lookups and sums.

    Scored single-choice and yes/no questions form the "single" rows, multiple-choice questions the
    "multi" rows, each in questionnaire order, so each area's rows are contiguous.
    """

    key: tuple[tuple[str, str, tuple[str, ...]], ...]
    questions: dict[str, Question]
    area_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    single_col: dict[str, int]
    multi_col: dict[str, int]
    # single: flat tables indexed by code + offset; slots 0, 1, 2 are "hidden", "n/a", "unanswered"
    single_offsets: npt.NDArray[np.int32]
    single_earned: FloatArray
    single_achievable: FloatArray
    single_segments: tuple[tuple[int, int, int], ...]  # (area, first row, end row) of each area's rows
    # multi: option points per question, padded with zeros, and each question's cap
    multi_points: FloatArray
    multi_cap: FloatArray
    multi_table: FloatArray | None  # earned points of every option subset, when options are few
    multi_segments: tuple[tuple[int, int, int], ...]
    scored_per_area: IntArray
    aggregate_weights: FloatArray  # area weights, 0 for optional areas
    group_weights: FloatArray  # (areas, groups): an area's weight where it is a member
    # groups over questions: (group, its "single" rows, its "multi" rows); their group_weights are 0
    question_groups: tuple[tuple[int, IntArray, IntArray], ...]
    conditions: tuple[_RowCondition, ...]  # of scored follow-ups, in questionnaire order

    @property
    def n_single(self) -> int:
        return len(self.single_col)

    @cached_property
    def bulk(self) -> _BulkTables:
        return _BulkTables.build(self)

    @property
    def n_multi(self) -> int:
        return len(self.multi_col)

    @classmethod
    def build(cls, qn: Questionnaire) -> _Layout:
        area_ids = tuple(a.id for a in qn.areas)
        singles: list[tuple[int, Question]] = []
        multis: list[tuple[int, Question]] = []
        for a, area in enumerate(qn.areas):
            for q in area.questions:
                if q.scored:
                    (multis if q.type == "multiple_choice" else singles).append((a, q))
        reserved = -_HIDDEN  # slots for the codes _HIDDEN, _NOT_APPLICABLE, _UNANSWERED
        width = reserved + max([0, *(len(q.options) for _, q in singles)])
        earned = np.zeros(len(singles) * width)
        achievable = np.zeros(len(singles) * width)
        for j, (_, q) in enumerate(singles):
            first = j * width + reserved  # the slot of option 0; code c is at first + c
            achievable[first + _HIDDEN] = q.cap  # hidden: 0 of its full points
            achievable[first + _UNANSWERED : first + len(q.options)] = q.cap
            earned[first : first + len(q.options)] = [max(o.points, 0.0) for o in q.options]
        multi_width = max([0, *(len(q.options) for _, q in multis)])
        multi_points = np.zeros((len(multis), multi_width))
        for j, (_, q) in enumerate(multis):
            multi_points[j, : len(q.options)] = [o.points for o in q.options]
        multi_cap = np.array([q.cap for _, q in multis], dtype=np.float64)
        multi_table = None
        if multis and multi_width <= _SUBSET_TABLE_OPTIONS:
            masks = np.arange(2**multi_width)
            bits = (masks[:, None] >> np.arange(multi_width)) & 1  # (subsets, options)
            multi_table = np.clip(bits @ multi_points.T, 0.0, multi_cap).T.copy()  # (questions, subsets)
        scored = np.zeros(len(area_ids), dtype=np.int64)
        np.add.at(scored, np.array([a for a, _ in singles + multis], dtype=np.int64), 1)
        weights = np.array([0.0 if a.optional else a.weight for a in qn.areas])
        group_weights = np.zeros((len(area_ids), len(qn.groups)))
        single_col = {q.id: j for j, (_, q) in enumerate(singles)}
        multi_col = {q.id: j for j, (_, q) in enumerate(multis)}
        question_groups = []
        for g, group in enumerate(qn.groups):
            for member in group.areas:
                a = area_ids.index(member)
                group_weights[a, g] = qn.areas[a].weight
            if group.of_questions:
                rows = [single_col[q] for q in group.questions if q in single_col]
                multi_rows = [multi_col[q] for q in group.questions if q in multi_col]
                question_groups.append(
                    (g, np.array(sorted(rows), dtype=np.int64), np.array(sorted(multi_rows), dtype=np.int64))
                )
        return cls(
            key=tuple((q.id, q.type, tuple(o.id for o in q.options)) for _, q in singles + multis),
            questions={q.id: q for area in qn.areas for q in area.questions},
            area_ids=area_ids,
            group_ids=tuple(g.id for g in qn.groups),
            single_col=single_col,
            multi_col=multi_col,
            single_offsets=(np.arange(len(singles), dtype=np.int32) * width + reserved),
            single_earned=earned,
            single_achievable=achievable,
            single_segments=_segments([a for a, _ in singles]),
            multi_points=multi_points,
            multi_cap=multi_cap,
            multi_table=multi_table,
            multi_segments=_segments([a for a, _ in multis]),
            scored_per_area=scored,
            aggregate_weights=weights,
            group_weights=group_weights,
            question_groups=tuple(question_groups),
            conditions=_compile_conditions(
                [q for _, q in singles + multis],
                {q.id: j for j, (_, q) in enumerate(singles)},
                {q.id: j for j, (_, q) in enumerate(multis)},
                {q.id: q for area in qn.areas for q in area.questions},
            ),
        )


def _compile_conditions(
    scored: list[Question],
    single_col: Mapping[str, int],
    multi_col: Mapping[str, int],
    questions: Mapping[str, Question],
) -> tuple[_RowCondition, ...]:
    """The conditions of the scored follow-ups, in questionnaire order, so that a follow-up of a
    follow-up reads its condition question after that question's own condition has been applied."""
    order = {qid: i for i, qid in enumerate(questions)}
    compiled = []
    for q in sorted((q for q in scored if q.show_if is not None), key=lambda q: order[q.id]):
        assert q.show_if is not None
        target = questions[q.show_if.question]
        listed = [target.option_index[o] for o in q.show_if.options]
        shown_by_code = np.zeros(len(target.options) - _HIDDEN, dtype=np.bool_)
        shown_by_code[np.array(listed, dtype=np.int64) - _HIDDEN] = True
        compiled.append(
            _RowCondition(
                multi=q.id in multi_col,
                row=multi_col[q.id] if q.id in multi_col else single_col[q.id],
                target_multi=target.id in multi_col,
                target_row=multi_col[target.id] if target.id in multi_col else single_col[target.id],
                shown_by_code=shown_by_code,
                option_mask=sum(1 << code for code in listed),
            )
        )
    return tuple(compiled)


def _apply_conditions(
    layout: _Layout, single: npt.NDArray[np.int16], multi: IntArray
) -> tuple[npt.NDArray[np.int16], IntArray]:
    """The codes scoring uses: `_HIDDEN` for each follow-up whose display condition is not met.

    Copies an array only when it has a follow-up row. The loop runs over conditional questions; each
    step is one vectorised mask over the cities. Conditions are applied in questionnaire order and
    read the codes as already rewritten, so a follow-up of a hidden follow-up is hidden too.
    """
    if not layout.conditions:
        return single, multi
    if any(not c.multi for c in layout.conditions):
        single = single.copy()
    if any(c.multi for c in layout.conditions):
        multi = multi.copy()
    for c in layout.conditions:
        if c.target_multi:
            codes = multi[c.target_row]
            hidden = (codes < 0) | ((codes & c.option_mask) == 0)
        else:
            hidden = ~c.shown_by_code.take(single[c.target_row] - _HIDDEN)
        np.putmask(multi[c.row] if c.multi else single[c.row], hidden, _HIDDEN)  # rows are views
    return single, multi


def _segments(area_of_row: list[int]) -> tuple[tuple[int, int, int], ...]:
    """(area, first row, end row) of each run of rows that belong to one area."""
    segments: list[tuple[int, int, int]] = []
    for row, area in enumerate(area_of_row):
        if segments and segments[-1][0] == area:
            segments[-1] = (area, segments[-1][1], row + 1)
        else:
            segments.append((area, row, row + 1))
    return tuple(segments)


def _add_segments(
    out: npt.NDArray[Any], values: npt.NDArray[Any], segments: tuple[tuple[int, int, int], ...]
) -> None:
    """Add each area's rows of `values` (questions, cities) to its row of `out` (areas, cities).

    A loop over areas summing contiguous rows: numpy's reduceat along axis 0 is far slower.
    """
    for area, start, end in segments:
        out[area] += values[start:end].sum(axis=0)
