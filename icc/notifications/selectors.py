from django.db.models import QuerySet

from icc.accounts.models import User
from icc.notifications.models import Delivery, Notification, NotificationKind, NotificationPreference


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at=None).count()


def preferences_for(user: User) -> dict[str, str]:
    """How the person is told of each kind (at once unless they chose otherwise)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in NotificationKind.values}
