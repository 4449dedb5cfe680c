"""Offline scoring of interchange-format files, with no database.

    python -m icc.index.cli score --questionnaire Q.json --responses R.json [--format json|csv]
                                  [--robustness [--runs N] [--seed S]] [--output FILE]
    python -m icc.index.cli audit --questionnaire Q.json --responses R.json [--runs N] [--seed S]
                                  [--output FILE]

Questionnaires and responses may be JSON or YAML (.yaml, .yml). Bad input exits with status 2, a
message on stderr naming the city and the question, and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from icc.index.audit import audit
from icc.index.exchange_parse import load_document
from icc.index.files import DocumentError, write_atomically
from icc.index.scoring import (
    Robustness,
    ScoresDocument,
    ScoringInputError,
    parse_questionnaire,
    parse_responses,
    robustness,
    score,
)

BAD_INPUT = 2


# One-shot encoding without indent runs in C; json's indenting encoder is Python, and took longer than
# the whole scoring of 10,000 cities.
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def _layout(value: Any, indent: str = "") -> str:
    """JSON indented by two spaces, except that each object in a list of objects (a city) is one line."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = [f"{inner}{_ENCODER.encode(key)}: {_layout(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) and item for item in value):
        # One call to the encoder for the whole list, then a line break before each object that starts
        # with the first object's first key. `}, {"key": ` occurs nowhere but between two objects of a
        # list: inside a string the quote before `key` would be escaped, and a string's closing quote is
        # never followed by a letter. At worst (objects holding lists of objects with that key) a break
        # lands inside an object: still the same JSON, only laid out differently.
        key = _ENCODER.encode(next(iter(value[0])))
        text = _ENCODER.encode(value)[1:-1].replace(f"}}, {{{key}: ", f"}},\n{inner}{{{key}: ")
        return "[\n" + inner + text + "\n" + indent + "]"
    return _ENCODER.encode(value)


def render_json(scores: ScoresDocument, robust: Robustness | None = None) -> str:
    """The scores document, one city per line."""
    doc = scores.to_dict()
    if robust is not None:
        doc["robustness"] = robust.to_dict()
    return _layout(doc) + "\n"


def render_csv(scores: ScoresDocument, robust: Robustness | None = None) -> str:
    """One row per city; empty cells for null; scores unrounded."""
    scales = list(scores.peer_groups)
    header = ["city", "complete", "aggregate", *scores.area_ids, *scores.group_ids]
    header += [f"peer_group_{name}" for name in scales] + [f"rank_{name}" for name in scores.ranks]
    robust_columns = ["rank_equal_weights", "rank_geometric", "rank_median", "rank_p05", "rank_p95"]
    if robust is not None:
        header += robust_columns
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)

    def cell(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return value

    by_city = {c.city: c for c in robust.cities} if robust is not None else {}
    for city in scores.cities():
        row = [city.city, city.complete, city.aggregate, *city.areas.values(), *city.groups.values()]
        row += [city.peer_groups[name] for name in scales] + list(city.rank.values())
        if robust is not None:
            r = by_city[city.city]
            row += [r.equal_weights, r.geometric, r.median, r.p05, r.p95]
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="icc index", description="Intercultural Cities Index, offline.")
    commands = parser.add_subparsers(dest="command", required=True)
    scorer = commands.add_parser(
        "score",
        help="score responses to a questionnaire (interchange format) and print the scores document",
    )
    scorer.add_argument("--questionnaire", required=True, type=Path, help="questionnaire, JSON or YAML")
    scorer.add_argument("--responses", required=True, type=Path, help="responses, JSON or YAML")
    scorer.add_argument("--format", choices=("json", "csv"), default="json")
    scorer.add_argument("--robustness", action="store_true", help="add rank intervals (Monte Carlo)")
    scorer.add_argument("--runs", type=int, default=1000, help="Monte Carlo runs for --robustness")
    scorer.add_argument("--seed", type=int, default=0, help="random seed for --robustness")
    scorer.add_argument("--output", type=Path, help="write here instead of standard output")
    auditor = commands.add_parser(
        "audit",
        help="the statistical audit of responses to a questionnaire (interchange format), as JSON",
    )
    auditor.add_argument("--questionnaire", required=True, type=Path, help="questionnaire, JSON or YAML")
    auditor.add_argument("--responses", required=True, type=Path, help="responses, JSON or YAML")
    auditor.add_argument("--runs", type=int, default=1000, help="Monte Carlo runs for the sensitivity")
    auditor.add_argument("--seed", type=int, default=0, help="random seed of the Monte Carlo runs")
    auditor.add_argument("--output", type=Path, help="write here instead of standard output")
    return parser


def _score(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    # Reading a large file makes millions of objects and no reference cycles: the garbage collector
    # would only walk them again and again (a tenth of the time on 10,000 cities).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _score_files(args, stdout, stderr)
    finally:
        if collecting:
            gc.enable()


def _score_files(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        questionnaire = parse_questionnaire(load_document(args.questionnaire))
        responses = parse_responses(load_document(args.responses), questionnaire)
        scores = score(questionnaire, responses)
        robust = None
        if args.robustness:
            robust = robustness(questionnaire, responses, runs=args.runs, seed=args.seed)
    except (ScoringInputError, DocumentError) as exc:
        stderr.write(f"icc index score: bad input, no scores written.\n{exc}\n")
        return BAD_INPUT
    text = render_csv(scores, robust) if args.format == "csv" else render_json(scores, robust)
    if args.output is not None:
        try:
            write_atomically(args.output, text)
        except OSError as exc:
            stderr.write(f"icc index score: cannot write {args.output}, no scores written: {exc}\n")
            return 1
    else:
        stdout.write(text)
    return 0


def _audit(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    try:
        questionnaire = parse_questionnaire(load_document(args.questionnaire))
        responses = parse_responses(load_document(args.responses), questionnaire)
        result = audit(questionnaire, responses, runs=args.runs, seed=args.seed)
    except (ScoringInputError, DocumentError) as exc:
        stderr.write(f"icc index audit: bad input, no audit written.\n{exc}\n")
        return BAD_INPUT
    text = _layout(result.to_dict()) + "\n"
    if args.output is not None:
        try:
            write_atomically(args.output, text)
        except OSError as exc:
            stderr.write(f"icc index audit: cannot write {args.output}, no audit written: {exc}\n")
            return 1
    else:
        stdout.write(text)
    return 0


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line `argv` (without the program name); return the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors (status 2)
        return exc.code if isinstance(exc.code, int) else BAD_INPUT
    if args.command == "score":
        if args.runs < 1:
            stderr.write("icc index score: --runs must be at least 1\n")
            return BAD_INPUT
        return _score(args, stdout, stderr)
    if args.command == "audit":
        if args.runs < 1:
            stderr.write("icc index audit: --runs must be at least 1\n")
            return BAD_INPUT
        return _audit(args, stdout, stderr)
    return BAD_INPUT  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
