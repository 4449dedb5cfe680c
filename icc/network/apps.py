from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "icc.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.network.reasons import NETWORK_REASON_CHOICES, NETWORK_REASONS

        register_reasons(NETWORK_REASONS, choices=NETWORK_REASON_CHOICES)
