"""Who calls the API: a personal token (`Authorization: Bearer <token>`) acting as its user with the
user's roles, or nobody (public data only). Rate limits per caller.

A token that is unknown, revoked or expired is refused with 401, never treated as anonymous: a client
with a broken token must find out rather than silently get less data.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from icc.accounts.models import ApiToken, User
from icc.accounts.selectors import api_token_for_secret
from icc.accounts.services import api_token_touch
from icc.api.errors import ApiError
from icc.core.addresses import client_address


@dataclass(frozen=True)
class Caller:
    """What `request.auth` holds in every operation."""

    token: ApiToken | None

    @property
    def user(self) -> User | AnonymousUser:
        return self.token.user if self.token is not None else AnonymousUser()

    def __bool__(self) -> bool:
        return True  # ninja takes a falsy result for "not authenticated"

    def __str__(self) -> str:
        return f"user:{self.token.user_id}" if self.token is not None else "anonymous"


class TokenAuth(HttpBearer):
    """Bearer token; without an Authorization header it answers None, so that the next method (anonymous
    access, on public operations) may apply, and operations that need a token answer 401."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _sep, secret = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(
                message=_("Send the token as “Authorization: Bearer <token>”."),
            )
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = api_token_for_secret(token)
        if found is None:
            raise AuthenticationError(message=_("This API token is not valid."))
        if found.revoked_at is not None:
            raise AuthenticationError(message=_("This API token was revoked; create a new one."))
        if not found.is_active:
            raise AuthenticationError(message=_("This API token has expired; create a new one."))
        if not found.user.is_active:
            raise AuthenticationError(message=_("The account of this API token is disabled."))
        api_token_touch(token=found)
        return Caller(token=found)


def anonymous(request: HttpRequest) -> Caller:
    """Public operations: anyone, without a token."""
    return Caller(token=None)


token_auth = TokenAuth()
# Public operations: a token if one is sent (and then it must be valid), else anonymous.
PUBLIC = [token_auth, anonymous]
# Operations for token holders only.
TOKEN = [token_auth]
# OpenAPI: the token is optional on public operations (an empty requirement means "none needed").
PUBLIC_SECURITY: dict[str, Any] = {"security": [{}]}


def caller(request: HttpRequest) -> Caller:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, Caller) else Caller(token=None)


def user_of(request: HttpRequest) -> User | AnonymousUser:
    return caller(request).user


def writer_of(request: HttpRequest) -> User:
    """The user a write acts as; 403 when the token is read only."""
    token = caller(request).token
    if token is None:
        raise AuthenticationError(message=_("Send a valid API token."))
    if token.read_only:
        raise ApiError(
            403,
            _("This token is read only; create a token without “Read only” to change data."),
        )
    return token.user


# --------------------------------------------------------------------------------------------------
# Rate limits: settings.API_RATE_ANON (per IP, anonymous) and API_RATE_USER (per user, with a token).
# The rate is read on each request so that a changed setting (tests) applies at once.


class _SettingsRateThrottle(SimpleRateThrottle):
    setting = ""

    def __init__(self) -> None:
        super().__init__(rate=getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "api_anon"
    setting = "API_RATE_ANON"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if caller(request).token is not None:
            return None
        # Our rule for the client's address, not ninja's: without NINJA_NUM_PROXIES ninja counts by the whole
        # X-Forwarded-For header, which the client writes, so a new header each time would escape the limit.
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class TokenRateThrottle(_SettingsRateThrottle):
    scope = "api_user"
    setting = "API_RATE_USER"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = caller(request).token
        if token is None:
            return None
        # Per user rather than per token: several tokens do not multiply a person's allowance.
        return self.cache_format % {"scope": self.scope, "ident": token.user_id}


THROTTLES: list[BaseThrottle] = [AnonymousRateThrottle(), TokenRateThrottle()]
