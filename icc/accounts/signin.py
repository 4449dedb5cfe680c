"""Sign-in throttling with django-axes: whose attempts count together, from which address, and the page a
locked-out person sees. The settings (icc/settings.py, AXES_*) name these functions."""

from datetime import datetime, timedelta
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.addresses import client_address


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The e-mail address typed, as accounts store it: "Bob@X.org " and "bob@x.org" are one account's
    attempts (and `icc axes_reset_username bob@x.org` unlocks both)."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(value).strip().lower() or None


def locked_until(request: HttpRequest, username: str | None) -> datetime:
    """When the latest failure that counts against this account or this address stops counting."""
    cool_off = get_cool_off(request) or timedelta(0)
    ip_address = getattr(request, "axes_ip_address", None) or client_address(request)
    matching = Q(ip_address=ip_address) if ip_address else Q(pk__in=[])
    if username:
        matching |= Q(username=username)
    latest = AccessAttempt.objects.filter(matching).aggregate(latest=Max("attempt_time"))["latest"]
    return (latest or timezone.now()) + cool_off


def lockout_message(until: datetime) -> str:
    local = timezone.localtime(until)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    if local.date() == timezone.localdate():
        when = formats.time_format(local, "TIME_FORMAT")
    else:
        when = formats.date_format(local, "DATETIME_FORMAT")
    return ngettext(
        "Too many failed sign-ins for this e-mail address or from your network. "
        "Try again after %(time)s (in %(minutes)s minute).",
        "Too many failed sign-ins for this e-mail address or from your network. "
        "Try again after %(time)s (in %(minutes)s minutes).",
        minutes,
    ) % {"time": when, "minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The sign-in page again, saying when to try again (429, not a bare 403)."""
    username = attempted_username(request, credentials if isinstance(credentials, dict) else None)
    form = AuthenticationForm(request, initial={"username": username or ""})
    lockout = [
        lockout_message(locked_until(request, username)),
        _("If you have forgotten your password, choose a new one with the link below."),
    ]
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next", ""), "lockout": lockout},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def account_unlock(*, email: str) -> int:
    """Forget the failed sign-ins for this account (an address's own lockout stays); returns how many
    attempt records went. Completing a password reset proves the mailbox, so it unlocks the account."""
    from axes.utils import reset

    return reset(username=email.strip().lower())
