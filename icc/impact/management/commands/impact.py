"""`icc impact analyse`: the analyses of evidence of impact offline, on the open-data files.

    icc impact analyse --index SCORES.json [--index SCORES.json ...] --outcomes FILE.csv|FILE.xlsx
                       [--format json|text] [--runs N] [--seed S]

SCORES.json: a round's `/<lang>/data/<round id>/scores.json` from the open data (docs/open-data.md), one
file per round. FILE: the outcome figures in the import format (city, year, outcome, value, unit, source,
licence; the template of /impact/outcomes/template.csv). With the files of the rounds and the outcomes a
published study used, the figures are those of the study. Bad input exits with status 2, naming the problem.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from icc.core.search import fold
from icc.core.spreadsheets import read_table
from icc.impact.models import OutcomeKind
from icc.impact.services import COLUMNS, DEFAULT_RUNS, analyse_inputs


def read_outcomes_file(path: Path, cities: dict[str, str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The file's figures keyed by the cities' short names, and the problems (row, column, what is wrong)."""
    extension = path.suffix.lower().lstrip(".")
    table = read_table(path.read_bytes(), "xlsx" if extension == "xlsx" else "csv")
    missing = [column for column in COLUMNS[:4] if column not in table.header]
    if missing:
        return [], [f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}"]
    at = {column: table.header.index(column) for column in COLUMNS[:4]}
    kinds = {fold(value): value for value in OutcomeKind.values}
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, cells in table.rows:
        cell = {c: (cells[i].strip() if i < len(cells) else "") for c, i in at.items()}
        kind = kinds.get(fold(cell["outcome"]))
        try:
            value = float(cell["value"])
            year = int(cell["year"])
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            problems.append(f"row {number}: year {cell['year']!r} or value {cell['value']!r} is not a number")
            continue
        if kind is None:
            problems.append(
                f"row {number}, outcome: {cell['outcome']!r} is not one of {', '.join(OutcomeKind.values)}"
            )
            continue
        city = cities.get(fold(cell["city"]), fold(cell["city"]))
        rows.append({"city": city, "year": year, "kind": kind, "value": value})
    return rows, problems


class Command(BaseCommand):
    help = "Evidence of impact: the Index against the cities' outcomes, offline (correlations, panel...)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        analyse = commands.add_parser(
            "analyse", help="run the analyses on open-data scores and an outcome file"
        )
        analyse.add_argument(
            "--index", action="append", required=True, type=Path, help="a round's scores.json"
        )
        analyse.add_argument("--outcomes", required=True, type=Path, help="outcome figures, CSV or XLSX")
        analyse.add_argument("--format", choices=["json", "text"], default="json")
        analyse.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="Monte Carlo variants")
        analyse.add_argument("--seed", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        documents = []
        for path in options["index"]:
            try:
                documents.append(json.loads(Path(path).read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                raise CommandError(f"{path}: not a readable scores.json ({exc})", returncode=2) from exc
        cities: dict[str, str] = {}
        for document in documents:
            for entry in document.get("cities") or []:
                slug = str(entry.get("slug") or entry.get("city") or "")
                for name in (slug, entry.get("city")):
                    if name:
                        cities[fold(str(name))] = slug
        try:
            outcomes, problems = read_outcomes_file(options["outcomes"], cities)
        except (OSError, ValidationError) as exc:
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(f"{options['outcomes']}: {message}", returncode=2) from exc
        if problems:
            raise CommandError("\n".join(problems), returncode=2)
        if options["runs"] < 0:
            raise CommandError("--runs must be 0 or more", returncode=2)
        try:
            results = analyse_inputs(
                {"scores": documents, "outcomes": outcomes}, runs=options["runs"], seed=options["seed"]
            )
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(text_report(results))


def _num(value: Any, places: int = 2) -> str:
    return "–" if value is None else f"{value:.{places}f}"


def text_report(results: dict[str, Any]) -> str:
    lines = ["Correlations of the aggregate (cross-section, latest round per city)"]
    lines.append(
        f"{'outcome':18} {'n':>4} {'pearson r':>9} {'95% interval':>16} {'q':>7} "
        f"{'spearman':>9} {'partial':>8}"
    )
    for row in results["correlations"]:
        if row["predictor"] != "aggregate":
            continue
        p, s, pa = row["pearson"] or {}, row["spearman"] or {}, row["partial"] or {}
        interval = f"[{_num(p.get('low'))}, {_num(p.get('high'))}]"
        lines.append(
            f"{row['outcome']:18} {row['n']:>4} {_num(p.get('r')):>9} {interval:>16} "
            f"{_num(p.get('q'), 4):>7} "
            f"{_num(s.get('r')):>9} {_num(pa.get('r')):>8}"
        )
    lines.append("")
    lines.append(
        "Panel: outcome on the aggregate of the previous round, city and year fixed effects, "
        "clustered by city"
    )
    for row in results["panel"]:
        lines.append(
            f"{row['outcome']:18} coef {_num(row.get('coef'), 3)} "
            f"[{_num(row.get('low'), 3)}, {_num(row.get('high'), 3)}] "
            f"p {_num(row.get('p'), 4)} obs {row.get('n_obs', 0)} cities {row.get('n_cities', 0)}"
        )
    lines.append("")
    lines.append(
        f"Robustness over {results['robustness']['runs']} Monte Carlo weightings "
        "(share significant, same sign)"
    )
    for kind, shares in results["robustness"]["outcomes"].items():
        lines.append(
            f"{kind:18} correlation {_num(shares['correlation_share'])}  panel {_num(shares['panel_share'])}"
        )
    return "\n".join(lines)
