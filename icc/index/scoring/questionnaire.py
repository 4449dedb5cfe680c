"""The Intercultural Cities Index scoring engine: pure computation, no Django, no ORM.

It implements the public interchange format of `docs/index-format.md` (questionnaire, responses,
scores) and what the platform builds on it: good-practice candidates, progress between rounds,
robustness of ranks, the trace of any score and data checks.

Speed comes from doing the per-city work once, at parse time: `parse_responses` validates every
answer and encodes it as an integer code in two arrays (one row per scored question, one column
per city), and `score` then works on whole arrays, looking option points up in flat tables. Loops
run over areas, options, bands and display conditions, never over cities.

Conventions the format leaves open, chosen here and stated in the methodology:
- a question's points are floored at 0 (a negative option can lower a question to 0, not below), so
  every score stays within [0, 100];
- an area with no points achievable (all its scored questions "n/a", or none scored) has no score;
- completeness counts scored questions only, optional areas included; an answer given as JSON null
  counts as unanswered;
- ranks treat aggregates within 1e-9 of each other as equal, chaining (a run of values each within
  1e-9 of the next shares one rank), so float noise never splits a tie;
- quartiles and medians interpolate linearly (numpy's default "linear" method).

Display conditions (`show_if: {question: <an earlier choice question>, in: [<its option ids>]}`, a
key the format allows on a question) are applied when scoring, because the data-entry pages never
ask a question whose condition is not met. The lead engineer's decision:
- the condition is met when the earlier question's answer is one of the listed options (for a
  multiple-choice question: when any chosen option is); it is not met when that question is
  unanswered, "n/a", answered with another option, or is itself a follow-up that is not shown;
- a follow-up whose condition is not met does not apply: it earns 0 points and its full points stay
  in the points achievable (a city without a budget line has no budget growth either); it does not
  make the response incomplete; any answer given to it is ignored for scoring (it is still
  validated) and `data_checks` counts it as "not shown", not as unanswered;
- a follow-up whose condition is met is scored like any other question (unanswered: incomplete).
In the arrays the engine gives such a follow-up the code `_HIDDEN` before summing (see
`_apply_conditions`): a mask per (question, city) computed from the codes of the condition question,
one vectorised step per conditional question.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

ENGINE_VERSION = "1"
TIE_TOLERANCE = 1e-9
NA = "n/a"
DATA_TYPES = ("fact", "input", "impact")
CHOICE_TYPES = ("single_choice", "multiple_choice", "yes_no")
VALUE_TYPES = ("number", "percentage", "text", "year")
# Multiple-choice answers are encoded as a bit mask in an int64.
MAX_MULTIPLE_OPTIONS = 62
# Up to this many options a multiple-choice question gets a lookup table of every subset's points.
_SUBSET_TABLE_OPTIONS = 10

# Codes standing for "no option" in the answer arrays. Valid option codes are >= 0. Parsing stores
# only the first two; scoring writes _HIDDEN over the answers to follow-ups whose condition is not met.
_UNANSWERED = -1
_NOT_APPLICABLE = -2
_HIDDEN = -3
_UNSCORED = -4  # returned for value questions, never stored

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Answer = str | int | float | list[str]


# --------------------------------------------------------------------------------------------------
# Errors


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


# --------------------------------------------------------------------------------------------------
# Questionnaire


@dataclass(frozen=True)
class Option:
    id: str
    points: float
    label: Any = None


@dataclass(frozen=True)
class Condition:
    """A display condition: the question is shown only when `question`'s answer is one of `options`."""

    question: str
    options: tuple[str, ...]

    def describe(self) -> str:
        return f"shown only when {self.question} is one of {', '.join(_quote(o) for o in self.options)}"


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    data_type: str
    type: str
    allow_na: bool = False
    options: tuple[Option, ...] = ()
    max_points: float | None = None
    text: Any = None
    show_if: Condition | None = None

    @property
    def scored(self) -> bool:
        return self.type in CHOICE_TYPES and self.data_type != "fact"

    @cached_property
    def option_index(self) -> dict[str, int]:
        return {option.id: i for i, option in enumerate(self.options)}

    @property
    def cap(self) -> float:
        """The most points the question can earn: its full points achievable."""
        if self.type == "multiple_choice":
            if self.max_points is not None:
                return self.max_points
            return float(sum(o.points for o in self.options if o.points > 0))
        return max([0.0, *(o.points for o in self.options)])


@dataclass(frozen=True)
class Area:
    id: str
    weight: float
    optional: bool
    questions: tuple[Question, ...]
    title: Any = None


@dataclass(frozen=True)
class Group:
    id: str
    areas: tuple[str, ...]
    title: Any = None


@dataclass(frozen=True)
class Questionnaire:
    id: str
    areas: tuple[Area, ...]
    groups: tuple[Group, ...] = ()
    title: Any = None

    @cached_property
    def layout(self) -> _Layout:
        return _Layout.build(self)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)


def _title_text(title: Any, fallback: str) -> str:
    if isinstance(title, Mapping):
        text = title.get("en") or next(iter(title.values()), None)
        return str(text) if text else fallback
    return str(title) if title else fallback


def parse_questionnaire(doc: Mapping[str, Any]) -> Questionnaire:
    """Validate a questionnaire document and build a Questionnaire; raise ScoringInputError."""
    if not isinstance(doc, Mapping):
        raise ScoringInputError([Problem(f"the questionnaire must be a JSON object, got {_describe(doc)}")])
    problems: list[Problem] = []
    qn_id = doc.get("id")
    if not isinstance(qn_id, str) or not qn_id:
        problems.append(Problem(f'the questionnaire "id" must be a non-empty string, got {_describe(qn_id)}'))
        qn_id = ""
    areas_doc = doc.get("areas")
    if not isinstance(areas_doc, list) or not areas_doc:
        problems.append(Problem(f'"areas" must be a non-empty list, got {_describe(areas_doc)}'))
        areas_doc = []
    seen_ids: set[str] = set()  # areas and groups share one namespace: both become CSV columns
    seen_questions: dict[str, str] = {}
    areas: list[Area] = []
    for i, area_doc in enumerate(areas_doc, start=1):
        area = _parse_area(area_doc, i, seen_ids, seen_questions, problems)
        if area is not None:
            areas.append(area)
    _check_conditions(areas, problems)
    groups: list[Group] = []
    groups_doc = doc.get("groups", [])
    if not isinstance(groups_doc, list):
        problems.append(Problem(f'"groups" must be a list, got {_describe(groups_doc)}'))
        groups_doc = []
    weights = {a.id: a.weight for a in areas}
    for i, group_doc in enumerate(groups_doc, start=1):
        group = _parse_group(group_doc, i, weights, seen_ids, problems)
        if group is not None:
            groups.append(group)
    counted = [a for a in areas if not a.optional]
    if areas and not counted:
        problems.append(Problem("every area is optional, so no area counts in the aggregate"))
    elif counted and all(a.weight >= 0 for a in counted) and sum(a.weight for a in counted) == 0:
        problems.append(Problem("the weights of the non-optional areas are all zero"))
    if problems:
        raise ScoringInputError(problems)
    return Questionnaire(id=qn_id, areas=tuple(areas), groups=tuple(groups), title=doc.get("title"))


