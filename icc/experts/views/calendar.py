"""Calendars of expert work: each expert's assignments as an iCal feed at a private address (the key in
the address is the only credential, so that calendar programs can subscribe), and the secretariat's
calendar of visits, a month at a time as a page and the whole as an iCal file (signed in), or as a feed at
each secretariat person's own private address (the same mechanism as the experts' keys)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from icc.experts.models import Assignment, CalendarKey, Expert
from icc.experts.selectors import work as selectors
from icc.experts.services.assignments import calendar_key_renew, visits_calendar_key_renew

ICAL_TYPE = "text/calendar; charset=utf-8"


def _where(assignment: Assignment) -> str:
    if assignment.city is not None:
        return assignment.city.name
    if assignment.national_network is not None:
        return assignment.national_network.name
    return ""


def ical_document(assignments: Iterable[Assignment], *, name: str) -> bytes:
    """An RFC 5545 calendar: one all-day event per assignment (the last day included), with a stable UID so
    that calendar programs update an event rather than add it again."""
    cal = Calendar()
    cal.add("prodid", "-//Intercultural Cities//Expert work//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "icc"
    for assignment in assignments:
        event = Event()
        event.add("uid", f"assignment-{assignment.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{assignment.kind}: {assignment.title}")
        event.add("dtstart", assignment.starts_on)
        event.add("dtend", assignment.ends_on + datetime.timedelta(days=1))
        where = _where(assignment)
        if where:
            event.add("location", where)
        event.add("status", "CONFIRMED" if assignment.status in ("confirmed", "done") else "TENTATIVE")
        lines = [str(assignment.get_status_display())]
        if assignment.coe_representative:
            lines.append(_("Council of Europe: %(name)s") % {"name": assignment.coe_representative})
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    return cal.to_ical()


def expert_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A private feed: no sign-in (calendar programs cannot), a long random key instead. An expert's key
    gives their own work; a secretariat person's key the calendar of visits (while they are secretariat)."""
    holder = selectors.calendar_key_holder(token)
    if holder is None:
        raise Http404
    if isinstance(holder, Expert):
        rows = selectors.expert_calendar_rows(holder)
        name, filename = _("Expert work: %(name)s") % {"name": holder.full_name}, "expert-work.ics"
    else:
        rows = selectors.visits_calendar_rows()
        name, filename = _("Expert visits and workshops"), "expert-visits.ics"
    response = HttpResponse(ical_document(rows, name=name), content_type=ICAL_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def feed_renew(request: HttpRequest) -> HttpResponse:
    """A new private address; the old one stops working at once (for a key shared by mistake)."""
    expert = selectors.require_expert(request.user)
    calendar_key_renew(holder=expert, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Your calendar has a new address: subscribe again with it."))
    return redirect("experts:my_work")


@login_required
@require_POST
def visits_feed_renew(request: HttpRequest) -> HttpResponse:
    """The secretariat person's private address of the calendar of visits, created or renewed."""
    selectors.require_secretariat(request.user)
    visits_calendar_key_renew(user=request.user, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Your calendar of visits has a new address: subscribe again with it."))
    return redirect("experts:visits_calendar")


def _month(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        datetime.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    if not 2000 <= year <= 2100:
        return today.year, today.month
    return year, month


def _visits_feed_url(request: HttpRequest) -> str:
    key = CalendarKey.objects.filter(user=request.user).first()  # type: ignore[misc]
    if key is None or not key.calendar_token:
        return ""
    return request.build_absolute_uri(reverse("experts:expert_feed", args=[key.calendar_token]))


@login_required
def visits_calendar(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    year, month = _month(request)
    start, end = selectors.month_bounds(year, month)
    previous = start - datetime.timedelta(days=1)
    following = end + datetime.timedelta(days=1)
    return render(
        request,
        "experts/work/calendar.html",
        {
            "rows": list(selectors.visits_calendar_rows(start, end)),
            "month_start": start,
            "previous": f"{previous.year}-{previous.month:02d}",
            "following": f"{following.year}-{following.month:02d}",
            "feed_url": _visits_feed_url(request),
        },
    )


@login_required
def visits_ics(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    body = ical_document(selectors.visits_calendar_rows(), name=_("Expert visits and workshops"))
    response = HttpResponse(body, content_type=ICAL_TYPE)
    response["Content-Disposition"] = 'attachment; filename="expert-visits.ics"'
    return response
