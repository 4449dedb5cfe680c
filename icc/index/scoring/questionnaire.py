"""The questionnaire of the interchange format (`docs/index-format.md`): its model (areas, questions,
options, display conditions, groups) and `parse_questionnaire`, which validates a document into it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from icc.index.scoring.constants import CHOICE_TYPES, DATA_TYPES, MAX_MULTIPLE_OPTIONS, NA, VALUE_TYPES
from icc.index.scoring.errors import Problem, ScoringInputError, _describe, _is_number, _quote
from icc.index.scoring.layout import _Layout


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
    """A group score: over areas (the weighted mean of their scores, e.g. the intercultural lens) or, when
    `questions` is given instead, over questions spread across areas (100 x points earned / points
    achievable over those questions, e.g. the gender lens)."""

    id: str
    areas: tuple[str, ...]
    title: Any = None
    questions: tuple[str, ...] = ()

    @property
    def of_questions(self) -> bool:
        return bool(self.questions)


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
    scored = {q.id: q.scored for a in areas for q in a.questions}
    for i, group_doc in enumerate(groups_doc, start=1):
        group = _parse_group(group_doc, i, weights, scored, seen_ids, problems)
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
    doc: Any,
    index: int,
    weights: Mapping[str, float],
    scored: Mapping[str, bool],
    seen_ids: set[str],
    problems: list[Problem],
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
    if "questions" in doc:
        return _parse_question_group(doc, gid, scored, problems)
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


def _parse_question_group(
    doc: Mapping[str, Any], gid: str, scored: Mapping[str, bool], problems: list[Problem]
) -> Group | None:
    """A group over questions: a non-empty list of scored question ids, and no "areas" beside it (a group
    is scored one way or the other)."""
    members = doc.get("questions")
    if "areas" in doc:
        problems.append(Problem('give either "areas" or "questions", not both', group=gid))
        return None
    if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
        got = _describe(members)
        message = f'"questions" must be a non-empty list of question ids, got {got}'
        problems.append(Problem(message, group=gid))
        return None
    for member in members:
        if member not in scored:
            problems.append(Problem(f"unknown question id {_quote(member)}", group=gid))
        elif not scored[member]:
            problems.append(
                Problem(f"question {_quote(member)} is not scored (a fact or a value question)", group=gid)
            )
    duplicates = sorted({m for m in members if members.count(m) > 1})
    if duplicates:
        problems.append(Problem(f"duplicate question ids {', '.join(duplicates)}", group=gid))
    return Group(gid, (), doc.get("title"), tuple(members))
