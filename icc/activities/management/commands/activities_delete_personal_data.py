"""Delete the personal data collected for events whose deletion day has come (run daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.activities.services.privacy import personal_data_delete_due


class Command(BaseCommand):
    help = "Delete needs, itineraries and receipts of events whose personal-data deletion day has come."

    def handle(self, *args: Any, **options: Any) -> None:
        done = personal_data_delete_due()
        for record in done:
            self.stdout.write(
                f"{record.event.pk} {record.event.title_en}: {record.registrations} registrations cleared, "
                f"{record.receipts} receipts deleted"
            )
        self.stdout.write(f"{len(done)} events")
