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
