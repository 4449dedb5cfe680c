"""The reasons the notification services give for a change (icc.core.history)."""

from django.utils.translation import gettext_lazy as _

NOTIFICATION_REASONS = {
    "notifications.preference_set": _("notification preference changed"),
}
