"""Rate limits for public forms that take input without an account (a residents' questionnaire, a newsletter
subscription, a public self-assessment): the same library and cache as the API's limits (django-ninja's
SimpleRateThrottle over Django's cache, Redis when several servers share CACHE_URL), counted per client
address by the project's one rule for it (icc/core/addresses.py).

    if not form_allowed(request, scope="newsletter_subscribe"):
        return too_many(request)

The rate of each scope is a setting (PUBLIC_FORM_RATE, e.g. "20/hour"), read on each request so that a
changed setting (tests) applies at once. A honeypot field (a text input hidden from people, which robots
fill in) is the other half of the soft guard: `honeypot_filled(request)`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.throttling import SimpleRateThrottle

from icc.core.addresses import client_address

# The hidden field's name: it must look like a field a robot wants to fill in.
HONEYPOT_FIELD = "website"


class _FormThrottle(SimpleRateThrottle):
    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__(rate=settings.PUBLIC_FORM_RATE)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": f"form_{self.scope}", "ident": client_address(request)}


def form_allowed(request: HttpRequest, *, scope: str) -> bool:
    """Whether this address may post this public form once more now (and count this post)."""
    if request.method != "POST":
        return True
    throttle = _FormThrottle(scope)
    throttle.rate = settings.PUBLIC_FORM_RATE
    throttle.num_requests, throttle.duration = throttle.parse_rate(throttle.rate)
    return bool(throttle.allow_request(request))


def honeypot_filled(request: HttpRequest) -> bool:
    """Whether the hidden field people never see was filled in: a robot's post, to drop without a word."""
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def too_many(request: HttpRequest) -> HttpResponse:
    """The page a person gets past the limit: status 429, in their language, saying when to try again."""
    response = render(request, "core/too_many.html", status=429)
    response["Retry-After"] = str(3600)
    return response
