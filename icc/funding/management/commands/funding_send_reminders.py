"""Tell the secretariat of funding deadlines within 30 days (run daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.funding.services import deadline_reminders_send


class Command(BaseCommand):
    help = (
        "Tell the secretariat of applications to submit and donor reports due within 30 days, once per "
        "deadline."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{deadline_reminders_send()} notices written")
