from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "icc.impact"
    label = "impact"
    verbose_name = _("Evidence of impact")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.impact.reasons import IMPACT_REASONS

        register_reasons(IMPACT_REASONS)
