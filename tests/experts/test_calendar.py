"""Calendars: an expert's private iCal feed and the secretariat's calendar of visits."""

import datetime

from icalendar import Calendar

from icc.experts.models import AssignmentStatus
from tests.conftest import client_for
from tests.experts.work_helpers import make_assignment, make_expert, put_on_team


def test_an_expert_subscribes_to_a_private_feed_of_their_work(erin, lyon, porto):
    expert = make_expert("Anna Weber", user=erin)
    mine = make_assignment(
        city=lyon, starts_on=datetime.date(2026, 3, 10), days=2, title="Lyon; workshop, day 1"
    )
    put_on_team(mine, expert)
    cancelled = make_assignment(
        city=porto, title="Porto", status=AssignmentStatus.CANCELLED, cancel_reason="Postponed"
    )
    put_on_team(cancelled, expert)
    make_assignment(city=porto, title="Not mine")
    client = client_for(erin)
    client.post("/experts/calendar/renew/")
    expert.refresh_from_db()
    assert len(expert.calendar_token) >= 40
    # The feed needs no sign-in: calendar programs cannot sign in.
    response = client_for(None).get(f"/experts/calendar/{expert.calendar_token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Policy development workshop: Lyon; workshop, day 1"]
    [event] = events
    assert event.decoded("dtstart") == datetime.date(2026, 3, 10)
    assert event.decoded("dtend") == datetime.date(2026, 3, 12)  # the last day included
    assert str(event["location"]) == "Lyon"
    # A new key shuts the old address.
    old = expert.calendar_token
    client.post("/experts/calendar/renew/")
    assert client_for(None).get(f"/experts/calendar/{old}.ics").status_code == 404


def test_a_wrong_key_finds_nothing(db):
    assert client_for(None).get("/experts/calendar/" + "x" * 43 + ".ics").status_code == 404


def test_the_secretariat_reads_a_month_of_visits_and_downloads_them_all(alice, lyon):
    make_assignment(city=lyon, starts_on=datetime.date(2026, 3, 30), days=3, title="Across the month end")
    make_assignment(city=lyon, starts_on=datetime.date(2026, 5, 1), title="In May")
    client = client_for(alice)
    page = client.get("/experts/calendar/?month=2026-04").content.decode()
    assert "Across the month end" in page and "In May" not in page
    ics = client.get("/experts/calendar/visits.ics")
    assert len(Calendar.from_ical(ics.content).walk("VEVENT")) == 2


def _visits_key(user):
    from icc.experts.models import CalendarKey

    return CalendarKey.objects.get(user=user).calendar_token


def test_the_secretariat_subscribes_to_the_calendar_of_visits_at_a_private_address(alice, lyon):
    make_assignment(city=lyon, starts_on=datetime.date(2026, 3, 30), title="First visit to Lyon")
    client = client_for(alice)
    page = client.get("/experts/calendar/").content.decode()
    assert "Create my calendar address" in page
    assert client.post("/experts/calendar/visits/renew/").status_code == 302
    key = _visits_key(alice)
    assert len(key) >= 40
    assert f"/experts/calendar/{key}.ics" in client.get("/experts/calendar/").content.decode()
    # Read without signing in, like the experts' own feeds.
    feed = client_for(None).get(f"/experts/calendar/{key}.ics")
    assert feed.status_code == 200 and feed["Cache-Control"] == "private, no-store"
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert summaries == ["Policy development workshop: First visit to Lyon"]
    # Renewing shuts the old address and opens the new one.
    client.post("/experts/calendar/visits/renew/")
    assert client_for(None).get(f"/experts/calendar/{key}.ics").status_code == 404
    assert client_for(None).get(f"/experts/calendar/{_visits_key(alice)}.ics").status_code == 200


def test_the_visits_feed_stops_when_its_holder_leaves_the_secretariat(alice):
    from icc.accounts.models import Role, RoleKind

    client_for(alice).post("/experts/calendar/visits/renew/")
    key = _visits_key(alice)
    assert client_for(None).get(f"/experts/calendar/{key}.ics").status_code == 200
    Role.objects.filter(user=alice, kind=RoleKind.SECRETARIAT).delete()
    assert client_for(None).get(f"/experts/calendar/{key}.ics").status_code == 404


def test_the_visits_feed_stops_when_the_account_is_deactivated(alice):
    client_for(alice).post("/experts/calendar/visits/renew/")
    key = _visits_key(alice)
    alice.is_active = False
    alice.save()
    assert client_for(None).get(f"/experts/calendar/{key}.ics").status_code == 404


def test_only_the_secretariat_gets_a_key_to_the_calendar_of_visits(erin, bob):
    from icc.experts.models import CalendarKey

    assert client_for(erin).post("/experts/calendar/visits/renew/").status_code == 403
    assert client_for(bob).post("/experts/calendar/visits/renew/").status_code == 403
    assert not CalendarKey.objects.exists()


def test_the_secretariat_page_in_french_offers_the_address(alice):
    client = client_for(alice)
    client.cookies["django_language"] = "fr"
    page = client.get("/experts/calendar/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "S'abonner au calendrier des visites" in page
