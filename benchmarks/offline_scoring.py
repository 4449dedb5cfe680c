"""How fast the offline command `icc index score` is, end to end, against a bare numpy scorer.

Run: .venv/bin/python benchmarks/offline_scoring.py [--cities N] [--keep DIR] [--before REVISION]

Writes a seeded questionnaire (90 scored questions in 14 areas, with follow-ups: the one of
benchmarks/scoring.py) and a responses file of 10,000 cities to a temporary directory, then times,
each as a fresh subprocess, alternately, best of 3 (the machine is shared):

- the command: `icc index score --questionnaire Q --responses R --output out.json`, everything a user
  waits for: start-up, reading and validating both files, scoring, writing the scores document;
- the floor: a bare script (json and numpy, nothing else) that reads the same two files with the
  standard json module, encodes the answers into arrays (each answer touched only in C-level maps),
  computes the same area scores, follow-ups and weighted aggregates, checks nothing, and writes the
  aggregates as JSON;
- with --before REVISION, the command as it was at that git revision (its `icc` package exported to
  a temporary directory and run with `python -m icc`), for before/after figures in one run.

Every run gets compiled bytecode (one untimed run first), as an installed copy would. It prints
wall-clock and CPU seconds (user + system: steadier when others load the machine) and their ratios
to the floor, and checks that the command and the floor give the same aggregates (and the revision
the same scores document). Aim (issue 12): the command within 2x of the floor.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Only json and sys at the top: the floor runs as a subprocess of this file and adds numpy alone.
SEED = 20190101
ROOT = Path(__file__).resolve().parents[1]


# The floor, run as `python offline_scoring.py --floor Q R OUT`: only json and numpy are imported.
def floor(questionnaire_path: str, responses_path: str, output_path: str) -> None:
    from itertools import chain, repeat

    import numpy as np

    with open(questionnaire_path, encoding="utf-8") as stream:
        doc = json.load(stream)
    with open(responses_path, encoding="utf-8") as stream:
        responses = json.load(stream)["responses"]
    areas = doc["areas"]
    questions = [(a, q) for a, area in enumerate(areas) for q in area["questions"]]
    n, n_q = len(responses), len(questions)
    # Every answer of every city in one flat list, its question and city beside it: Python touches
    # each answer only inside C-level maps, the rest is numpy (the fastest bare way we know).
    answers = [r.get("answers", {}) for r in responses]
    counts = np.fromiter(map(len, answers), dtype=np.int64, count=n)
    total = int(counts.sum())
    row_of = {q["id"]: j for j, (_, q) in enumerate(questions)}
    row = np.fromiter(map(row_of.__getitem__, chain.from_iterable(answers)), dtype=np.int64, count=total)
    city = np.repeat(np.arange(n), counts)
    values_list = list(chain.from_iterable(map(dict.values, answers)))
    is_list = np.fromiter(map(isinstance, values_list, repeat(list)), dtype=bool, count=total)
    values = np.fromiter(values_list, dtype=object, count=total)
    vocabulary = {"n/a": 0}
    for _, q in questions:
        for o in q["options"]:
            vocabulary.setdefault(o["id"], len(vocabulary))
    table = np.full((n_q, len(vocabulary)), -2, dtype=np.int64)  # column 0, "n/a": -2
    for j, (_, q) in enumerate(questions):
        table[j, [vocabulary[o["id"]] for o in q["options"]]] = np.arange(len(q["options"]))
    # option index (single choice), option bit mask (multiple choice), -1 unanswered, -2 n/a
    code = np.full((n_q, n), -1, dtype=np.int64)
    strings = values[~is_list]
    ids = np.fromiter(map(vocabulary.__getitem__, strings), dtype=np.int64, count=len(strings))
    code[row[~is_list], city[~is_list]] = table[row[~is_list], ids]
    lists = values[is_list]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    items = list(chain.from_iterable(lists))
    item_ids = np.fromiter(map(vocabulary.__getitem__, items), dtype=np.int64, count=len(items))
    bits = np.left_shift(1, table[np.repeat(row[is_list], lengths), item_ids])
    masks = np.zeros(len(lists), dtype=np.int64)
    masks[lengths > 0] = np.bitwise_or.reduceat(bits, (np.cumsum(lengths) - lengths)[lengths > 0])
    code[row[is_list], city[is_list]] = masks
    earned = np.zeros((n_q, n))
    achievable = np.zeros((n_q, n))
    for j, (_, q) in enumerate(questions):
        points = np.array([o["points"] for o in q["options"]], dtype=np.float64)
        if q["type"] == "multiple_choice":
            cap = q.get("max_points", points[points > 0].sum())
            chosen = (np.maximum(code[j], 0)[:, None] >> np.arange(len(points))) & 1
            earned[j] = np.clip(chosen @ points, 0, cap)
        else:
            cap = max(0.0, points.max())
            earned[j] = np.r_[np.maximum(points, 0), 0.0, 0.0][code[j]]  # codes -2, -1: nothing
        achievable[j] = np.where(code[j] == -2, 0.0, cap)
    codes = {q["id"]: code[j] for j, (_, q) in enumerate(questions)}
    for j, (_, q) in enumerate(questions):  # follow-ups of questions that are not follow-ups
        if "show_if" in q:
            target = next(t for _, t in questions if t["id"] == q["show_if"]["question"])
            listed = [k for k, o in enumerate(target["options"]) if o["id"] in q["show_if"]["in"]]
            code = codes[target["id"]]
            if target["type"] == "multiple_choice":
                shown = (code >= 0) & ((code & sum(1 << k for k in listed)) != 0)
            else:
                shown = np.isin(code, listed)
            cap = q.get("max_points") if q["type"] == "multiple_choice" else None
            if cap is None:
                points = np.array([o["points"] for o in q["options"]], dtype=np.float64)
                cap = points[points > 0].sum() if q["type"] == "multiple_choice" else max(0.0, points.max())
            earned[j, ~shown] = 0.0
            achievable[j, ~shown] = cap
    member = np.zeros((len(areas), n_q))  # (areas, questions): 1 where the question is the area's
    member[[a for a, _ in questions], np.arange(n_q)] = 1.0
    area_earned, area_achievable = member @ earned, member @ achievable
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(area_achievable > 0, 100 * area_earned / area_achievable, np.nan)
    weights = np.array([0.0 if a.get("optional") else a.get("weight", 1.0) for a in areas])
    has = ~np.isnan(scores)
    aggregate = (weights @ np.where(has, scores, 0.0)) / (weights @ has)
    cities = [r["city"] for r in responses]
    with open(output_path, "w", encoding="utf-8") as stream:
        stream.write(json.dumps(dict(zip(cities, aggregate.tolist(), strict=True))))


def write_inputs(directory: Path, cities: int) -> tuple[Path, Path]:
    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scoring import make_questionnaire, make_responses

    rng = np.random.default_rng(SEED)
    questionnaire = make_questionnaire(rng)
    responses = make_responses(questionnaire, cities, rng, 0)
    q_path, r_path = directory / "questionnaire.json", directory / "responses.json"
    q_path.write_text(json.dumps(questionnaire, indent=2), encoding="utf-8")
    r_path.write_text(json.dumps(responses, ensure_ascii=False), encoding="utf-8")
    return q_path, r_path


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of a subprocess; exit if it fails."""
    import resource
    import subprocess
    import time

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    start, start_cpu = time.perf_counter(), cpu()
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False)
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return seconds, cpu_seconds


