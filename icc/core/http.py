"""Where to send someone after a form: back to the page they came from, when it is one of ours."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` address posted (or in the query string) if it is a path on this site, else `default`.

    An address on another host, a scheme-relative `//host/...` or a `javascript:` link is never followed."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
