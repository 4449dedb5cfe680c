"""List pages read in a fixed number of queries, whatever the number of clusters, members or applications."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from icc.clusters.models import ClusterMember, LabApplication, LabCall, LabScore, PolicyLab
from icc.clusters.selectors import active_criteria
from tests.clusters.helpers import make_cluster
from tests.conftest import client_for
from tests.factories import CityFactory


def _count(client, path: str) -> int:
    client.get(path)  # the first request of a client creates rows a later one only reads (the session...)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _clusters(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        cluster = make_cluster(
            title=f"Cluster {i}", starts_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i)
        )
        for j in range(3):
            city = CityFactory(name_en=f"Town {i}-{j}", slug=f"town-{i}-{j}")
            ClusterMember.objects.create(
                cluster=cluster, city=city, role="learner", joined_on=cluster.starts_on
            )


def test_the_cluster_lists_read_in_a_fixed_number_of_queries(alice, grace):
    _clusters(2)
    few = {who: _count(client_for(who), "/clusters/") for who in (alice, grace)}
    public_few = _count(client_for(None), "/en/clusters/")
    _clusters(6, start=2)
    assert {who: _count(client_for(who), "/clusters/") for who in (alice, grace)} == few
    assert _count(client_for(None), "/en/clusters/") == public_few


def _applications(call: LabCall, n: int, start: int) -> None:
    criteria = active_criteria()
    for i in range(start, start + n):
        application = LabApplication.objects.create(
            call=call,
            full_name=f"Applicant {i}",
            email=f"a{i}@example.org",
            organisation="NGO",
            organisation_type="ngo",
            country="FR",
            motivation="x",
            consent_at=timezone.now(),
        )
        for criterion in criteria:
            LabScore.objects.create(application=application, criterion=criterion, score=1)


def test_a_calls_applications_read_in_a_fixed_number_of_queries(alice):
    lab = PolicyLab.objects.create(title_en="Lab", first_year=2026, last_year=2027)
    call = LabCall.objects.create(
        lab=lab, title_en="Call", opens_on=timezone.localdate(), closes_on=timezone.localdate()
    )
    client = client_for(alice)
    _applications(call, 2, 0)
    few = _count(client, f"/clusters/lab/calls/{call.pk}/applications/")
    _applications(call, 10, 2)
    assert _count(client, f"/clusters/lab/calls/{call.pk}/applications/") == few
