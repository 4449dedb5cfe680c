"""Valid responses validated and encoded in bulk (`_encode_bulk`): the answer rules of a questionnaire
as arrays, and numpy checks of every answer of every city at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from icc.index.scoring.constants import _NOT_APPLICABLE, _UNANSWERED, NA, BoolArray, IntArray

if TYPE_CHECKING:
    from icc.index.scoring.layout import _Layout


# Bulk validation (`_encode_bulk`): the type of each answer value, and the kind of each question.
_T_NONE, _T_STR, _T_LIST, _T_INT, _T_FLOAT, _T_OTHER = range(6)
# Exact types: a bool, an object or a subclass of str is _T_OTHER and takes the per-answer path.
_TYPE_CODES: dict[type, int] = {type(None): _T_NONE, str: _T_STR, list: _T_LIST, int: _T_INT, float: _T_FLOAT}
_K_SINGLE, _K_MULTI, _K_NUMBER, _K_PERCENTAGE, _K_YEAR, _K_TEXT = range(6)
_KINDS = {"single_choice": _K_SINGLE, "yes_no": _K_SINGLE, "multiple_choice": _K_MULTI}
_KINDS |= {"number": _K_NUMBER, "percentage": _K_PERCENTAGE, "year": _K_YEAR, "text": _K_TEXT}
_BAD = np.iinfo(np.int16).min  # in _BulkTables.codes: not a valid answer


@dataclass(frozen=True, eq=False)
class _BulkTables:
    """A questionnaire's answer rules as arrays, one row per question (scored or not, facts too)."""

    index: dict[str, int]  # question id -> row
    kind: npt.NDArray[np.int8]  # _K_*
    row: IntArray  # the question's row in the single or multi answer array; -1 if not scored
    vocabulary: dict[str, int]  # every option id of every question, and "n/a" (0)
    # (questions, vocabulary + 1): the answer code of each string for each question, _BAD where it is
    # not an option of it (the last column, for a string that is no option at all, is all _BAD)
    codes: npt.NDArray[np.int16]

    @classmethod
    def build(cls, layout: _Layout) -> _BulkTables:
        questions = list(layout.questions.values())
        vocabulary = {NA: 0}
        for q in questions:
            for option in q.options:
                vocabulary.setdefault(option.id, len(vocabulary))
        codes = np.full((len(questions), len(vocabulary) + 1), _BAD, dtype=np.int16)
        row = np.full(len(questions), -1, dtype=np.int64)
        for j, q in enumerate(questions):
            codes[j, [vocabulary[o.id] for o in q.options]] = np.arange(len(q.options))
            if q.allow_na:
                codes[j, 0] = _NOT_APPLICABLE
            if q.id in layout.single_col:
                row[j] = layout.single_col[q.id]
            elif q.id in layout.multi_col:
                row[j] = layout.multi_col[q.id]
        return cls(
            index={q.id: j for j, q in enumerate(questions)},
            kind=np.array([_KINDS[q.type] for q in questions], dtype=np.int8),
            row=row,
            vocabulary=vocabulary,
            codes=codes,
        )


