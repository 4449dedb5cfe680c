from typing import Any

from django.http import HttpRequest

from icc.accounts.selectors import user_roles_summary
from icc.network.selectors.access import network_settings


def platform(request: HttpRequest) -> dict[str, Any]:
    """What every page's frame needs: the navigation for the person's roles, and the demo-data notice."""
    return {"nav": user_roles_summary(request.user), "demo_notice": network_settings().shows_demo_notice}
