import datetime

from django.utils import timezone

from icc.practices.demo import load_practices_demo
from icc.practices.models import Practice, PracticeStatus
from tests.factories import CityFactory

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


def _snapshot():
    return list(
        Practice.objects.order_by("pk").values_list("city__name_en", "status", "title_en", "questions")
    )


def test_the_demo_collection_covers_every_area_in_both_languages_at_every_stage(db, alice):
    for n in range(40):
        CityFactory(name_en=f"City {n}", slug=f"city-{n}", population=60_000 + 50_000 * n)
    CityFactory(name_en="Strasbourg", slug="strasbourg", country="FR")
    result = load_practices_demo(now=NOW)
    assert result.practices == 120
    statuses = set(Practice.objects.values_list("status", flat=True))
    assert statuses == set(PracticeStatus.values)
    areas = {area for p in Practice.objects.all() for area in p.areas}
    assert len(areas) == 17
    languages = [tuple(p.languages) for p in Practice.objects.all()]
    assert languages.count(("en",)) == 8 and languages.count(("fr",)) == 4
    assert Practice.objects.stale(today=timezone.localdate()).exists()
    assert Practice.objects.filter(
        city__name_en="Strasbourg", review_questions__answered_at__isnull=True
    ).exists()
    from icc.practices.models import BriefStatus, PolicyBrief

    assert PolicyBrief.objects.count() == 6
    assert PolicyBrief.objects.filter(status=BriefStatus.PUBLISHED).count() == 4
    assert all(brief.practices.exists() for brief in PolicyBrief.objects.public())
    from icc.practices.models import Adoption, Innovation

    anti_rumour = Innovation.objects.get(key="anti-rumour")
    assert anti_rumour.target_cities == 20
    assert set(Adoption.objects.filter(innovation=anti_rumour).values_list("stage", flat=True)) == {
        "interested",
        "initiated",
        "running",
        "evaluated",
    }
    # Loaded once: a second load changes nothing.
    assert load_practices_demo(now=NOW).practices == 0


def test_the_demo_is_the_same_every_time(db, alice, django_db_blocker):
    for n in range(5):
        CityFactory(name_en=f"City {n}", slug=f"city-{n}")
    load_practices_demo(now=NOW)
    first = _snapshot()
    Practice.objects.all().delete()
    load_practices_demo(now=NOW)
    assert _snapshot() == first
