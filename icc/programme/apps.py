from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "icc.programme"
    label = "programme"
    verbose_name = _("The programme's objectives, targets and risks")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.programme.reasons import PROGRAMME_REASON_CHOICES, PROGRAMME_REASONS

        register_reasons(PROGRAMME_REASONS, choices=PROGRAMME_REASON_CHOICES)
        from icc.notifications.services import register_deadlines
        from icc.programme.services import risk_reviews_notify, targets_recompute_daily

        register_deadlines(risk_reviews_notify)  # risks due for review, told once per review date
        register_deadlines(targets_recompute_daily)  # statuses that change, told to the secretariat
