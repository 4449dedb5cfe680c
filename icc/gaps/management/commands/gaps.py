"""`icc gaps ...`: the indicator catalogue, and the offline statistics.

icc gaps load-indicators [--file FILE]   create or update the catalogue from icc/gaps/indicators.json
icc gaps compute --input FILE.csv [...]  offline, no database (icc.gaps.cli; `icc gaps compute` runs it
                                         before Django starts, this entry serves `call_command`)
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from icc.gaps import cli
from icc.gaps.catalogue import CATALOGUE_FILE
from icc.gaps.services.catalogue import indicators_load


class Command(BaseCommand):
    help = "Mind the gap: load the indicator catalogue; compute gap statistics offline."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        load = commands.add_parser("load-indicators", help="create or update the indicator catalogue")
        load.add_argument("--file", type=Path, default=CATALOGUE_FILE, help="the catalogue (JSON)")
        compute = commands.add_parser("compute", help="the gap records of a gap-format CSV file (offline)")
        compute.add_argument("rest", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "compute":
            status = cli.main(["compute", *options["rest"]], stdout=self.stdout, stderr=self.stderr)  # type: ignore[arg-type]
            if status:
                raise CommandError("bad input", returncode=status)
            return
        try:
            result = indicators_load(path=options["file"])
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read the catalogue {options['file']}: {exc}", returncode=2) from exc
        self.stdout.write(
            f"{len(result.created)} added, {len(result.updated)} updated, "
            f"{len(result.retired)} no longer in use"
        )