def _parse_area(
    doc: Any, index: int, seen_ids: set[str], seen_questions: dict[str, str], problems: list[Problem]
) -> Area | None:
    if not isinstance(doc, Mapping):
        problems.append(Problem(f"area #{index} must be an object, got {_describe(doc)}"))
        return None
    area_id = doc.get("id")
    if not isinstance(area_id, str) or not area_id:
        problems.append(Problem(f"area #{index}: id must be a non-empty string, got {_describe(area_id)}"))
        area_id = f"#{index}"
    elif area_id in seen_ids:
        problems.append(Problem("duplicate area id", area=area_id))
    seen_ids.add(area_id)
    weight = doc.get("weight", 1.0)
    if not _is_number(weight):
        problems.append(Problem(f"weight must be a number, got {_describe(weight)}", area=area_id))
        weight = 1.0  # reported; do not let it trigger "all weights are zero" too
    elif weight < 0:
        problems.append(Problem(f"weight is negative ({weight})", area=area_id))
    optional = doc.get("optional", False)
    if not isinstance(optional, bool):
        problems.append(Problem(f'"optional" must be true or false, got {_describe(optional)}', area=area_id))
        optional = False
    questions_doc = doc.get("questions", [])
    if not isinstance(questions_doc, list):
        problems.append(Problem(f'"questions" must be a list, got {_describe(questions_doc)}', area=area_id))
        questions_doc = []
    questions = []
    for j, question_doc in enumerate(questions_doc, start=1):
        question = _parse_question(question_doc, area_id, j, seen_questions, problems)
        if question is not None:
            questions.append(question)
    return Area(area_id, float(weight), optional, tuple(questions), doc.get("title"))


def _parse_question(
    doc: Any, area_id: str, index: int, seen: dict[str, str], problems: list[Problem]
) -> Question | None:
    if not isinstance(doc, Mapping):
        problems.append(Problem(f"question #{index} must be an object, got {_describe(doc)}", area=area_id))
        return None
    qid = doc.get("id")
    if not isinstance(qid, str) or not qid:
        problems.append(
            Problem(f"question #{index}: id must be a non-empty string, got {_describe(qid)}", area=area_id)
        )
        return None
    if qid in seen:
        problems.append(Problem(f"duplicate question id (also in area {_quote(seen[qid])})", question=qid))
    seen.setdefault(qid, area_id)

    def problem(message: str) -> None:
        problems.append(Problem(message, question=qid))

    data_type = doc.get("data_type")
    if data_type not in DATA_TYPES:
        problem(f"data_type must be one of {', '.join(DATA_TYPES)}, got {_describe(data_type)}")
    qtype = doc.get("type")
    if qtype not in CHOICE_TYPES + VALUE_TYPES:
        problem(f"type must be one of {', '.join(CHOICE_TYPES + VALUE_TYPES)}, got {_describe(qtype)}")
    allow_na = doc.get("allow_na", False)
    if not isinstance(allow_na, bool):
        problem(f'"allow_na" must be true or false, got {_describe(allow_na)}')
        allow_na = False
    options: list[Option] = []
    max_points: float | None = None
    if qtype in CHOICE_TYPES:
        options = _parse_options(doc.get("options"), scored=data_type != "fact", problem=problem)
        ids = {o.id for o in options}
        if qtype == "yes_no" and options and ids != {"yes", "no"}:
            got = ", ".join(sorted(ids))
            problem(f'a yes_no question needs exactly the options "yes" and "no", got {got}')
        if qtype == "multiple_choice":
            if len(options) > MAX_MULTIPLE_OPTIONS:
                problem(f"a multiple-choice question may have at most {MAX_MULTIPLE_OPTIONS} options")
            raw_max = doc.get("max_points")
            if raw_max is not None:
                if not _is_number(raw_max) or raw_max < 0:
                    problem(f"max_points must be a number >= 0, got {_describe(raw_max)}")
                else:
                    max_points = float(raw_max)
    return Question(
        id=qid,
        area=area_id,
        data_type=str(data_type),
        type=str(qtype),
        allow_na=allow_na,
        options=tuple(options),
        max_points=max_points,
        text=doc.get("text"),
        show_if=_parse_condition(doc["show_if"], problem) if doc.get("show_if") is not None else None,
    )


def _parse_condition(doc: Any, problem: Any) -> Condition | None:
    """The shape of a `show_if`; what it refers to is checked by `_check_conditions`."""
    if not isinstance(doc, Mapping):
        problem(f"show_if must be {{question: ..., in: [...]}}, got {_describe(doc)}")
        return None
    unknown = sorted(str(k) for k in doc if k not in ("question", "in"))
    if unknown:
        problem(f"show_if has unknown keys {', '.join(unknown)}: use only question and in")
    target = doc.get("question")
    allowed = doc.get("in")
    ok = True
    if not isinstance(allowed, list) or not allowed or not all(isinstance(v, str) for v in allowed):
        problem(f"show_if: in must be a non-empty list of option ids, got {_describe(allowed)}")
        ok = False
    if not isinstance(target, str) or not target:
        problem(f"show_if: question must be a question id, got {_describe(target)}")
        ok = False
    if not ok or unknown:
        return None
    assert isinstance(target, str) and isinstance(allowed, list)
    return Condition(target, tuple(dict.fromkeys(allowed)))


