from typing import Any

from django.core.management.base import BaseCommand

from icc.notifications.services import notifications_send_due


class Command(BaseCommand):
    help = (
        "Send the deadline reminders (7 days and 1 day before) and the daily digests. Run it once a day; "
        "running it again sends nothing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminded, digests = notifications_send_due()
        self.stdout.write(f"Deadline reminders: {reminded} people told. Digests sent: {digests}.")
