"""The public pages and the public API, computed once per public content version and language.

A public page shows the same thing to every anonymous reader until something it shows changes; when that
happens the public content version moves on (icc/core/public_version.py). So a page is cached whole,
under a key made of that version, the language and the address: the first reader after a change computes
it, every other reader of any server sharing the cache (CACHE_URL: one per process by default, Redis for
several servers) gets it for the cost of two lookups. Nothing expires by time but the entries of old
versions (PUBLIC_CACHE_SECONDS), which no request asks for again.

What is never cached: a request with a session (someone signed in: the page frame is theirs), with an API
token (the answer depends on the token's owner) or with messages to show, anything but GET, any answer but
200.

One thing in a public page belongs to the reader: the CSRF token of the language switch. While a page is
computed for the cache, templates get a placeholder instead (`csrf_placeholder`, a context processor), and
each reader's answer gets their own token in its place, with the cookie that goes with it.

Views take part with `@public_cache` (for a django-ninja operation: between `@router.get` and the
operation's other decorators); `PublicCacheMiddleware` stores what they answered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from icc.core.public_version import public_version

CSRF_PLACEHOLDER = "PUBLICPAGECACHECSRFTOKENPLACEHOLDER"
_KEY_ATTRIBUTE = "_public_cache_key"


def _cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or settings.PUBLIC_CACHE_SECONDS <= 0:
        return False
    # A session (someone signed in, or messages waiting for them), messages in their cookie, an API token.
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _key(request: HttpRequest) -> str:
    # The whole address: pages hold absolute links (canonical, alternates) with the scheme and host.
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public-page:{public_version()}:{get_language()}:{address}"


def _with_token(request: HttpRequest, body: bytes) -> bytes:
    """The reader's own CSRF token in place of the placeholder (and the cookie that goes with it)."""
    placeholder = CSRF_PLACEHOLDER.encode()
    return body.replace(placeholder, get_token(request).encode()) if placeholder in body else body


def public_cache(view: Callable[..., Any]) -> Callable[..., Any]:
    """Answer from the cache when the request may be; otherwise mark it for `PublicCacheMiddleware`."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content_type, body = stored
            return HttpResponse(_with_token(request, body), content_type=content_type)
        setattr(request, _KEY_ATTRIBUTE, key)
        return view(request, *args, **kwargs)

    return cached_view


class PublicCacheMiddleware:
    """Stores a 200 answer of a request that `public_cache` marked, then gives it the reader's token.

    Sits after CsrfViewMiddleware in MIDDLEWARE, so that the token's cookie is set on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, _KEY_ATTRIBUTE, None)
        if key is None or response.streaming or not isinstance(response, HttpResponse):
            return response
        if response.status_code == 200 and not response.cookies:
            cache.set(key, (response["Content-Type"], response.content), settings.PUBLIC_CACHE_SECONDS)
        response.content = _with_token(request, response.content)
        return response


def csrf_placeholder(request: HttpRequest) -> dict[str, Any]:
    """Context processor: while a page is computed for the cache, its CSRF token is a placeholder."""
    return {"csrf_token": CSRF_PLACEHOLDER} if hasattr(request, _KEY_ATTRIBUTE) else {}
