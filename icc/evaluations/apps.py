from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "icc.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations of strategies' implementation")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.evaluations.reasons import EVALUATION_REASON_CHOICES, EVALUATION_REASONS

        register_reasons(EVALUATION_REASONS, choices=EVALUATION_REASON_CHOICES)

        from icc.evaluations.services import evaluation_deadline_reminders
        from icc.notifications.services import register_deadlines

        register_deadlines(evaluation_deadline_reminders)  # 7 days and 1 day before an evaluation's deadline
