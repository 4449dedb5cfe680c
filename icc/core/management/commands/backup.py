"""`icc backup [DESTINATION]`: the database and MEDIA_ROOT in one .tar.gz with a manifest of checksums.

Safe while the site runs and writes. DESTINATION is a file or a directory (default: var/backups/), where the
archive is named icc-backup-<UTC date and time>.tar.gz. See docs/operations.md for scheduling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from icc.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files (MEDIA_ROOT) into one archive; safe while the site runs."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "destination",
            nargs="?",
            default=str(Path(settings.VAR_DIR) / "backups") + "/",
            help="a file named *.tar.gz, or a directory for icc-backup-<date>.tar.gz (default: var/backups/)",
        )
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(destination=options["destination"], using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in result.skipped:
            self.stderr.write(f"Skipped {name} in MEDIA_ROOT: not a regular file.")
        manifest = result.manifest
        size = result.path.stat().st_size
        shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"
        self.stdout.write(
            f"Backup written to {result.path} ({shown}): "
            f"{manifest.engine} database, {manifest.media_files} media file(s), {manifest.created_at}."
        )
