from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "icc.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from icc.activities.reasons import ACTIVITY_REASON_CHOICES, ACTIVITY_REASONS
        from icc.core.history import register_reasons

        register_reasons(ACTIVITY_REASONS, choices=ACTIVITY_REASON_CHOICES)
