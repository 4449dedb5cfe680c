"""Remind owners of strategy actions due within two weeks or overdue, and the cities' coordinators of
series without a figure for the latest period (run daily, e.g. from cron). Each notice goes once per
action and due date, and once per series and period: running it again tells nobody twice."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.strategies.services import action_reminders_send


class Command(BaseCommand):
    help = "Remind owners of strategy actions due soon or overdue, and coordinators of missing figures."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{action_reminders_send()} people told")
