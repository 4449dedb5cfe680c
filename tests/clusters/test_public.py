"""The learning clusters on the public site: launched clusters with their member cities, open lab calls."""

import datetime

from django.utils import timezone

from icc.clusters.models import ClusterMember, LabCall, PolicyLab
from tests.clusters.helpers import make_cluster
from tests.conftest import client_for


def test_the_public_site_lists_launched_clusters_and_open_calls_in_both_languages(lyon, porto):
    cluster = make_cluster()
    ClusterMember.objects.create(
        cluster=cluster, city=lyon, role="mentor", joined_on=datetime.date(2024, 3, 1)
    )
    ClusterMember.objects.create(
        cluster=cluster, city=porto, role="learner", joined_on=datetime.date(2024, 3, 1)
    )
    make_cluster(status="planned", title="Not launched yet")
    today = timezone.localdate()
    lab = PolicyLab.objects.create(title_en="Lab", first_year=2026, last_year=2027)
    LabCall.objects.create(lab=lab, title_en="Join the lab", opens_on=today, closes_on=today)
    LabCall.objects.create(
        lab=lab,
        title_en="An old call",
        opens_on=datetime.date(2020, 1, 1),
        closes_on=datetime.date(2020, 2, 1),
    )
    page = client_for(None).get("/en/clusters/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Welcoming refugees together" in text and "Not launched yet" not in text
    assert 'href="/en/cities/lyon/">Lyon</a>' in text
    assert "Join the lab" in text and "An old call" not in text
    french = client_for(None).get("/fr/clusters/").content.decode()
    assert "Accueillir ensemble les réfugiés" in french and "Groupes d'apprentissage" in french
