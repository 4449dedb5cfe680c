"""Remind participants of events starting within a week (run daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.activities.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Remind every registered participant of an event starting within a week, once, in their language."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{reminders_send()} participants reminded")
