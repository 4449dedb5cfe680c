from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "icc.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.notifications.reasons import NOTIFICATION_REASONS

        register_reasons(NOTIFICATION_REASONS)
