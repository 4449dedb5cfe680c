from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "icc.outreach"
    label = "outreach"
    verbose_name = _("News and the newsletter")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.outreach.reasons import OUTREACH_REASON_CHOICES, OUTREACH_REASONS

        register_reasons(OUTREACH_REASONS, choices=OUTREACH_REASON_CHOICES)