def _check_conditions(areas: Sequence[Area], problems: list[Problem]) -> None:
    """Each `show_if` must name an earlier choice question and options of it.

    A scored follow-up must moreover depend on a scored question: the engine reads the condition
    from the encoded answers, and facts are not encoded.
    """
    every = {q.id for area in areas for q in area.questions}
    earlier: dict[str, Question] = {}
    for area in areas:
        for q in area.questions:
            condition = q.show_if
            if condition is not None:
                target = earlier.get(condition.question)
                message = None
                if target is None:
                    message = (
                        f"show_if refers to question {_quote(condition.question)}, which is not asked before "
                        "this one: a condition can only depend on an earlier question"
                        if condition.question in every
                        else f"show_if refers to unknown question {_quote(condition.question)}"
                    )
                elif target.type not in CHOICE_TYPES:
                    message = (
                        f"show_if refers to question {_quote(target.id)}, which has no options "
                        f"(a {target.type} question): a condition can only depend on a choice question"
                    )
                elif q.scored and not target.scored:
                    message = (
                        f"show_if refers to question {_quote(target.id)}, a fact, which is never scored: "
                        "the condition of a scored question must be a scored choice question"
                    )
                if message is not None:
                    problems.append(Problem(message, question=q.id))
                else:
                    assert target is not None
                    for value in condition.options:
                        if value not in target.option_index:
                            options = ", ".join(target.option_index)
                            problems.append(
                                Problem(
                                    f"show_if: {_quote(value)} is not an option of question "
                                    f"{_quote(target.id)} (its options: {options})",
                                    question=q.id,
                                )
                            )
            earlier.setdefault(q.id, q)


def _parse_options(doc: Any, *, scored: bool, problem: Any) -> list[Option]:
    if not isinstance(doc, list) or not doc:
        problem(f"a choice question needs a non-empty list of options, got {_describe(doc)}")
        return []
    options: list[Option] = []
    seen: set[str] = set()
    for k, option_doc in enumerate(doc, start=1):
        if not isinstance(option_doc, Mapping):
            problem(f"option #{k} must be an object, got {_describe(option_doc)}")
            continue
        oid = option_doc.get("id")
        if not isinstance(oid, str) or not oid:
            problem(f"option #{k}: id must be a non-empty string, got {_describe(oid)}")
            continue
        if oid == NA:
            problem(f'option #{k}: the id "n/a" is reserved for "not applicable"')
            continue
        if oid in seen:
            problem(f"duplicate option id {_quote(oid)}")
        seen.add(oid)
        points = option_doc.get("points", None if scored else 0)
        if not _is_number(points):
            problem(f"option {_quote(oid)}: points must be a number, got {_describe(points)}")
            points = 0
        options.append(Option(oid, float(points), option_doc.get("label")))
    return options


def _parse_group(
    doc: Any, index: int, weights: Mapping[str, float], seen_ids: set[str], problems: list[Problem]
) -> Group | None:
    if not isinstance(doc, Mapping):
        problems.append(Problem(f"group #{index} must be an object, got {_describe(doc)}"))
        return None
    gid = doc.get("id")
    if not isinstance(gid, str) or not gid:
        problems.append(Problem(f"group #{index}: id must be a non-empty string, got {_describe(gid)}"))
        return None
    if gid in seen_ids:
        problems.append(Problem("duplicate id: an area or another group has it", group=gid))
    seen_ids.add(gid)
    members = doc.get("areas")
    if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
        problems.append(
            Problem(f'"areas" must be a non-empty list of area ids, got {_describe(members)}', group=gid)
        )
        return None
    for member in members:
        if member not in weights:
            problems.append(Problem(f"unknown area id {_quote(member)}", group=gid))
    duplicates = sorted({m for m in members if members.count(m) > 1})
    if duplicates:
        problems.append(Problem(f"duplicate area ids {', '.join(duplicates)}", group=gid))
    known = [weights[m] for m in members if m in weights]
    if known and len(known) == len(members) and all(w == 0 for w in known):
        problems.append(Problem("the weights of its areas are all zero", group=gid))
    return Group(gid, tuple(members), doc.get("title"))


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
        for g, group in enumerate(qn.groups):
            for member in group.areas:
                a = area_ids.index(member)
                group_weights[a, g] = qn.areas[a].weight
        return cls(
            key=tuple((q.id, q.type, tuple(o.id for o in q.options)) for _, q in singles + multis),
            questions={q.id: q for area in qn.areas for q in area.questions},
            area_ids=area_ids,
            group_ids=tuple(g.id for g in qn.groups),
            single_col={q.id: j for j, (_, q) in enumerate(singles)},
            multi_col={q.id: j for j, (_, q) in enumerate(multis)},
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


# --------------------------------------------------------------------------------------------------
# Responses


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


# --------------------------------------------------------------------------------------------------
# Peer-group bands


@dataclass(frozen=True)
class BandScale:
    """Bands over one numeric fact. Each band includes its lower bound and excludes its upper."""

    name: str  # key in "peer_groups" and "rank"
    fact: str  # key in each response's "facts"
    edges: tuple[float, ...]  # lower bounds of every band but the first, increasing
    labels: tuple[str, ...]  # one more than edges

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.edges) + 1:
            raise ValueError(f"band scale {self.name!r}: needs one label more than edges")
        if any(b <= a for a, b in zip(self.edges, self.edges[1:], strict=False)):
            raise ValueError(f"band scale {self.name!r}: edges must increase")

    def assign(self, values: FloatArray) -> IntArray:
        """Band index of each value; -1 where the value is missing."""
        bands = np.searchsorted(np.asarray(self.edges, dtype=np.float64), values, side="right")
        return np.where(np.isnan(values), -1, bands).astype(np.int64)


@dataclass(frozen=True)
class PeerBands:
    scales: tuple[BandScale, ...]

    def __post_init__(self) -> None:
        names = [s.name for s in self.scales]
        if "sample" in names or len(set(names)) != len(names):
            raise ValueError("peer band scale names must be unique and not 'sample'")


