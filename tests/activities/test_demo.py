import datetime

import pytest
from django.utils import timezone

from icc.activities.demo import load_activities_demo
from icc.activities.models import Event, EventStatus, FundingStatus, ProgrammeStatus, Registration
from icc.activities.services.participation import registration_open
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def _cities():
    for n, name in enumerate(
        ["Lyon", "Porto", "Bergamo", "Oslo", "Tenerife", "Strasbourg", "Limassol", "Lublin"]
    ):
        CityFactory(
            name_en=name,
            name_fr=name,
            slug=name.lower(),
            status="member",
            country=["FR", "PT", "IT", "NO", "ES", "FR", "CY", "PL"][n],
        )


def test_the_demo_programme_runs_2016_to_2026_with_one_event_open_now():
    _cities()
    today = timezone.localdate()
    loaded = load_activities_demo(today=today)
    assert loaded.events == Event.objects.count() > 70
    years = {e.starts_at.year for e in Event.objects.filter(kind__key="coordinators_meeting")}
    assert set(range(2016, 2027)) <= years
    workshops = Event.objects.filter(kind__key__in=("thematic_workshop", "study_visit", "webinar")).count()
    assert 55 <= workshops <= 70
    assert loaded.open_event is not None
    assert registration_open(loaded.open_event, timezone.now())
    assert Registration.objects.filter(attended=True).exists()
    assert Registration.objects.filter(funding__status=FundingStatus.REQUESTED).count() == 1
    assert not Event.objects.filter(status=EventStatus.DONE, ends_at__date__gte=today).exists()
    assert ProgrammeStatus.PROPOSED not in set(
        Event.objects.filter(programme_item__isnull=False).values_list("programme_item__status", flat=True)
    )
    assert load_activities_demo(today=today).events == 0  # loads once


def test_the_demo_is_the_same_every_time():
    _cities()
    today = datetime.date(2026, 12, 7)
    load_activities_demo(today=today)
    first = list(
        Registration.objects.order_by("pk").values_list("contact__full_name", "event__title_en", "attended")
    )
    from icc.activities.models import Contact, ProgrammeItem

    ProgrammeItem.objects.all().delete()
    Event.objects.all().delete()
    Contact.objects.all().delete()
    load_activities_demo(today=today)
    again = list(
        Registration.objects.order_by("pk").values_list("contact__full_name", "event__title_en", "attended")
    )
    assert first == again
