from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "icc.strategies"
    label = "strategies"
    verbose_name = _("City strategies and results-based accountability")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.strategies.reasons import STRATEGY_REASON_CHOICES, STRATEGY_REASONS

        register_reasons(STRATEGY_REASONS, choices=STRATEGY_REASON_CHOICES)
        from icc.notifications.services import register_deadlines
        from icc.strategies.services import action_reminders_send

        register_deadlines(action_reminders_send)  # actions due and missing figures, in the daily run