DEFAULT_BANDS = PeerBands(
    (
        BandScale(
            "population",
            "population",
            (100_000, 200_000, 500_000),
            ("<100k", "100k-200k", "200k-500k", ">=500k"),
        ),
        BandScale("diversity", "foreign_born_share", (10, 15, 20), ("<10%", "10-15%", "15-20%", ">=20%")),
    )
)


# --------------------------------------------------------------------------------------------------
# Array kernels


def _area_sums(
    layout: _Layout, single: npt.NDArray[np.int16], multi: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Points earned and points achievable per area and city, shape (areas, cities)."""
    n, n_areas = single.shape[1], len(layout.area_ids)
    earned = np.zeros((n_areas, n))
    achievable = np.zeros((n_areas, n))
    if layout.n_single and n:
        index = single + layout.single_offsets[:, None]
        _add_segments(earned, layout.single_earned.take(index), layout.single_segments)
        _add_segments(achievable, layout.single_achievable.take(index), layout.single_segments)
    if layout.n_multi and n:
        chosen = np.maximum(multi, 0)  # unanswered and n/a choose nothing
        if layout.multi_table is not None:
            width = layout.multi_table.shape[1]
            points = layout.multi_table.take(
                chosen + (np.arange(layout.n_multi, dtype=np.int64) * width)[:, None]
            )
        else:
            raw = np.zeros(multi.shape)
            for k in range(layout.multi_points.shape[1]):
                raw += ((chosen >> k) & 1) * layout.multi_points[:, k : k + 1]
            points = np.clip(raw, 0.0, layout.multi_cap[:, None])
        caps = np.where(multi == _NOT_APPLICABLE, 0.0, layout.multi_cap[:, None])
        _add_segments(earned, points, layout.multi_segments)
        _add_segments(achievable, caps, layout.multi_segments)
    return earned, achievable


def _area_scores(layout: _Layout, single: npt.NDArray[np.int16], multi: IntArray) -> FloatArray:
    """Area scores, shape (areas, cities), NaN where no points are achievable."""
    earned, achievable = _area_sums(layout, single, multi)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(achievable > 0, 100.0 * earned / achievable, np.nan)


def _weighted_means(scores: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted means of the non-null scores (areas, cities), one row per weight column (areas, k)."""
    has = ~np.isnan(scores)
    numerator = weights.T @ np.where(has, scores, 0.0)
    denominator = weights.T @ has.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def _geometric_means(scores: FloatArray, weights: FloatArray, floor: float) -> FloatArray:
    has = ~np.isnan(scores)
    logs = np.log(np.maximum(np.where(has, scores, 1.0), floor)) * has
    denominator = weights.T @ has.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, np.exp((weights.T @ logs) / denominator), np.nan)


def competition_ranks(values: FloatArray, tolerance: float = TIE_TOLERANCE) -> IntArray:
    """Standard competition ranks (1, 2, 2, 4), highest first, along axis 0; 0 where the value is NaN.

    Values within `tolerance` of the next one down share its rank. Works on (n,) or (n, runs).
    """
    v = np.asarray(values, dtype=np.float64)
    flat = v.ndim == 1
    if flat:
        v = v[:, None]
    ranks = np.zeros(v.shape, dtype=np.int64)
    if v.size:
        keyed = np.where(np.isnan(v), -np.inf, v)
        order = np.argsort(-keyed, axis=0, kind="stable")
        ordered = np.take_along_axis(keyed, order, axis=0)
        new_tie = np.ones(v.shape, dtype=bool)
        with np.errstate(invalid="ignore"):  # -inf - -inf (two missing values) is NaN: not a new tie
            new_tie[1:] = (ordered[:-1] - ordered[1:]) > tolerance
        positions = np.arange(v.shape[0])[:, None]
        starts = np.maximum.accumulate(np.where(new_tie, positions, 0), axis=0)
        np.put_along_axis(ranks, order, starts + 1, axis=0)
        ranks[np.isnan(v)] = 0
    return ranks[:, 0] if flat else ranks


def _descending_order(values: FloatArray) -> IntArray:
    return np.argsort(-np.where(np.isnan(values), -np.inf, values), kind="stable")


def _ranks_within(values: FloatArray, order: IntArray, groups: IntArray | None = None) -> IntArray:
    """Competition ranks within each group (one group when None); 0 for NaN values or group -1.

    `order` sorts `values` highest first; a stable sort by group keeps that order within each group,
    so one sort of the sample serves every peer-group scale.
    """
    n = len(values)
    if groups is not None:
        order = order[np.argsort(groups[order].astype(np.int16), kind="stable")]
    ordered = values[order]
    new_tie = np.ones(n, dtype=bool)
    new_group = np.zeros(n, dtype=bool)
    new_group[:1] = True
    if n > 1:
        new_tie[1:] = ~((ordered[:-1] - ordered[1:]) <= TIE_TOLERANCE)
        if groups is not None:
            sorted_groups = groups[order]
            new_group[1:] = sorted_groups[1:] != sorted_groups[:-1]
            new_tie |= new_group
    positions = np.arange(n)
    starts = np.maximum.accumulate(np.where(new_tie, positions, 0))
    group_starts = np.maximum.accumulate(np.where(new_group, positions, 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = starts - group_starts + 1
    ranks[np.isnan(values) if groups is None else np.isnan(values) | (groups < 0)] = 0
    return ranks


_STATS = ("mean", "median", "min", "max", "q1", "q3")


def _row_stats(matrix: FloatArray) -> dict[str, FloatArray]:
    """n, mean, median, min, max and quartiles of each row, ignoring NaN (NaN where n is 0)."""
    counts = (~np.isnan(matrix)).sum(axis=1)
    ordered = np.sort(matrix, axis=1)  # NaN sorts last
    rows = np.arange(matrix.shape[0])
    last = np.maximum(counts - 1, 0)
    empty = counts == 0

    def quantile(p: float) -> FloatArray:
        if not matrix.shape[1]:
            return np.full(matrix.shape[0], np.nan)
        position = p * last
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, last)
        below, above = ordered[rows, low], ordered[rows, high]
        return np.where(empty, np.nan, below + (above - below) * (position - low))

    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(empty, np.nan, np.nansum(matrix, axis=1) / counts)
    return {
        "n": counts.astype(np.float64),
        "mean": mean,
        "median": quantile(0.5),
        "min": quantile(0.0),
        "max": quantile(1.0),
        "q1": quantile(0.25),
        "q3": quantile(0.75),
    }


def row_statistics(matrix: npt.ArrayLike) -> dict[str, FloatArray]:
    """n, mean, median, min, max and quartiles (q1, q3) of each row of a (rows, cities) matrix, NaN
    ignored: the sample statistics of the scores document, for any subset of cities."""
    return _row_stats(np.atleast_2d(np.asarray(matrix, dtype=np.float64)))


def _nullable(value: float) -> float | None:
    return None if value != value else value


# --------------------------------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class CityScores:
    """One city's entry of the scores document."""

    city: str
    questionnaire: str
    complete: bool
    aggregate: float | None
    areas: dict[str, float | None]
    groups: dict[str, float | None]
    peer_groups: dict[str, str | None]
    rank: dict[str, int | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "complete": self.complete,
            "aggregate": self.aggregate,
            "areas": dict(self.areas),
            "groups": dict(self.groups),
            "peer_groups": dict(self.peer_groups),
            "rank": dict(self.rank),
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], questionnaire: str) -> CityScores:
        """A city entry read back from a stored scores document."""
        return cls(
            city=doc["city"],
            questionnaire=questionnaire,
            complete=doc["complete"],
            aggregate=doc["aggregate"],
            areas=dict(doc["areas"]),
            groups=dict(doc.get("groups", {})),
            peer_groups=dict(doc.get("peer_groups", {})),
            rank=dict(doc.get("rank", {})),
        )


