"""The `icc` command: the project's manage.py, installed as a console script."""

import os
import sys

# `icc index <one of these> ...` runs icc.index.cli directly: offline scoring needs no database and no
# settings, and Django's start-up would be most of a small file's scoring time. These are the
# subcommands of icc.index.cli (a test checks that they stay in step); `icc index --help` and the
# other `icc index` subcommands still go through the management command, which lists `score` too.
OFFLINE_INDEX_SUBCOMMANDS = frozenset({"score", "audit"})
# Likewise `icc gaps compute` runs icc.gaps.cli (the gap statistics of a file, no database).
OFFLINE_GAPS_SUBCOMMANDS = frozenset({"compute"})


def main() -> None:
    argv = sys.argv
    if len(argv) > 2 and argv[1] == "index" and argv[2] in OFFLINE_INDEX_SUBCOMMANDS:
        from icc.index.cli import main as offline

        sys.exit(offline(argv[2:]))
    if len(argv) > 2 and argv[1] == "gaps" and argv[2] in OFFLINE_GAPS_SUBCOMMANDS:
        from icc.gaps.cli import main as offline_gaps

        sys.exit(offline_gaps(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icc.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
