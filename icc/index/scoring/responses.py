"""The responses of the interchange format: `Response`, each answer validated and encoded as an array
code, `ResponseSet` (the encoded arrays) and `parse_responses`, which validates a document into it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from icc.index.scoring.bulk_validation import _encode_bulk
from icc.index.scoring.constants import (
    _NOT_APPLICABLE,
    _UNANSWERED,
    _UNSCORED,
    NA,
    Answer,
    FloatArray,
    IntArray,
)
from icc.index.scoring.errors import Problem, ScoringInputError, _describe, _is_number, _quote
from icc.index.scoring.layout import _Layout
from icc.index.scoring.questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class Response:
    """One city's validated answers (JSON null answers dropped) and facts."""

    city: str
    answers: Mapping[str, Answer]
    facts: Mapping[str, Any] = field(default_factory=dict)


class _BadAnswer(Exception):
    pass


def _answer_code(q: Question, value: Any) -> int:
    """The array code of a valid answer: option index, option bit mask, n/a; or raise _BadAnswer."""
    if isinstance(value, str) and value == NA:
        if q.allow_na:
            return _NOT_APPLICABLE
        if q.type != "text":
            raise _BadAnswer('"n/a" is not allowed for this question')
    qtype = q.type
    if qtype == "single_choice" or qtype == "yes_no":
        if isinstance(value, str):
            code = q.option_index.get(value)
            if code is None:
                raise _BadAnswer(f"unknown option id {_quote(value)} (options: {', '.join(q.option_index)})")
            return code
        if isinstance(value, list):
            raise _BadAnswer(f"a list was given for a {qtype} question, which takes one option id")
        raise _BadAnswer(f"expected an option id (a string), got {_describe(value)}")
    if qtype == "multiple_choice":
        if not isinstance(value, list):
            raise _BadAnswer(f"expected a list of option ids, got {_describe(value)}")
        mask = 0
        for item in value:
            if not isinstance(item, str):
                raise _BadAnswer(f"expected option ids (strings) in the list, got {_describe(item)}")
            code = q.option_index.get(item)
            if code is None:
                raise _BadAnswer(f"unknown option id {_quote(item)} (options: {', '.join(q.option_index)})")
            if mask & (1 << code):
                raise _BadAnswer(f"duplicate option id {_quote(item)} in the list")
            mask |= 1 << code
        return mask
    if qtype == "number":
        if not _is_number(value):
            raise _BadAnswer(f"expected a number, got {_describe(value)}")
    elif qtype == "percentage":
        if not _is_number(value) or not 0 <= value <= 100:
            raise _BadAnswer(f"expected a percentage (a number from 0 to 100), got {_describe(value)}")
    elif qtype == "year":
        if not isinstance(value, int) or isinstance(value, bool):
            raise _BadAnswer(f"expected a year (a whole number), got {_describe(value)}")
    elif qtype == "text" and not isinstance(value, str):
        raise _BadAnswer(f"expected a text (a string), got {_describe(value)}")
    return _UNSCORED


def _encode(
    layout: _Layout, responses: Sequence[Response], problems: list[Problem]
) -> tuple[npt.NDArray[np.int16], IntArray]:
    """Validate every answer and encode the responses as (single codes, multi bit masks).

    Both arrays are question-major, shape (questions, cities): summing an area's questions then adds
    whole contiguous rows, which is what makes scoring fast.
    """
    n_single, n_multi = layout.n_single, layout.n_multi
    single_rows: list[list[int]] = []
    multi_rows: list[list[int]] = []
    questions, single_col, multi_col = layout.questions, layout.single_col, layout.multi_col
    seen: set[str] = set()
    for response in responses:
        city = response.city
        if city in seen:
            problems.append(Problem("duplicate city: it has more than one response", city=city))
        seen.add(city)
        single_row = [_UNANSWERED] * n_single
        multi_row = [_UNANSWERED] * n_multi
        for qid, value in response.answers.items():
            if value is None:
                continue
            question = questions.get(qid)
            if question is None:
                problems.append(Problem("unknown question id", city=city, question=qid))
                continue
            try:
                code = _answer_code(question, value)
            except _BadAnswer as exc:
                problems.append(Problem(str(exc), city=city, question=qid))
                continue
            col = single_col.get(qid)
            if col is not None:
                single_row[col] = code
            else:
                col = multi_col.get(qid)
                if col is not None:
                    multi_row[col] = code
        single_rows.append(single_row)
        multi_rows.append(multi_row)
    n = len(single_rows)
    single = np.ascontiguousarray(np.array(single_rows, dtype=np.int16).reshape(n, n_single).T)
    multi = np.ascontiguousarray(np.array(multi_rows, dtype=np.int64).reshape(n, n_multi).T)
    return single, multi


