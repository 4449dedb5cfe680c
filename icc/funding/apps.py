from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "icc.funding"
    label = "funding"
    verbose_name = _("Funding and partners")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.funding.reasons import FUNDING_REASON_CHOICES, FUNDING_REASONS

        register_reasons(FUNDING_REASONS, choices=FUNDING_REASON_CHOICES)
        from icc.funding.services import deadline_reminders_send
        from icc.notifications.services import register_deadlines

        register_deadlines(deadline_reminders_send)  # applications' and donors' reports' deadlines, daily
