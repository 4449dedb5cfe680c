"""The trace of a score: from each answer to points, to area scores, to the weighted aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from icc.index.scoring.constants import _HIDDEN, NA, Answer
from icc.index.scoring.errors import Problem, ScoringInputError, _quote
from icc.index.scoring.layout import _apply_conditions
from icc.index.scoring.questionnaire import Area, Question, Questionnaire, _title_text
from icc.index.scoring.responses import Response, _encode


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