@dataclass(frozen=True, eq=False)
class ScoresDocument:
    """Scores of a sample of cities, held as arrays; `to_dict()` gives the interchange format."""

    questionnaire: str
    city_names: tuple[str, ...]
    area_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    complete: BoolArray
    aggregate: FloatArray  # (cities,), NaN = null
    areas: FloatArray  # (cities, areas), a transposed view of the engine's (areas, cities)
    groups: FloatArray  # (cities, groups)
    peer_groups: dict[str, IntArray]  # scale name -> band index per city, -1 = null
    peer_labels: dict[str, tuple[str, ...]]
    ranks: dict[str, IntArray]  # "sample" and scale names -> rank per city, 0 = null
    stats: dict[str, FloatArray]  # index 0 the aggregate, then one per area
    responses: ResponseSet = field(repr=False)
    layout: _Layout = field(repr=False)

    def __len__(self) -> int:
        return len(self.city_names)

    def cities(self) -> list[CityScores]:
        areas, groups = self.areas.tolist(), self.groups.tolist()
        peers = {name: bands.tolist() for name, bands in self.peer_groups.items()}
        ranks = {name: r.tolist() for name, r in self.ranks.items()}
        return [
            CityScores(
                city=city,
                questionnaire=self.questionnaire,
                complete=complete,
                aggregate=_nullable(aggregate),
                areas={a: _nullable(s) for a, s in zip(self.area_ids, areas[i], strict=True)},
                groups={g: _nullable(s) for g, s in zip(self.group_ids, groups[i], strict=True)},
                peer_groups={
                    name: (self.peer_labels[name][band[i]] if band[i] >= 0 else None)
                    for name, band in peers.items()
                },
                rank={name: (r[i] or None) for name, r in ranks.items()},
            )
            for i, (city, complete, aggregate) in enumerate(
                zip(self.city_names, self.complete.tolist(), self.aggregate.tolist(), strict=True)
            )
        ]

    def city(self, name: str) -> CityScores:
        i = self.city_names.index(name)
        return CityScores(
            city=name,
            questionnaire=self.questionnaire,
            complete=bool(self.complete[i]),
            aggregate=_nullable(float(self.aggregate[i])),
            areas={a: _nullable(float(s)) for a, s in zip(self.area_ids, self.areas[i], strict=True)},
            groups={g: _nullable(float(s)) for g, s in zip(self.group_ids, self.groups[i], strict=True)},
            peer_groups={
                name: (self.peer_labels[name][b] if (b := int(band[i])) >= 0 else None)
                for name, band in self.peer_groups.items()
            },
            rank={name: (int(r[i]) or None) for name, r in self.ranks.items()},
        )

    def _stats_dict(self, column: int) -> dict[str, Any]:
        out: dict[str, Any] = {key: _nullable(float(self.stats[key][column])) for key in _STATS}
        out["n"] = int(self.stats["n"][column])
        return out

    def _city_dicts(self) -> list[dict[str, Any]]:
        """`[c.to_dict() for c in self.cities()]`, built from whole columns: nulls are put in by numpy."""

        def rows(matrix: npt.NDArray[Any], null: BoolArray) -> list[Any]:
            values = matrix.astype(object)  # Python floats and ints
            values[null] = None
            return values.tolist()

        scales, rank_names = list(self.peer_groups), list(self.ranks)
        peers = np.empty((len(self), len(scales)), dtype=object)
        for s, name in enumerate(scales):
            labels = np.array([*self.peer_labels[name], None], dtype=object)
            peers[:, s] = labels[self.peer_groups[name]]  # band -1: the None at the end
        ranks = np.stack([self.ranks[name] for name in rank_names], axis=1)
        area_ids, group_ids = self.area_ids, self.group_ids
        return [
            {
                "city": city,
                "complete": complete,
                "aggregate": aggregate,
                "areas": dict(zip(area_ids, areas, strict=True)),
                "groups": dict(zip(group_ids, groups, strict=True)),
                "peer_groups": dict(zip(scales, peer, strict=True)),
                "rank": dict(zip(rank_names, rank, strict=True)),
            }
            for city, complete, aggregate, areas, groups, peer, rank in zip(
                self.city_names,
                self.complete.tolist(),
                rows(self.aggregate, np.isnan(self.aggregate)),
                rows(self.areas, np.isnan(self.areas)),
                rows(self.groups, np.isnan(self.groups)),
                peers.tolist(),
                rows(ranks, ranks == 0),
                strict=True,
            )
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "questionnaire": self.questionnaire,
            "cities": self._city_dicts(),
            "sample": {
                "n": len(self.city_names),
                "aggregate": self._stats_dict(0),
                "areas": {a: self._stats_dict(i + 1) for i, a in enumerate(self.area_ids)},
            },
        }