class ResponseSet(Sequence[Response]):
    """Validated responses to one questionnaire, with their answers encoded as arrays.

    What `parse_responses` returns. It is an immutable sequence of Response, so the arrays always
    match the responses; `score` accepts any sequence of Response and encodes it when needed.
    `single` holds option indexes, `multi` option bit masks, both shaped (questions, cities), with
    -1 for unanswered and -2 for n/a. They hold the answers as given: display conditions are applied
    when scoring (`_apply_conditions`).
    """

    def __init__(
        self,
        questionnaire: Questionnaire,
        responses: Sequence[Response],
        single: npt.NDArray[np.int16],
        multi: IntArray,
    ):
        self.questionnaire = questionnaire
        self._responses = tuple(responses)
        self.cities = tuple(r.city for r in self._responses)
        self.single = single
        self.multi = multi
        single.flags.writeable = multi.flags.writeable = False  # they must keep matching the responses
        self._facts: dict[str, FloatArray] = {}

    @classmethod
    def encode(cls, questionnaire: Questionnaire, responses: Sequence[Response]) -> ResponseSet:
        if (
            isinstance(responses, ResponseSet)
            and responses.questionnaire.layout.key == questionnaire.layout.key
        ):
            return responses
        problems: list[Problem] = []
        single, multi = _encode(questionnaire.layout, responses, problems)
        if problems:
            raise ScoringInputError(problems)
        return cls(questionnaire, responses, single, multi)

    def __len__(self) -> int:
        return len(self._responses)

    @overload
    def __getitem__(self, index: int) -> Response: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Response]: ...
    def __getitem__(self, index: int | slice) -> Response | Sequence[Response]:
        return self._responses[index]

    def __iter__(self) -> Iterator[Response]:
        return iter(self._responses)

    def fact_values(self, name: str) -> FloatArray:
        """The fact `name` of every city as floats, NaN where missing; refuse non-numbers."""
        values = self._facts.get(name)
        if values is None:
            raw = [r.facts.get(name) for r in self._responses]
            bad = [
                Problem(f"expected a number, got {_describe(v)}", city=r.city, question=f"facts.{name}")
                for r, v in zip(self._responses, raw, strict=True)
                if v is not None and not _is_number(v)
            ]
            if bad:
                raise ScoringInputError(bad)
            values = np.array([np.nan if v is None else v for v in raw], dtype=np.float64)
            self._facts[name] = values
        return values


