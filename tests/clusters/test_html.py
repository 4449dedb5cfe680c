"""The clusters' and the policy lab's pages are valid HTML under the Content-Security-Policy (the checks of
tests/test_html_validity.py: ids, references, no inline style or script), in English and French."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from icc.clusters.models import ClusterMember, LabApplication, LabCall, PolicyLab, ProgressReport
from icc.clusters.services import clusters as services
from tests.clusters.helpers import make_cluster, network_with_scores
from tests.conftest import client_for
from tests.experts.profile_fixtures import expert_for
from tests.test_html_validity import check


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_of_clusters_and_the_lab_is_valid_html(db, alice, erin, language):
    network = network_with_scores()
    cluster = make_cluster(lead=expert_for(erin))
    ClusterMember.objects.create(
        cluster=cluster, city=network["Lyon"], role="mentor", joined_on=cluster.starts_on
    )
    services.document_add(
        cluster=cluster, file=SimpleUploadedFile("t.pdf", b"%PDF-1.4\nx"), kind="terms", by=alice
    )
    report = ProgressReport.objects.create(
        cluster=cluster,
        period_start=datetime.date(2024, 3, 1),
        period_end=datetime.date(2024, 8, 31),
        text="Done.",
    )
    today = timezone.localdate()
    lab = PolicyLab.objects.create(title_en="Lab", first_year=2025, last_year=2026)
    call = LabCall.objects.create(lab=lab, title_en="Call", opens_on=today, closes_on=today)
    application = LabApplication.objects.create(
        call=call,
        full_name="Amira Haddad",
        email="a@example.org",
        organisation="Ministry",
        organisation_type="national",
        country="FR",
        motivation="Policy.",
        consent_at=timezone.now(),
    )
    pages = {
        alice: [
            "/clusters/",
            "/clusters/new/",
            "/clusters/targets/",
            f"/clusters/{cluster.pk}/",
            f"/clusters/{cluster.pk}/edit/",
            f"/clusters/{cluster.pk}/history/",
            f"/clusters/{cluster.pk}/matching/",
            f"/clusters/reports/{report.pk}/",
            "/clusters/lab/",
            f"/clusters/lab/{lab.pk}/",
            f"/clusters/lab/{lab.pk}/calls/new/",
            f"/clusters/lab/calls/{call.pk}/applications/",
            f"/clusters/lab/applications/{application.pk}/",
        ],
        erin: [f"/clusters/{cluster.pk}/", f"/clusters/{cluster.pk}/reports/new/"],
        None: [f"/clusters/lab/calls/{call.pk}/"],
    }
    problems = []
    for person, paths in pages.items():
        client = client_for(person)
        client.cookies["django_language"] = language
        for path in paths:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, path
            assert f'lang="{language}"' in response.content.decode()
            problems += check(path, response)[0]
    assert problems == []
