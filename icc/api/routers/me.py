"""Who a token acts as."""

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict

from icc.accounts.selectors import user_roles_summary
from icc.api.auth import TOKEN, caller, writer_of
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.api.schemas import MeOut
from icc.notifications.selectors import notifications_for, unread_count
from icc.notifications.services import notification_mark_read

router = Router(tags=["me"])


@router.get("/me", response=documented({200: MeOut}), auth=TOKEN, url_name="me")
def me(request: HttpRequest) -> dict[str, Any]:
    """The person the token acts as, their roles (which decide what the token may read and change) and
    the token itself."""
    token = caller(request).token
    assert token is not None  # TOKEN operations always have one
    user = token.user
    return {
        "email": user.email,
        "full_name": user.full_name,
        "roles": [
            {
                "kind": role.kind,
                "label": str(role.get_kind_display()),
                "city": role.city.slug if role.city else None,
                "national_network": role.national_network.slug if role.national_network else None,
            }
            for role in user_roles_summary(user).roles
        ],
        "token": {
            "name": token.name,
            "prefix": token.prefix,
            "read_only": token.read_only,
            "expires_at": token.expires_at,
        },
    }


class NotificationOut(Schema):
    id: int
    kind: str
    title: str = Field(description="In the recipient's language, as written when the work reached them.")
    link: str = Field(description="The page where the work is (an absolute address).")
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class MarkReadIn(Schema):
    model_config = ConfigDict(extra="forbid")
    ids: list[int] | None = Field(None, description="The notices to mark read; leave out to mark all read.")


class MarkReadOut(Schema):
    marked: int
    unread: int


def _notification_out(notice: Any) -> dict[str, Any]:
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "title": notice.title,
        "link": settings.SITE_URL + notice.link if notice.link else "",
        "created_at": notice.created_at,
        "read_at": notice.read_at,
    }


@router.get(
    "/me/notifications",
    response=documented({200: list[NotificationOut]}),
    auth=TOKEN,
    url_name="me_notifications",
)
@paginate(Pagination)
def my_notifications(request: HttpRequest, unread: bool = False) -> list[dict[str, Any]]:
    """The token owner's notices, newest first (`unread=true`: only those not yet read)."""
    token = caller(request).token
    assert token is not None
    notices = notifications_for(token.user)
    if unread:
        notices = notices.filter(read_at=None)
    return Mapped(notices, _notification_out)  # type: ignore[return-value]


@router.post(
    "/me/notifications/read",
    response=documented({200: MarkReadOut}, 403),
    auth=TOKEN,
    url_name="me_notifications_read",
)
def mark_notifications_read(request: HttpRequest, payload: MarkReadIn) -> dict[str, Any]:
    """Mark the listed notices (or all) read; a token that is not read only."""
    user = writer_of(request)
    if payload.ids is None:
        marked = notification_mark_read(user=user)
    else:
        marked = sum(notification_mark_read(user=user, notification_id=pk) for pk in payload.ids)
    return {"marked": marked, "unread": unread_count(user)}
