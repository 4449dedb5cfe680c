from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "icc.experts"
    label = "experts"
    verbose_name = _("Experts")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.experts.reasons import EXPERT_REASON_CHOICES, EXPERT_REASONS

        register_reasons(EXPERT_REASONS, choices=EXPERT_REASON_CHOICES)

        from icc.experts.services.report_work import on_report_experts_assigned
        from icc.reports.signals import report_experts_assigned

        report_experts_assigned.connect(on_report_experts_assigned, dispatch_uid="experts.report_commentary")
