from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "icc.learning"
    label = "learning"
    verbose_name = _("The initiation course")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.learning.reasons import LEARNING_REASON_CHOICES, LEARNING_REASONS

        register_reasons(LEARNING_REASONS, choices=LEARNING_REASON_CHOICES)
        from icc.learning.services import course_reminders_daily
        from icc.notifications.services import register_deadlines

        register_deadlines(course_reminders_daily)  # courses idle for 14 days, in the daily run
