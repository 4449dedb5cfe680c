"""Pages of the programme's activities. Thin: an access helper of icc.activities.selectors.access, a form,
one service or selector, render."""

from typing import cast

from django.http import HttpRequest

from icc.accounts.models import User


def me(request: HttpRequest) -> User:
    """The signed-in person (views behind @login_required or an access helper that required one)."""
    return cast(User, request.user)
