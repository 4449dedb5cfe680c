from typing import Any

from django.http import HttpRequest

from icc.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The header's unread count: one query, for signed-in people only."""
    user = getattr(request, "user", None)
    return {"unread_notifications": unread_count(user) if user is not None else 0}
