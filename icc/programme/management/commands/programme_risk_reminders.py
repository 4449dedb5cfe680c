"""Tell risk owners of the risks due for review within two weeks (run daily; also part of
`icc send_notifications`). Each risk and review date is told once (the notice's key)."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.programme.services import risk_reviews_notify


class Command(BaseCommand):
    help = (
        "Tell each risk owner of their programme risks due for review within two weeks, once per review date."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{risk_reviews_notify()} risk owners told")
