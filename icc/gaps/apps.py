from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GapsConfig(AppConfig):
    name = "icc.gaps"
    label = "gaps"
    verbose_name = _("Mind the gap")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.gaps.reasons import GAP_REASONS

        register_reasons(GAP_REASONS)
