"""An expert's record page lists their work, newest first, in a fixed number of queries: the secretariat's
page links each piece to the assignment, the expert's own page to "my work". alice: secretariat · erin:
expert."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from icc.experts.models import AssignmentExpert, AssignmentStatus
from tests.conftest import client_for
from tests.experts.work_helpers import make_assignment, make_expert


@pytest.fixture
def erin_expert(erin):
    return make_expert("Erin Keller", user=erin)


def _work(erin_expert, lyon, count: int):
    other = make_expert("Otto Lind")
    made = []
    for i in range(count):
        work = make_assignment(
            city=lyon,
            starts_on=datetime.date(2025, 1 + i, 5),
            title=f"Workshop {i + 1}",
            status=AssignmentStatus.CONFIRMED,
        )
        AssignmentExpert.objects.create(assignment=work, expert=erin_expert, lead=i % 2 == 0)
        AssignmentExpert.objects.create(assignment=work, expert=other, lead=i % 2 == 1)
        made.append(work)
    return made


def test_the_secretariat_reads_the_experts_work_newest_first_with_links_to_each(alice, erin_expert, lyon):
    _first, second = _work(erin_expert, lyon, 2)
    page = client_for(alice).get(reverse("experts:expert_detail", args=[erin_expert.pk])).content.decode()
    section = page.split('id="work-h"')[1].split("</section>")[0]
    assert section.index("Workshop 2") < section.index("Workshop 1")
    assert reverse("experts:assignment_detail", args=[second.pk]) in section
    assert "Lyon" in section and "confirmed" in section
    assert "Otto Lind" in section  # the lead of Workshop 2


def test_the_expert_reads_their_own_work_with_links_to_my_work_in_french(erin, erin_expert, lyon):
    (work,) = _work(erin_expert, lyon, 1)
    client = client_for(erin)
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("experts:my_record"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    section = page.split('id="work-h"')[1].split("</section>")[0]
    assert "Travaux d'experts" in section and "du plus récent au plus ancien" in section
    assert reverse("experts:my_work") in section
    assert reverse("experts:assignment_detail", args=[work.pk]) not in section
    assert "<strong>Erin Keller</strong>" in section  # she leads it


def test_no_work_yet_is_said(alice, erin_expert):
    page = client_for(alice).get(reverse("experts:expert_detail", args=[erin_expert.pk])).content.decode()
    assert "No expert work yet." in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_record_page_makes_the_same_number_of_queries_for_two_or_ten_pieces_of_work(
    alice, erin_expert, lyon
):
    url = reverse("experts:expert_detail", args=[erin_expert.pk])
    client = client_for(alice)
    _work(erin_expert, lyon, 2)
    _queries(client, url)  # the first request fills the per-process caches
    few = _queries(client, url)
    _work(erin_expert, lyon, 8)
    assert _queries(client, url) == few
