from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicytoolsConfig(AppConfig):
    name = "icc.policytools"
    label = "policytools"
    verbose_name = _("Policy self-assessment tools")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.policytools.reasons import POLICYTOOLS_REASON_CHOICES, POLICYTOOLS_REASONS

        register_reasons(POLICYTOOLS_REASONS, choices=POLICYTOOLS_REASON_CHOICES)
