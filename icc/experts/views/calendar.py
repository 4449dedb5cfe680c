"""Calendars of expert work: each expert's assignments as an iCal feed at a private address (the key in
the address is the only credential, so that calendar programs can subscribe), and the secretariat's
calendar of visits, a month at a time as a page and the whole as an iCal file (signed in)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from icc.experts.models import Assignment, Expert
from icc.experts.selectors import work as selectors
from icc.experts.services.assignments import calendar_key_renew

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
    """The expert's feed: no sign-in (calendar programs cannot), a long random key instead."""
    if len(token) < 20:
        raise Http404
    expert = Expert.objects.filter(calendar_token=token, erased_at__isnull=True).first()
    if expert is None:
        raise Http404
    body = ical_document(
        selectors.expert_calendar_rows(expert),
        name=_("Expert work: %(name)s") % {"name": expert.full_name},
    )
    response = HttpResponse(body, content_type=ICAL_TYPE)
    response["Content-Disposition"] = 'inline; filename="expert-work.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def feed_renew(request: HttpRequest) -> HttpResponse:
    """A new private address; the old one stops working at once (for a key shared by mistake)."""
    expert = selectors.require_expert(request.user)
    calendar_key_renew(expert=expert, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Your calendar has a new address: subscribe again with it."))
    return redirect("experts:my_work")


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
        },
    )


@login_required
def visits_ics(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    body = ical_document(selectors.visits_calendar_rows(), name=_("Expert visits and workshops"))
    response = HttpResponse(body, content_type=ICAL_TYPE)
    response["Content-Disposition"] = 'attachment; filename="expert-visits.ics"'
    return response
