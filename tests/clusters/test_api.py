"""GET /api/v1/clusters: launched clusters with their member cities, without a token."""

import datetime

from icc.clusters.models import ClusterMember
from tests.clusters.helpers import make_cluster
from tests.conftest import client_for
from tests.experts.profile_fixtures import expert_for


def test_launched_clusters_are_listed_with_their_members_for_everyone(lyon, porto, erin):
    cluster = make_cluster(lead=expert_for(erin), starts_on=datetime.date(2016, 5, 1))
    ClusterMember.objects.create(
        cluster=cluster, city=lyon, role="mentor", joined_on=datetime.date(2016, 5, 1)
    )
    ClusterMember.objects.create(
        cluster=cluster, city=porto, role="learner", joined_on=datetime.date(2016, 5, 1)
    )
    make_cluster(status="planned", title="Secret plan")
    answer = client_for(None).get("/api/v1/clusters")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "Welcoming refugees together"
    assert item["theme"] == "refugee_reception" and item["areas"] == ["welcoming", "language"]
    assert item["lead_expert"] == "Erin Keller"
    assert [(m["city"], m["role"]) for m in item["members"]] == [("lyon", "mentor"), ("porto", "learner")]
    assert client_for(None).get("/api/v1/clusters?year=2017").json()["count"] == 0


def test_the_title_follows_the_language_asked_for(db):
    make_cluster()
    answer = client_for(None).get("/api/v1/clusters", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.json()["items"][0]["title"] == "Accueillir ensemble les réfugiés"
