"""How fast the Index scoring engine is, against a bare numpy floor. Prints figures, asserts no time.

Run: .venv/bin/python benchmarks/scoring.py [--quick]

Two synthetic, seeded samples: 150 cities x 10 rounds and 10,000 cities x 20 rounds, 90 scored
questions in 14 areas. In each area of 3 questions or more the last is a follow-up (`show_if`) of
the first, shown when it scores points (--without-show-if drops these conditions; the answers stay
the same, since no random draw depends on them). Every question is answered at random, follow-ups
too, so the conditions hide answered questions as well as unanswered ones. Each round is generated
as an interchange-format document, parsed (timed apart: that is the once-per-round cost of
validating and encoding), then scored. For every round the engine's `score()` (scores, groups,
completeness, peer groups, ranks, sample statistics) and the floor run three times each,
alternately, and the fastest of each counts, because the machine is shared. The floor is bare
numpy on the same encoded answers: option points looked up in a flat table, follow-ups whose
condition is not met set to 0 of their full points, earned and achievable points summed per area,
area scores and the weighted aggregate.
Aim: the large case under 2 s in total and within 3x of the floor.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from icc.index.scoring import (
    Questionnaire,
    ResponseSet,
    parse_questionnaire,
    parse_responses,
    robustness,
    score,
)

N_AREAS = 14
N_QUESTIONS = 90
OPTIONAL_AREAS = 2


def make_questionnaire(rng: np.random.Generator, show_if: bool = True) -> dict[str, Any]:
    areas: list[dict[str, Any]] = []
    area_of = np.sort(np.r_[np.arange(N_AREAS), rng.integers(0, N_AREAS, N_QUESTIONS - N_AREAS)])
    for a in range(N_AREAS):
        questions = []
        for j in np.flatnonzero(area_of == a):
            kind = rng.choice(["single_choice", "yes_no", "multiple_choice"], p=[0.6, 0.15, 0.25])
            question: dict[str, Any] = {
                "id": f"area{a}.q{j}",
                "data_type": "impact" if rng.random() < 0.2 else "input",
                "type": str(kind),
                "allow_na": bool(rng.random() < 0.3),
            }
            if kind == "yes_no":
                yes = int(rng.integers(1, 3))
                question["options"] = [{"id": "no", "points": 0}, {"id": "yes", "points": yes}]
            elif kind == "single_choice":
                m = int(rng.integers(3, 6))
                question["options"] = [{"id": f"o{k}", "points": k} for k in range(m)]
            else:
                m = int(rng.integers(4, 8))
                question["options"] = [{"id": f"o{k}", "points": int(rng.integers(0, 3))} for k in range(m)]
                if rng.random() < 0.5:
                    question["max_points"] = 3
            questions.append(question)
        if show_if and len(questions) >= 3:
            target = questions[0]
            scoring = [o["id"] for o in target["options"] if o["points"] > 0]
            questions[-1]["show_if"] = {
                "question": target["id"],
                "in": scoring or [o["id"] for o in target["options"]],
            }
        areas.append(
            {
                "id": f"area{a}",
                "weight": float(rng.choice([1.0, 1.0, 2.0])),
                "optional": a >= N_AREAS - OPTIONAL_AREAS,
                "questions": questions,
            }
        )
    groups = [{"id": "lens", "areas": [f"area{a}" for a in range(1, 7)]}]
    return {"id": "bench", "areas": areas, "groups": groups}


def make_responses(doc: dict[str, Any], n: int, rng: np.random.Generator, round_no: int) -> dict[str, Any]:
    """A round of answers: 5% unanswered, 5% n/a where allowed, otherwise options drawn at random."""
    columns: list[tuple[str, list[Any]]] = []
    for area in doc["areas"]:
        for q in area["questions"]:
            ids = [o["id"] for o in q["options"]]
            draw = rng.random(n)
            values: list[Any]
            if q["type"] == "multiple_choice":
                picks = rng.random((n, len(ids))) < 0.4
                values = [[i for i, p in zip(ids, row, strict=True) if p] for row in picks.tolist()]
            else:
                values = [ids[k] for k in rng.integers(0, len(ids), n).tolist()]
            for i in np.flatnonzero(draw < 0.05).tolist():
                values[i] = None
            if q["allow_na"]:
                for i in np.flatnonzero((draw >= 0.05) & (draw < 0.10)).tolist():
                    values[i] = "n/a"
            columns.append((q["id"], values))
    ids = [qid for qid, _ in columns]
    rows = zip(*(values for _, values in columns), strict=True)
    population = rng.lognormal(12, 1, n).round().tolist()
    share = rng.uniform(5, 35, n).round(1).tolist()
    return {
        "questionnaire": doc["id"],
        "responses": [
            {
                "city": f"city {i} round {round_no}",
                "facts": {"population": population[i], "foreign_born_share": share[i]},
                "answers": {qid: v for qid, v in zip(ids, row, strict=True) if v is not None},
            }
            for i, row in enumerate(rows)
        ],
    }


class Floor:
    """Bare numpy: the same earned and achievable sums, area scores and aggregate, nothing else.

    Follow-ups here depend on questions that are not follow-ups themselves, so one mask each does.
    """

    def __init__(self, doc: dict[str, Any]):
        singles: list[tuple[int, dict[str, Any]]] = []
        multis: list[tuple[int, dict[str, Any]]] = []
        for a, area in enumerate(doc["areas"]):
            for q in area["questions"]:
                (multis if q["type"] == "multiple_choice" else singles).append((a, q))
        width = 2 + max(len(q["options"]) for _, q in singles)
        self.earned = np.zeros((len(singles), width))
        self.achievable = np.zeros((len(singles), width))
        for j, (_, q) in enumerate(singles):
            points = [max(o["points"], 0) for o in q["options"]]
            self.earned[j, 2 : 2 + len(points)] = points
            self.achievable[j, 1 : 2 + len(points)] = max(points)
        self.offsets = (np.arange(len(singles)) * width + 2).astype(np.int32)
        masks = np.arange(2**7)
        bits = (masks[:, None] >> np.arange(7)) & 1
        self.multi_table = np.zeros((len(multis), 2**7))
        self.multi_cap = np.zeros(len(multis))
        for j, (_, q) in enumerate(multis):
            option_points = np.zeros(7)
            option_points[: len(q["options"])] = [o["points"] for o in q["options"]]
            cap = q.get("max_points", option_points[option_points > 0].sum())
            self.multi_table[j] = np.minimum(bits @ option_points, cap)
            self.multi_cap[j] = cap
        self.multi_offsets = np.arange(len(multis)) * 2**7
        self.single_rows = self._rows([a for a, _ in singles])
        self.multi_rows = self._rows([a for a, _ in multis])
        self.weights = np.array([0.0 if area["optional"] else area["weight"] for area in doc["areas"]])
        position = {q["id"]: (j, False, q) for j, (_, q) in enumerate(singles)}
        position |= {q["id"]: (j, True, q) for j, (_, q) in enumerate(multis)}
        # (follow-up is multi, its row, its full points, target is multi, target row, and the listed
        # options: a bit mask for a multiple-choice target, else shown-or-not by code + 2)
        self.conditions: list[tuple[bool, int, float, bool, int, Any]] = []
        for row, is_multi, q in position.values():
            if "show_if" in q:
                target_row, target_multi, target = position[q["show_if"]["question"]]
                codes = [k for k, o in enumerate(target["options"]) if o["id"] in q["show_if"]["in"]]
                cap = self.multi_cap[row] if is_multi else self.achievable[row, 2]
                listed = sum(1 << k for k in codes) if target_multi else np.isin(np.arange(-2, 8), codes)
                self.conditions.append((is_multi, row, cap, target_multi, target_row, listed))

    @staticmethod
    def _rows(area_of_row: list[int]) -> list[tuple[int, int, int]]:
        rows = np.array(area_of_row)
        return [
            (a, int(np.argmax(rows == a)), int(len(rows) - np.argmax(rows[::-1] == a)))
            for a in set(area_of_row)
        ]

    def __call__(self, single: np.ndarray, multi: np.ndarray) -> np.ndarray:
        """Answers are (questions, cities), as the engine encodes them; sums over each area's rows."""
        index = single + self.offsets[:, None]
        points = self.earned.take(index)
        possible = self.achievable.take(index)
        multi_points = self.multi_table.take(np.maximum(multi, 0) + self.multi_offsets[:, None])
        multi_possible = np.where(multi == -2, 0.0, self.multi_cap[:, None])
        for is_multi, row, cap, target_multi, target_row, listed in self.conditions:
            if target_multi:
                hidden = (multi[target_row] < 0) | ((multi[target_row] & listed) == 0)
            else:
                hidden = ~listed.take(single[target_row] + 2)
            (multi_points if is_multi else points)[row, hidden] = 0.0
            (multi_possible if is_multi else possible)[row, hidden] = cap
        earned = np.zeros((N_AREAS, single.shape[1]))
        achievable = np.zeros((N_AREAS, single.shape[1]))
        for a, start, end in self.single_rows:
            earned[a] += points[start:end].sum(axis=0)
            achievable[a] += possible[start:end].sum(axis=0)
        for a, start, end in self.multi_rows:
            earned[a] += multi_points[start:end].sum(axis=0)
            achievable[a] += multi_possible[start:end].sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            areas = 100 * earned / achievable
        has = ~np.isnan(areas)
        return (self.weights @ np.where(has, areas, 0)) / (self.weights @ has)


