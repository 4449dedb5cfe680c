"""Who a token acts as."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from icc.accounts.selectors import user_roles_summary
from icc.api.auth import TOKEN, caller
from icc.api.errors import documented
from icc.api.schemas import MeOut

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
