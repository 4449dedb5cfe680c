"""Compute and record every programme target's status (run daily; also part of `icc send_notifications`);
the secretariat is told of each target that becomes at risk or missed."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.programme.services import targets_recompute


class Command(BaseCommand):
    help = "Compute and record the programme targets' statuses; tell the secretariat of those that get worse."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = targets_recompute()
        self.stdout.write(f"{len(changed)} target statuses changed")
