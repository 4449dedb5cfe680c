from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "icc.learning"
    label = "learning"
    verbose_name = _("The initiation course")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.learning.reasons import LEARNING_REASON_CHOICES, LEARNING_REASONS

        register_reasons(LEARNING_REASONS, choices=LEARNING_REASON_CHOICES)