def score(
    questionnaire: Questionnaire, responses: Sequence[Response], *, bands: PeerBands = DEFAULT_BANDS
) -> ScoresDocument:
    """Score a sample of cities as `docs/index-format.md` specifies."""
    rs = ResponseSet.encode(questionnaire, responses)
    layout = questionnaire.layout
    single, multi = _apply_conditions(layout, rs.single, rs.multi)
    areas = _area_scores(layout, single, multi)
    aggregate = _weighted_means(areas, layout.aggregate_weights[:, None])[0]
    groups = _weighted_means(areas, layout.group_weights)
    complete = ~((single == _UNANSWERED).any(axis=0) | (multi == _UNANSWERED).any(axis=0))
    peer_groups = {scale.name: scale.assign(rs.fact_values(scale.fact)) for scale in bands.scales}
    order = _descending_order(aggregate)
    ranks = {"sample": _ranks_within(aggregate, order)}
    for scale in bands.scales:
        ranks[scale.name] = _ranks_within(aggregate, order, peer_groups[scale.name])
    return ScoresDocument(
        questionnaire=questionnaire.id,
        city_names=rs.cities,
        area_ids=layout.area_ids,
        group_ids=layout.group_ids,
        complete=complete,
        aggregate=aggregate,
        areas=areas.T,
        groups=groups.T,
        peer_groups=peer_groups,
        peer_labels={scale.name: scale.labels for scale in bands.scales},
        ranks=ranks,
        stats=_row_stats(np.vstack([aggregate, areas])),
        responses=rs,
        layout=layout,
    )


# --------------------------------------------------------------------------------------------------
# Good practice, progress, data checks


@dataclass(frozen=True)
class Candidate:
    city: str
    score: float
    rank: int


@dataclass(frozen=True, eq=False)
class AreaScoresTable:
    """Area scores read back from a stored scores document (`ScoresDocument.to_dict()`), enough for
    `best_in_area`: the platform stores the document, not the arrays."""

    city_names: tuple[str, ...]
    area_ids: tuple[str, ...]
    areas: FloatArray  # (cities, areas), NaN = null

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> AreaScoresTable:
        cities = doc.get("cities", [])
        area_ids = tuple(doc.get("sample", {}).get("areas", {}))
        areas = np.array(
            [[np.nan if (s := c["areas"].get(a)) is None else s for a in area_ids] for c in cities],
            dtype=np.float64,
        ).reshape(len(cities), len(area_ids))
        return cls(tuple(c["city"] for c in cities), area_ids, areas)


def best_in_area(scores: ScoresDocument | AreaScoresTable, n: int = 3) -> dict[str, list[Candidate]]:
    """Per area, the cities ranked n or better in it (more than n when tied), best first."""
    result: dict[str, list[Candidate]] = {}
    for a, area_id in enumerate(scores.area_ids):
        column = scores.areas[:, a]
        ranks = competition_ranks(column)
        chosen = np.flatnonzero((ranks > 0) & (ranks <= n))
        chosen = chosen[np.argsort(ranks[chosen], kind="stable")]
        result[area_id] = [Candidate(scores.city_names[i], float(column[i]), int(ranks[i])) for i in chosen]
    return result


@dataclass(frozen=True)
class Change:
    previous: float | None
    current: float | None
    delta: float | None  # None unless comparable and both have a score
    comparable: bool


@dataclass(frozen=True)
class Progress:
    city: str
    previous_questionnaire: str
    current_questionnaire: str
    areas: dict[str, Change]
    aggregate: Change

    def to_dict(self) -> dict[str, Any]:
        def change(c: Change) -> dict[str, Any]:
            return {
                "previous": c.previous,
                "current": c.current,
                "delta": c.delta,
                "comparable": c.comparable,
            }

        return {
            "city": self.city,
            "previous_questionnaire": self.previous_questionnaire,
            "current_questionnaire": self.current_questionnaire,
            "areas": {a: change(c) for a, c in self.areas.items()},
            "aggregate": change(self.aggregate),
        }


def progress(previous: CityScores, current: CityScores, comparable_areas: set[str] | None = None) -> Progress:
    """A city's change per area and in the aggregate since its previous scores.

    Within one questionnaire version (comparable_areas None) every area is comparable. Across
    versions only the areas in `comparable_areas` (from the version mapping) are; with None there,
    nothing is. The aggregate is comparable across versions only when every area of both is.
    """
    same_version = previous.questionnaire == current.questionnaire
    if comparable_areas is None:
        comparable_areas = set(previous.areas) | set(current.areas) if same_version else set()
    area_ids = list(current.areas) + [a for a in previous.areas if a not in current.areas]

    def change(before: float | None, after: float | None, comparable: bool) -> Change:
        delta = after - before if comparable and before is not None and after is not None else None
        return Change(before, after, delta, comparable)

    areas = {
        a: change(
            previous.areas.get(a),
            current.areas.get(a),
            a in comparable_areas and a in previous.areas and a in current.areas,
        )
        for a in area_ids
    }
    aggregate_comparable = same_version or set(area_ids) <= comparable_areas
    return Progress(
        city=current.city,
        previous_questionnaire=previous.questionnaire,
        current_questionnaire=current.questionnaire,
        areas=areas,
        aggregate=change(previous.aggregate, current.aggregate, aggregate_comparable),
    )


@dataclass(frozen=True)
class AreaCheck:
    """How many of an area's scored questions a city answered.

    scored = answered + not_applicable + unanswered + not_shown. A follow-up whose display condition
    is not met is `not_shown` (whatever was answered to it): the city was never asked it.
    """

    city: str
    area: str
    scored: int  # scored questions in the area
    answered: int  # given an option (not n/a, not unanswered), and shown
    not_applicable: int
    unanswered: int  # shown and unanswered
    flagged: bool  # the area rests on fewer than the threshold share of the questions shown
    not_shown: int = 0  # follow-ups whose display condition is not met

    @property
    def shown(self) -> int:
        return self.scored - self.not_shown

    @property
    def share(self) -> float | None:
        """The share of the questions shown to the city that it answered."""
        return self.answered / self.shown if self.shown else None


