from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "icc.reports"
    label = "reports"
    verbose_name = _("Analytical reports")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.reports.reasons import REPORT_REASONS

        register_reasons(REPORT_REASONS)