def before_tree(revision: str, directory: Path) -> Path:
    """The icc package as it was at `revision`, exported into `directory`."""
    import subprocess

    archive = subprocess.run(["git", "archive", revision, "icc"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive.stdout, check=True)
    return directory


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument(
        "--before", metavar="REVISION", help="also time the command as it was at this git revision"
    )
    parser.add_argument("--floor", nargs=3, metavar=("Q", "R", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(*args.floor)
        return
    import os
    import tempfile

    icc = Path(sys.executable).with_name("icc")
    with tempfile.TemporaryDirectory() as temporary:
        directory = args.keep or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        q_path, r_path = write_inputs(directory, args.cities)
        out_command, out_floor = directory / "scores.json", directory / "floor.json"
        arguments = ["index", "score", "--questionnaire", str(q_path), "--responses", str(r_path)]
        # Bytecode compiled once and kept, as an installed copy runs (PYTHONDONTWRITEBYTECODE would
        # make every run compile the project's modules again).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        runs: dict[str, tuple[list[str], dict[str, str], Path]] = {
            "icc index score ... --output": (
                [str(icc), *arguments, "--output", str(out_command)],
                env,
                ROOT,
            ),
            "bare json + numpy scorer": (
                [sys.executable, __file__, "--floor", str(q_path), str(r_path), str(out_floor)],
                env,
                ROOT,
            ),
        }
        if args.before:
            old = before_tree(args.before, Path(tempfile.mkdtemp(dir=temporary)))
            # python -m icc in the exported tree; DEBUG only so that its settings need no secret key
            command = [sys.executable, "-m", "icc", *arguments, "--output", str(directory / "before.json")]
            runs[f"the same at {args.before}"] = (command, env | {"DEBUG": "true"}, old)
        for command, run_env, cwd in runs.values():  # untimed: compiles and caches the bytecode
            timed(command, run_env, cwd)
        best = {label: (float("inf"), float("inf")) for label in runs}
        for _ in range(args.repeats):  # alternately, so that each sees the same load
            for label, (command, run_env, cwd) in runs.items():
                wall, cpu = timed(command, run_env, cwd)
                best[label] = (min(best[label][0], wall), min(best[label][1], cpu))
        scores = json.loads(out_command.read_text(encoding="utf-8"))
        expected = json.loads(out_floor.read_text(encoding="utf-8"))
        mismatched = [
            c["city"]
            for c in scores["cities"]
            if c["aggregate"] is None or abs(c["aggregate"] - expected[c["city"]]) > 1e-9
        ]
        if mismatched:
            sys.exit(f"the command and the floor disagree on {len(mismatched)} aggregates: {mismatched[:5]}")
        if args.before and json.loads((directory / "before.json").read_text(encoding="utf-8")) != scores:
            sys.exit(f"the command writes another scores document than at {args.before}")
        size = r_path.stat().st_size / 1e6
        print(
            f"{args.cities} cities x 90 questions, responses {size:.1f} MB, seed {SEED}, "
            f"best of {args.repeats}, {os.cpu_count()} cores; wall-clock and CPU seconds"
        )
        floor_wall, floor_cpu = best["bare json + numpy scorer"]
        for label, (wall, cpu) in best.items():
            print(
                f"    {label + ':':34} {wall:7.3f} s  (CPU {cpu:6.3f} s)   "
                f"/ floor: {wall / floor_wall:5.2f} x  (CPU {cpu / floor_cpu:5.2f} x)"
            )


if __name__ == "__main__":
    main()
