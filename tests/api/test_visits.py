"""GET /api/v1/visits: visits with a published profile for everyone; all for the secretariat's tokens; a
city's for its people's tokens."""

import datetime

from django.utils import timezone

from icc.experts.models import Profile, ProfileStatus, Visit
from tests.experts.work_helpers import make_assignment


def test_the_public_reads_only_visits_with_a_published_profile(api_as, alice, bob, dave, lyon, porto):
    published = make_assignment("first_visit", city=lyon, starts_on=datetime.date(2019, 3, 1), status="done")
    Profile.objects.create(
        visit=Visit.objects.create(assignment=published),
        language="fr",
        status=ProfileStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    make_assignment("first_visit", city=porto, starts_on=datetime.date(2026, 3, 1))
    lyon_planned = make_assignment("network_member_review", city=lyon, starts_on=datetime.date(2027, 3, 1))
    make_assignment("policy_workshop", city=lyon)  # not a visit: never listed
    status, body, _ = api_as(None).get("/visits")
    assert status == 200 and body["count"] == 1
    [item] = body["items"]
    assert (item["city"], item["kind"], item["status"]) == ("lyon", "first_visit", "done")
    assert list(item["profile_urls"]) == ["fr"]
    assert item["profile_urls"]["fr"].endswith("/fr/cities/lyon/#profile-h")
    # Lyon's coordinator also reads Lyon's other visits; Porto's only the public one; the secretariat all.
    assert [i["id"] for i in api_as(bob).get("/visits")[1]["items"]] == [lyon_planned.pk, published.pk]
    assert api_as(dave).get("/visits")[1]["count"] == 2
    assert api_as(alice).get("/visits")[1]["count"] == 3
    assert api_as(alice).get("/visits", kind="network_member_review")[1]["count"] == 1
    assert api_as(alice).get("/visits", city="porto", year=2026)[1]["count"] == 1
