from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexConfig(AppConfig):
    name = "icc.index"
    label = "index"
    verbose_name = _("Intercultural Cities Index")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.index.reasons import INDEX_REASONS

        register_reasons(INDEX_REASONS)

        from icc.index.services.deadlines import deadline_reminders_send
        from icc.notifications.services import register_deadlines

        register_deadlines(deadline_reminders_send)
