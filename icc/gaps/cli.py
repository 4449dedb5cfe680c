"""`icc gaps compute`: the gap statistics of a gap-format CSV file, offline (no database, no Django).

    icc gaps compute --input FILE.csv [--format json|csv] [--min-denominator 30] [--min-numerator 10]
                     [--max-rse 0.3]

Prints `{"gaps": [...]}` as ../shared/docs/gap-format.md describes, or the same records as CSV (each
interval as two columns: gap_ci_low, gap_ci_high, ratio_ci_low, ratio_ci_high; empty cells for null).
A bad file exits with status 2 and lists every problem on standard error as "row N, column C: message";
nothing is printed on standard output. CSV only: the project's spreadsheet reader (for XLSX) needs Django.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from icc.gaps.format import GapFormatError, read_gap_csv
from icc.gaps.statistics import GapRecord, Thresholds, compute_gaps

BAD_INPUT = 2

_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def render_json(records: list[GapRecord]) -> str:
    """`{"gaps": [...]}`, one record per line."""
    if not records:
        return '{"gaps": []}\n'
    lines = ",\n".join("  " + _ENCODER.encode(record.as_dict()) for record in records)
    return '{"gaps": [\n' + lines + "\n]}\n"


def csv_columns() -> list[str]:
    """The JSON record's keys, each interval split into its low and high bound."""
    columns: list[str] = []
    for key in GapRecord.KEYS:
        columns += [f"{key}_low", f"{key}_high"] if key.endswith("_ci") else [key]
    return columns


def render_csv(records: list[GapRecord]) -> str:
    """One row per record; empty cells for null; booleans as true/false; numbers unrounded."""

    def cells(value: Any) -> list[Any]:
        if isinstance(value, list):
            return [cell for item in value for cell in cells(item)]
        if value is None:
            return [""]
        if isinstance(value, bool):
            return ["true" if value else "false"]
        return [value]

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns())
    for record in records:
        row: list[Any] = []
        for key, value in record.as_dict().items():
            row += [""] * 2 if key.endswith("_ci") and value is None else cells(value)
        writer.writerow(row)
    return out.getvalue()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="icc gaps", description="Mind the gap: gap statistics, offline.")
    commands = parser.add_subparsers(dest="command", required=True)
    compute = commands.add_parser(
        "compute", help="the gap records of a gap-format CSV file (see docs/gaps-format-notes.md)"
    )
    compute.add_argument("--input", required=True, type=Path, help="the gap-format file, CSV (UTF-8)")
    compute.add_argument("--format", choices=("json", "csv"), default="json")
    defaults = Thresholds()
    compute.add_argument(
        "--min-denominator",
        type=int,
        default=defaults.min_denominator,
        help="suppress a record when either group has fewer people (default %(default)s)",
    )
    compute.add_argument(
        "--min-numerator",
        type=int,
        default=defaults.min_numerator,
        help="suppress a record when either group's numerator is smaller (default %(default)s)",
    )
    compute.add_argument(
        "--max-rse",
        type=float,
        default=defaults.max_rse,
        help="low reliability above this relative standard error of either rate (default %(default)s)",
    )
    return parser


def _compute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if args.min_denominator < 0 or args.min_numerator < 0 or not args.max_rse > 0:
        stderr.write("icc gaps compute: the thresholds must be 0 or more (--max-rse above 0)\n")
        return BAD_INPUT
    try:
        content = args.input.read_bytes()
    except OSError as exc:
        stderr.write(f"icc gaps compute: cannot read {args.input}: {exc.strerror or exc}\n")
        return BAD_INPUT
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        stderr.write(
            f"icc gaps compute: bad file, nothing computed.\nrow {line}: the file is not in UTF-8. "
            "Save it as CSV UTF-8.\n"
        )
        return BAD_INPUT
    try:
        rows = read_gap_csv(text)
    except GapFormatError as exc:
        stderr.write("icc gaps compute: bad file, nothing computed.\n")
        stderr.writelines(f"{problem}\n" for problem in exc.problems)
        return BAD_INPUT
    thresholds = Thresholds(
        min_denominator=args.min_denominator, min_numerator=args.min_numerator, max_rse=args.max_rse
    )
    records = compute_gaps(rows, thresholds)
    stdout.write(render_csv(records) if args.format == "csv" else render_json(records))
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
    if args.command == "compute":
        return _compute(args, stdout, stderr)
    return BAD_INPUT  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
