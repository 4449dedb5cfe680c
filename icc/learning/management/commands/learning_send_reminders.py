"""Remind learners whose started course is idle for 14 days (run daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.learning.services import send_course_reminders


class Command(BaseCommand):
    help = "Remind, once, every learner who started a course and has not been active in it for 14 days."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_course_reminders()} learners reminded")