@dataclass(frozen=True)
class DataChecks:
    threshold: float
    checks: tuple[AreaCheck, ...]

    def flagged(self) -> list[AreaCheck]:
        return [c for c in self.checks if c.flagged]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for c in self.checks:
            out.setdefault(c.city, {})[c.area] = {
                "scored": c.scored,
                "answered": c.answered,
                "n/a": c.not_applicable,
                "unanswered": c.unanswered,
                "not shown": c.not_shown,
                "share": c.share,
                "flagged": c.flagged,
            }
        return {"threshold": self.threshold, "cities": out}


def _count_per_area(layout: _Layout, single_hits: BoolArray, multi_hits: BoolArray) -> IntArray:
    """Per city and area, shape (cities, areas), how many of its questions are hits."""
    counts = np.zeros((len(layout.area_ids), single_hits.shape[1]), dtype=np.int64)
    _add_segments(counts, single_hits, layout.single_segments)
    _add_segments(counts, multi_hits, layout.multi_segments)
    return counts.T


def data_checks(scores: ScoresDocument, threshold: float = 0.5) -> DataChecks:
    """Per city and area: how many scored questions shown to the city were answered; flagged when
    fewer than `threshold` of them. Follow-ups whose display condition is not met count as not shown."""
    layout = scores.layout
    single, multi = _apply_conditions(layout, scores.responses.single, scores.responses.multi)
    answered = _count_per_area(layout, single >= 0, multi >= 0)
    not_applicable = _count_per_area(layout, single == _NOT_APPLICABLE, multi == _NOT_APPLICABLE)
    not_shown = _count_per_area(layout, single == _HIDDEN, multi == _HIDDEN)
    scored = layout.scored_per_area
    shown = scored - not_shown
    unanswered = shown - answered - not_applicable
    flagged = (shown > 0) & (answered < threshold * shown)
    checks = tuple(
        AreaCheck(
            city=city,
            area=area,
            scored=int(scored[a]),
            answered=int(answered[i, a]),
            not_applicable=int(not_applicable[i, a]),
            unanswered=int(unanswered[i, a]),
            flagged=bool(flagged[i, a]),
            not_shown=int(not_shown[i, a]),
        )
        for i, city in enumerate(scores.city_names)
        for a, area in enumerate(layout.area_ids)
    )
    return DataChecks(threshold, checks)


# --------------------------------------------------------------------------------------------------
# Robustness


@dataclass(frozen=True)
class CityRobustness:
    city: str
    nominal: int | None
    equal_weights: int | None
    geometric: int | None
    median: float | None
    p05: float | None
    p95: float | None


@dataclass(frozen=True)
class Robustness:
    runs: int
    perturbation: float
    seed: int
    geometric_floor: float
    cities: tuple[CityRobustness, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "perturbation": self.perturbation,
            "seed": self.seed,
            "geometric_floor": self.geometric_floor,
            "cities": [vars(c).copy() for c in self.cities],
        }


def robustness(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    runs: int = 1000,
    perturbation: float = 0.25,
    seed: int = 0,
    *,
    geometric_floor: float = 1.0,
) -> Robustness:
    """How much each city's sample rank depends on the weights and the aggregation method.

    Scenarios, as in the OECD/JRC handbook and COINr: equal weights; the weighted geometric mean
    with the nominal weights; and `runs` Monte Carlo runs that multiply each weight by a factor drawn
    uniformly from [1 - perturbation, 1 + perturbation] and aggregate arithmetically or geometrically
    (drawn with equal odds). The geometric mean needs positive scores: area scores below
    `geometric_floor` (in points, 0-100) count as `geometric_floor`, so a 0 lowers the aggregate
    strongly without making it 0. Median and 5th-95th percentile ranks are over all 2 + runs scenarios.
    """
    if runs < 1 or not 0 <= perturbation < 1 or geometric_floor <= 0:
        raise ValueError("runs must be >= 1, perturbation within [0, 1) and geometric_floor > 0")
    rs = ResponseSet.encode(questionnaire, responses)
    layout = questionnaire.layout
    areas = _area_scores(layout, *_apply_conditions(layout, rs.single, rs.multi))
    weights = layout.aggregate_weights
    nominal = _weighted_means(areas, weights[:, None])[0]
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - perturbation, 1 + perturbation, size=(len(weights), runs))
    perturbed = weights[:, None] * factors  # (areas, runs)
    geometric_runs = rng.random(runs) < 0.5
    monte_carlo = np.where(
        geometric_runs[:, None],
        _geometric_means(areas, perturbed, geometric_floor),
        _weighted_means(areas, perturbed),
    )  # (runs, cities)
    equal = _weighted_means(areas, (weights > 0).astype(np.float64)[:, None])
    geometric = _geometric_means(areas, weights[:, None], geometric_floor)
    scenarios = np.vstack([equal, geometric, monte_carlo]).T  # (cities, 2 + runs)
    ranks = competition_ranks(scenarios).astype(np.float64)
    ranked = ~np.isnan(nominal)
    ranks[~ranked] = np.nan
    p05, median, p95 = np.percentile(ranks, [5, 50, 95], axis=1)
    nominal_ranks = competition_ranks(nominal).tolist()
    return Robustness(
        runs=runs,
        perturbation=perturbation,
        seed=seed,
        geometric_floor=geometric_floor,
        cities=tuple(
            CityRobustness(
                city=city,
                nominal=nominal_ranks[i] or None,
                equal_weights=int(ranks[i, 0]) if ranked[i] else None,
                geometric=int(ranks[i, 1]) if ranked[i] else None,
                median=_nullable(float(median[i])),
                p05=_nullable(float(p05[i])),
                p95=_nullable(float(p95[i])),
            )
            for i, city in enumerate(rs.cities)
        ),
    )


# --------------------------------------------------------------------------------------------------
# Explain


@dataclass(frozen=True)
class QuestionTrace:
    question: str
    answer: Answer | None  # as given, even when it is ignored (status "not shown")
    status: Literal["answered", "n/a", "unanswered", "not shown"]
    earned: float
    achievable: float
    note: str = ""
    condition: str = ""  # a follow-up's display condition, in words