def best_of(repeats: int, fn: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def run_case(
    q: Questionnaire, doc: dict[str, Any], cities: int, rounds: int, rng: np.random.Generator
) -> None:
    floor = Floor(doc)
    engine_total = floor_total = parse_total = 0.0
    for r in range(rounds):
        responses_doc = make_responses(doc, cities, rng, r)
        start = time.perf_counter()
        responses = parse_responses(responses_doc, q)
        parse_total += time.perf_counter() - start
        del responses_doc
        assert isinstance(responses, ResponseSet)
        engine_best = floor_best = float("inf")
        for _ in range(3):  # alternate, so both see the same load on a shared machine
            engine_time, scores = best_of(1, lambda rs=responses: score(q, rs))
            floor_time, aggregate = best_of(1, lambda rs=responses: floor(rs.single, rs.multi))
            engine_best, floor_best = min(engine_best, engine_time), min(floor_best, floor_time)
        np.testing.assert_allclose(scores.aggregate, aggregate, rtol=1e-12, equal_nan=True)
        engine_total += engine_best
        floor_total += floor_best
    print(f"{cities:>6} cities x {rounds:>2} rounds x {N_QUESTIONS} questions:")
    print(f"    parse (validate + encode, once per round): {parse_total:8.3f} s")
    print(f"    engine score() total over rounds:          {engine_total:8.3f} s")
    print(f"    bare numpy floor, same sums:               {floor_total:8.3f} s")
    print(f"    engine / floor:                            {engine_total / floor_total:8.2f} x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 instead of 10,000 cities, 3 rounds")
    parser.add_argument("--without-show-if", action="store_true", help="no display conditions")
    args = parser.parse_args()
    rng = np.random.default_rng(20190101)
    doc = make_questionnaire(rng, show_if=not args.without_show_if)
    q = parse_questionnaire(doc)
    follow_ups = sum("show_if" in question for area in doc["areas"] for question in area["questions"])
    print(
        f"numpy {np.__version__}; {N_AREAS} areas, {N_QUESTIONS} questions ({follow_ups} follow-ups), "
        "seed 20190101"
    )
    run_case(q, doc, 150, 10, rng)
    if args.quick:
        run_case(q, doc, 1_000, 3, rng)
    else:
        run_case(q, doc, 10_000, 20, rng)
    responses = parse_responses(make_responses(doc, 150, rng, 0), q)
    seconds, _ = best_of(3, lambda: robustness(q, responses, runs=1000, seed=0))
    print(f"robustness, 150 cities x 1000 runs (best of 3):  {seconds:8.3f} s")


if __name__ == "__main__":
    main()
