"""`icc restore ARCHIVE`: put back exactly what `icc backup` saved, the database and MEDIA_ROOT.

Stop the web server and the worker first: a database in use is refused. The whole archive is read and every
checksum verified before anything changes; files written in MEDIA_ROOT after the backup are removed.
`--check` only verifies the archive. See docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from icc.core.backup import ENGINE_NAMES, BackupError, Manifest, backup_restore, backup_verify


def describe(archive: Path, manifest: Manifest) -> str:
    return (
        f"{archive}: {ENGINE_NAMES[manifest.engine]} database and {manifest.media_files} media file(s) "
        f"backed up on {manifest.created_at} by version {manifest.platform_version}"
    )


class Command(BaseCommand):
    help = "Restore the database and the uploaded files (MEDIA_ROOT) from an `icc backup` archive."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the .tar.gz written by `icc backup`")
        parser.add_argument(
            "--check", action="store_true", help="verify the archive's checksums only; change nothing"
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="PostgreSQL: restore although other connections use the database (not the site's!)",
        )
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])

        def confirm(manifest: Manifest) -> bool:
            if not options["interactive"]:
                return True
            try:
                answer = input(
                    f"{describe(archive, manifest)}; every checksum matches.\n"
                    f"This replaces the database and every file in {settings.MEDIA_ROOT}.\n"
                    "Type 'yes' to continue: "
                )
            except EOFError:
                raise CommandError(
                    "No one to answer (no terminal): run with --no-input to restore without asking. "
                    "Nothing was changed."
                ) from None
            return answer.strip().lower() == "yes"

        try:
            if options["check"]:
                manifest = backup_verify(archive=archive, using=options["database"])
                self.stdout.write(f"{describe(archive, manifest)}; every checksum matches.")
                return
            result = backup_restore(
                archive=archive, using=options["database"], force=options["force"], confirm=confirm
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {describe(archive, result.manifest)}.")
        if result.unapplied:
            self.stdout.write(
                f"This code has {len(result.unapplied)} migration(s) the backup predates: run `icc migrate`."
            )
