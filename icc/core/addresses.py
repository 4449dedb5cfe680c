"""The address a request came from, decided once for everything that counts per address: sign-in throttling
(django-axes) and the API's anonymous rate limit."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address a request came from. Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends
    the address it received the request from to X-Forwarded-For, the client is that many entries from the
    right; entries further left were written by the client and cannot be trusted (counting by them would let
    anyone pick a new address for each request)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Fewer hops than configured: the request did not come through the proxies as expected.
        return remote
    return forwarded[-count]
