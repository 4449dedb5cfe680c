"""`icc index ...`: questionnaire versions in and out, and offline scoring.

    icc index load-questionnaire FILE [FILE ...]   load versions from JSON or YAML (idempotent)
    icc index load-shipped                         load every version in icc/index/questionnaires/
    icc index export-questionnaire ID --format json|yaml [--output FILE]
    icc index score --questionnaire Q --responses R [...]   offline scoring, no database (icc.index.cli)
    icc index recompute [--round ID]               recompute stored scores; print the cities that changed

Bad input exits with status 2 and lists every problem; nothing is loaded or written.
To add a subcommand: a `_add_<name>` for its arguments and a `_<name>` handler in SUBCOMMANDS.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from icc.index import cli
from icc.index.files import dump_json, dump_yaml, write_atomically
from icc.index.models import Questionnaire, Round
from icc.index.services.questionnaires import (
    LoadResult,
    questionnaire_export,
    questionnaire_load_files,
    questionnaire_load_shipped,
)
from icc.index.services.scores import CityChange, rounds_recompute

BAD_INPUT = cli.BAD_INPUT


class _Raw:
    """Hands text to an OutputWrapper as it is (the wrapper would add a newline to each write)."""

    def __init__(self, out: OutputWrapper):
        self.out = out

    def write(self, text: str) -> int:
        self.out.write(text, ending="")
        return len(text)

    def flush(self) -> None:
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Intercultural Cities Index: load and export questionnaire versions, score offline, recompute scores."
    )
    requires_system_checks: list[str] = []  # `score` runs with no database; the others need none either

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, (add, _handle) in SUBCOMMANDS.items():
            add(commands, name)

    def handle(self, *args: Any, **options: Any) -> None:
        _add, handle = SUBCOMMANDS[options["subcommand"]]
        handle(self, options)

    # ----------------------------------------------------------------------------------------------
    # load-questionnaire, load-shipped

    def _report(self, results: list[tuple[Path, LoadResult]]) -> None:
        for path, result in results:
            self.stdout.write(f"{path}: {result.questionnaire.key} {result.outcome}")

    def _load_questionnaire(self, options: dict[str, Any]) -> None:
        try:
            results = questionnaire_load_files(paths=options["files"], by=None)
        except ValidationError as exc:
            raise _bad_input(exc) from exc
        self._report(results)

    def _load_shipped(self, options: dict[str, Any]) -> None:
        try:
            results = questionnaire_load_shipped(by=None)
        except ValidationError as exc:
            raise _bad_input(exc) from exc
        if not results:
            self.stdout.write("no questionnaire files in icc/index/questionnaires/")
        self._report(results)

    # ----------------------------------------------------------------------------------------------
    # export-questionnaire

    def _export_questionnaire(self, options: dict[str, Any]) -> None:
        key = options["id"]
        questionnaire = Questionnaire.objects.filter(key=key).first()
        if questionnaire is None:
            known = ", ".join(Questionnaire.objects.order_by("key").values_list("key", flat=True)) or "none"
            raise CommandError(
                f"no questionnaire version {key!r} (loaded versions: {known})", returncode=BAD_INPUT
            )
        document = questionnaire_export(questionnaire)
        text = dump_yaml(document) if options["format"] == "yaml" else dump_json(document)
        output: Path | None = options["output"]
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            write_atomically(output, text)
        except OSError as exc:
            raise CommandError(f"cannot write {output}, nothing written: {exc}") from exc
        self.stdout.write(f"{output}: {key} exported")

    # ----------------------------------------------------------------------------------------------
    # score: the offline command line of icc.index.cli, with its own options and exit statuses

    def _score(self, options: dict[str, Any]) -> None:
        stdout, stderr = cast(TextIO, _Raw(self.stdout)), cast(TextIO, _Raw(self.stderr))
        status = cli.main(["score", *options["score_args"]], stdout=stdout, stderr=stderr)
        if status:
            raise SystemExit(status)

    # ----------------------------------------------------------------------------------------------
    # recompute: the stored scores of every round (or one), and what changed

    def _recompute(self, options: dict[str, Any]) -> None:
        rounds = None
        if options["round"] is not None:
            round_ = Round.objects.filter(pk=options["round"]).first()
            if round_ is None:
                raise CommandError(f"no round with id {options['round']}", returncode=BAD_INPUT)
            rounds = [round_]
        try:
            results = rounds_recompute(rounds=rounds, by=None)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        if not results:
            self.stdout.write("no round has a validated response: nothing to score")
        for result in results:
            changed = len(result.changes)
            self.stdout.write(
                f"{result.round} (round {result.round.pk}): {result.cities} validated "
                f"{'response' if result.cities == 1 else 'responses'}, {changed} "
                f"{'city' if changed == 1 else 'cities'} changed"
            )
            for change in result.changes:
                self.stdout.write(f"  {_describe_change(change)}")


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value:.6g}"


def _describe_change(change: CityChange) -> str:
    before, after = _number(change.aggregate_before), _number(change.aggregate_after)
    if change.joined:
        return f"{change.city}: joins the sample, aggregate {after}, rank {change.rank_after}"
    if change.left:
        return f"{change.city}: leaves the sample (was aggregate {before}, rank {change.rank_before})"
    parts = []
    if change.aggregate_before != change.aggregate_after:
        parts.append(f"aggregate {before} -> {after}")
    if change.rank_before != change.rank_after:
        parts.append(f"rank {change.rank_before} -> {change.rank_after}")
    return f"{change.city}: {', '.join(parts)}"


def _bad_input(exc: ValidationError) -> CommandError:
    problems = exc.messages
    heading = (
        "nothing loaded: 1 problem" if len(problems) == 1 else f"nothing loaded: {len(problems)} problems"
    )
    return CommandError("\n".join([heading, *problems]), returncode=BAD_INPUT)


def _add_load_questionnaire(commands: Any, name: str) -> None:
    sub = commands.add_parser(
        name, help="load questionnaire versions from JSON or YAML files (all or nothing; idempotent)"
    )
    sub.add_argument("files", nargs="+", type=Path, metavar="FILE")


def _add_load_shipped(commands: Any, name: str) -> None:
    commands.add_parser(name, help="load every version shipped in icc/index/questionnaires/")


def _add_export_questionnaire(commands: Any, name: str) -> None:
    sub = commands.add_parser(name, help="write a version in the interchange format")
    sub.add_argument("id", metavar="ID", help="the version's id, such as icc-2019")
    sub.add_argument("--format", choices=("json", "yaml"), default="json")
    sub.add_argument("--output", type=Path, help="write here instead of standard output")


def _add_score(commands: Any, name: str) -> None:
    # Every argument goes to icc.index.cli as it is: "+" as the option prefix keeps argparse from
    # reading --questionnaire and the rest here.
    sub = commands.add_parser(
        name,
        help="score responses offline (see `python -m icc.index.cli score --help`)",
        add_help=False,
        prefix_chars="+",
    )
    sub.add_argument("score_args", nargs=argparse.REMAINDER)


def _add_recompute(commands: Any, name: str) -> None:
    sub = commands.add_parser(
        name, help="recompute the stored scores of every round (or one) and list the cities that changed"
    )
    sub.add_argument("--round", type=int, metavar="ID", help="only this round (its id)")


Handler = Callable[[Command, dict[str, Any]], None]
SUBCOMMANDS: dict[str, tuple[Callable[[Any, str], None], Handler]] = {
    "load-questionnaire": (_add_load_questionnaire, Command._load_questionnaire),
    "load-shipped": (_add_load_shipped, Command._load_shipped),
    "export-questionnaire": (_add_export_questionnaire, Command._export_questionnaire),
    "score": (_add_score, Command._score),
    "recompute": (_add_recompute, Command._recompute),
}