@dataclass(frozen=True)
class AreaTrace:
    area: str
    title: str
    weight: float
    optional: bool
    questions: tuple[QuestionTrace, ...]
    earned: float
    achievable: float
    score: float | None
    share_of_aggregate: float | None  # weight renormalised over the areas in the aggregate
    contribution: float | None  # share_of_aggregate x score


@dataclass(frozen=True)
class Explanation:
    city: str
    questionnaire: str
    areas: tuple[AreaTrace, ...]  # all areas, or the one asked for
    aggregate: float | None
    aggregate_areas: tuple[str, ...]  # the areas whose scores make the aggregate

    def to_dict(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "questionnaire": self.questionnaire,
            "aggregate": self.aggregate,
            "aggregate_areas": list(self.aggregate_areas),
            "areas": [{**vars(a), "questions": [vars(q).copy() for q in a.questions]} for a in self.areas],
        }

    def render(self) -> str:
        lines = [f"{self.city}: questionnaire {self.questionnaire}"]
        for a in self.areas:
            role = "optional, not in the aggregate" if a.optional else f"weight {_fmt(a.weight)}"
            lines += ["", f"{a.title} [{a.area}] ({role})"]
            for q in a.questions:
                shown = "-" if q.answer is None else _quote(q.answer)
                if q.status == "not shown":
                    outcome = f"not applicable: {q.condition}: 0 of {_fmt(q.achievable)} points"
                elif q.status == "n/a":
                    outcome = "n/a: left out of both sums"
                elif q.status == "unanswered":
                    outcome = f"unanswered: 0 of {_fmt(q.achievable)} points"
                else:
                    outcome = f"{shown}: {_fmt(q.earned)} of {_fmt(q.achievable)} points"
                lines.append(f"  {q.question}  {outcome}{f' ({q.note})' if q.note else ''}")
            if a.score is None:
                lines.append("  no score: no points achievable (every scored question n/a)")
            else:
                lines.append(
                    f"  area score = 100 x {_fmt(a.earned)} / {_fmt(a.achievable)} = {_fmt(a.score)}"
                )
            if a.contribution is not None and a.share_of_aggregate is not None:
                lines.append(
                    f"  counts {_fmt(100 * a.share_of_aggregate)}% of the aggregate: "
                    f"adds {_fmt(a.contribution)} points to it"
                )
        lines.append("")
        if self.aggregate is None:
            lines.append("Aggregate: none (no non-optional area has a score)")
        else:
            lines.append(
                f"Aggregate = weighted mean of {', '.join(self.aggregate_areas)}, weights renormalised "
                f"over these areas = {_fmt(self.aggregate)}"
            )
        return "\n".join(lines)


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def explain(questionnaire: Questionnaire, response: Response, area_id: str | None = None) -> Explanation:
    """The trace from each answer to points, to area scores, to the weighted aggregate."""
    if area_id is not None and area_id not in questionnaire.layout.area_ids:
        raise KeyError(f"unknown area id {area_id!r}")
    layout = questionnaire.layout
    problems: list[Problem] = []
    single, multi = _apply_conditions(layout, *_encode(layout, [response], problems))
    if problems:
        raise ScoringInputError(problems)
    hidden = {qid for qid, j in layout.single_col.items() if single[j, 0] == _HIDDEN}
    hidden |= {qid for qid, j in layout.multi_col.items() if multi[j, 0] == _HIDDEN}
    raw: list[tuple[Area, tuple[QuestionTrace, ...], float, float, float | None]] = []
    for area in questionnaire.areas:
        traces = tuple(
            _trace(q, response.answers.get(q.id), q.id in hidden) for q in area.questions if q.scored
        )
        earned = float(sum(t.earned for t in traces))
        achievable = float(sum(t.achievable for t in traces))
        raw.append(
            (area, traces, earned, achievable, 100.0 * earned / achievable if achievable > 0 else None)
        )
    counted = [(area, s) for area, _, _, _, s in raw if not area.optional and s is not None]
    total = sum(area.weight for area, _ in counted)
    shares = {area.id: area.weight / total for area, _ in counted} if total > 0 else {}
    aggregate = sum(shares[area.id] * s for area, s in counted) if shares else None
    areas = tuple(
        AreaTrace(
            area=area.id,
            title=_title_text(area.title, area.id),
            weight=area.weight,
            optional=area.optional,
            questions=traces,
            earned=earned,
            achievable=achievable,
            score=s,
            share_of_aggregate=shares.get(area.id),
            contribution=shares[area.id] * s if area.id in shares and s is not None else None,
        )
        for area, traces, earned, achievable, s in raw
        if area_id is None or area.id == area_id
    )
    return Explanation(
        city=response.city,
        questionnaire=questionnaire.id,
        areas=areas,
        aggregate=aggregate,
        aggregate_areas=tuple(shares),
    )


def _trace(q: Question, answer: Answer | None, hidden: bool) -> QuestionTrace:
    if hidden:
        assert q.show_if is not None
        note = "" if answer is None else "the answer given is ignored"
        return QuestionTrace(q.id, answer, "not shown", 0.0, q.cap, note, q.show_if.describe())
    if answer is None:
        return QuestionTrace(q.id, None, "unanswered", 0.0, q.cap, "counts as 0; the response is incomplete")
    if q.allow_na and answer == NA:
        return QuestionTrace(q.id, answer, "n/a", 0.0, 0.0)
    if q.type == "multiple_choice":
        assert isinstance(answer, list)
        option_points = {o.id: o.points for o in q.options}
        total = sum(option_points[i] for i in answer)
        earned = min(max(total, 0.0), q.cap)
        note = f"sum {_fmt(total)} capped at {_fmt(q.cap)}" if total > q.cap else ""
        if total < 0:
            note = f"sum {_fmt(total)} floored at 0"
        return QuestionTrace(q.id, answer, "answered", earned, q.cap, note)
    points = next(o.points for o in q.options if o.id == answer)
    note = f"{_fmt(points)} points floored at 0" if points < 0 else ""
    return QuestionTrace(q.id, answer, "answered", max(points, 0.0), q.cap, note)