def parse_responses(doc: Mapping[str, Any], questionnaire: Questionnaire) -> ResponseSet:
    """Validate a responses document against a questionnaire; raise ScoringInputError listing all problems."""
    if not isinstance(doc, Mapping):
        raise ScoringInputError([Problem(f"the responses must be a JSON object, got {_describe(doc)}")])
    problems: list[Problem] = []
    declared = doc.get("questionnaire")
    if declared is not None and declared != questionnaire.id:
        problems.append(
            Problem(f"the responses are for questionnaire {_quote(declared)}, not {_quote(questionnaire.id)}")
        )
    items = doc.get("responses")
    if not isinstance(items, list):
        raise ScoringInputError([*problems, Problem(f'"responses" must be a list, got {_describe(items)}')])
    cities: list[str] = []
    answers_of: list[Mapping[str, Any]] = []
    facts_of: list[Mapping[str, Any]] = []
    peer_facts: dict[str, FloatArray] = {}
    fast = _response_fields(items)
    if fast is not None:
        cities, answers_of, facts_of, peer_facts = fast
    for i, item in enumerate([] if fast is not None else items, start=1):
        if not isinstance(item, Mapping):
            problems.append(Problem(f"response #{i} must be an object, got {_describe(item)}"))
            continue
        city = item.get("city")
        if not isinstance(city, str) or not city.strip():
            problems.append(Problem(f"response #{i}: city must be a non-empty string, got {_describe(city)}"))
            city = f"#{i}"
        answers = item.get("answers")
        answers = {} if answers is None else answers
        if not isinstance(answers, Mapping):
            problems.append(Problem(f'"answers" must be an object, got {_describe(answers)}', city=city))
            answers = {}
        facts = item.get("facts")
        facts = {} if facts is None else facts
        if not isinstance(facts, Mapping):
            problems.append(Problem(f'"facts" must be an object, got {_describe(facts)}', city=city))
            facts = {}
        for name, low, high in (("population", 0.0, math.inf), ("foreign_born_share", 0.0, 100.0)):
            value = facts.get(name)
            if value is not None and (not _is_number(value) or not low <= value <= high):
                limits = "a number >= 0" if high == math.inf else f"a number from {low:g} to {high:g}"
                problems.append(
                    Problem(f"expected {limits}, got {_describe(value)}", city=city, question=f"facts.{name}")
                )
        cities.append(city)
        answers_of.append(answers)
        facts_of.append(facts)
    layout = questionnaire.layout
    # Valid input is encoded in bulk; anything else is walked answer by answer to name each problem.
    bulk = None if problems or len(set(cities)) < len(cities) else _encode_bulk(layout, answers_of)
    if bulk is None:
        has_null = [None in answers.values() for answers in answers_of]
    else:
        single, multi, null_array = bulk
        has_null = null_array.tolist()
    responses = [
        Response(
            city=city,
            # the answers as given, without JSON nulls (unanswered)
            answers={qid: v for qid, v in answers.items() if v is not None} if null else dict(answers),
            facts=dict(facts),
        )
        for city, answers, facts, null in zip(cities, answers_of, facts_of, has_null, strict=True)
    ]
    if bulk is None:
        single, multi = _encode(layout, responses, problems)
    if problems:
        raise ScoringInputError(problems)
    result = ResponseSet(questionnaire, responses, single, multi)
    result._facts.update(peer_facts)
    for name in _PEER_FACTS:
        result.fact_values(name)  # validated above; cache now so that score() does no per-city work
    return result


# The facts that place a city in its peer groups, and their limits.
_PEER_FACTS = {"population": (0.0, math.inf), "foreign_born_share": (0.0, 100.0)}


def _response_fields(
    items: list[Any],
) -> tuple[list[str], list[Mapping[str, Any]], list[Mapping[str, Any]], dict[str, FloatArray]] | None:
    """Cities, answers, facts and the peer-group facts as arrays, when every response is well formed.

    None if any may not be: then `parse_responses` walks them one by one and names each problem.
    """
    if not set(map(type, items)) <= {dict}:
        return None
    cities: list[Any] = list(map(dict.get, items, repeat("city")))
    if not set(map(type, cities)) <= {str} or not all(map(str.strip, cities)):
        return None
    answers_of: list[Any] = [{} if a is None else a for a in map(dict.get, items, repeat("answers"))]
    facts_of: list[Any] = [{} if f is None else f for f in map(dict.get, items, repeat("facts"))]
    if not set(map(type, answers_of)) <= {dict} or not set(map(type, facts_of)) <= {dict}:
        return None
    peer_facts: dict[str, FloatArray] = {}
    for name, (low, high) in _PEER_FACTS.items():
        raw = list(map(dict.get, facts_of, repeat(name)))
        if not set(map(type, raw)) <= {type(None), int, float}:  # exact types: no bool
            return None
        try:
            values = np.array(raw, dtype=np.float64).reshape(len(raw))  # None -> NaN
        except OverflowError:  # an int too large for a float
            return None
        missing = np.isnan(values)
        if int(missing.sum()) != raw.count(None):  # a NaN given (json reads NaN), not a missing fact
            return None
        given = values[~missing]
        if not ((np.abs(given) < 1e300) & (given >= low) & (given <= high)).all():
            return None
        peer_facts[name] = values
    return cities, answers_of, facts_of, peer_facts