def _encode_bulk(
    layout: _Layout, answers: Sequence[Mapping[str, Any]]
) -> tuple[npt.NDArray[np.int16], IntArray, BoolArray] | None:
    """The arrays `_encode` makes, and which cities have a null answer, when every answer is valid.

    None as soon as any answer may be invalid: then `_encode` walks the answers one by one and names
    every problem. Python touches each answer only inside C-level `map`s (its question, its type,
    its option id); the checks are numpy operations on all the answers at once. It errs on the safe
    side only: what it accepts `_answer_code` accepts and encodes the same.
    """
    if not all(type(a) is dict for a in answers):
        return None
    t = layout.bulk
    n = len(answers)
    counts = np.fromiter(map(len, answers), dtype=np.int64, count=n)
    total = int(counts.sum())
    question = np.fromiter(
        map(t.index.get, chain.from_iterable(answers), repeat(-1)), dtype=np.int64, count=total
    )
    values_list: list[Any] = list(chain.from_iterable(map(dict.values, answers)))  # type: ignore[arg-type]
    types = np.fromiter(
        map(_TYPE_CODES.get, map(type, values_list), repeat(_T_OTHER)), dtype=np.int8, count=total
    )
    if (question < 0).any() or (types == _T_OTHER).any():  # an unknown question, an odd value
        return None
    city = np.repeat(np.arange(n), counts)
    null = types == _T_NONE
    has_null = np.zeros(n, dtype=np.bool_)
    has_null[city[null]] = True
    values = np.fromiter(values_list, dtype=object, count=total)
    kind = t.kind[question]

    # Strings: an option id or "n/a" for a choice question, "n/a" for a value question, any text.
    is_str = types == _T_STR
    str_question, str_kind = question[is_str], kind[is_str]
    vocabulary_ids = np.fromiter(
        map(t.vocabulary.get, values[is_str], repeat(-1)), dtype=np.int64, count=len(str_question)
    )
    str_codes = t.codes[str_question, vocabulary_ids]  # -1, no option at all: the last column
    ok = np.where(str_kind == _K_MULTI, str_codes == _NOT_APPLICABLE, str_codes != _BAD)
    if not (ok | (str_kind == _K_TEXT)).all():
        return None

    # Lists: option ids, each at most once, for a multiple-choice question.
    is_list = types == _T_LIST
    list_question = question[is_list]
    if (kind[is_list] != _K_MULTI).any():
        return None
    lists = values[is_list]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    items = list(chain.from_iterable(lists))
    if not set(map(type, items)) <= {str}:
        return None
    item_ids = np.fromiter(map(t.vocabulary.get, items, repeat(-1)), dtype=np.int64, count=len(items))
    item_codes = t.codes[np.repeat(list_question, lengths), item_ids]
    if (item_codes < 0).any():  # not an option of the question ("n/a" included)
        return None
    masks = np.zeros(len(lists), dtype=np.int64)
    nonempty = lengths > 0
    if items:
        starts = np.cumsum(lengths) - lengths
        bits = np.left_shift(np.int64(1), item_codes.astype(np.int64))
        masks[nonempty] = np.bitwise_or.reduceat(bits, starts[nonempty])
    if (np.bitwise_count(masks) != lengths).any():  # an option given twice
        return None

    # Numbers: for number, percentage and year (whole numbers) questions, finite, percentages 0-100.
    is_number = (types == _T_INT) | (types == _T_FLOAT)
    number_kind = kind[is_number]
    if not np.isin(number_kind, (_K_NUMBER, _K_PERCENTAGE, _K_YEAR)).all():
        return None
    if ((number_kind == _K_YEAR) & (types[is_number] != _T_INT)).any():
        return None
    try:
        numbers = values[is_number].astype(np.float64)
    except OverflowError:  # an int too large for a float
        return None
    with np.errstate(invalid="ignore"):
        finite = np.abs(numbers) < 1e300  # False for NaN and infinities, as _is_number
        in_range = (numbers >= 0) & (numbers <= 100)
    if not ((number_kind == _K_YEAR) | (finite & ((number_kind != _K_PERCENTAGE) | in_range))).all():
        return None

    single = np.full((layout.n_single, n), _UNANSWERED, dtype=np.int16)
    multi = np.full((layout.n_multi, n), _UNANSWERED, dtype=np.int64)
    str_row, str_city = t.row[str_question], city[is_str]
    chosen = (str_kind == _K_SINGLE) & (str_row >= 0)
    single[str_row[chosen], str_city[chosen]] = str_codes[chosen]
    chosen = (str_kind == _K_MULTI) & (str_row >= 0)
    multi[str_row[chosen], str_city[chosen]] = _NOT_APPLICABLE
    list_row = t.row[list_question]
    chosen = list_row >= 0
    multi[list_row[chosen], city[is_list][chosen]] = masks[chosen]
    return single, multi, has_null
