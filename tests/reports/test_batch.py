"""Generating the drafts of a whole round in the background: progress after each city, a failing city
recorded with its error while the others are generated, the page that shows it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from icc.reports.models import BatchStatus, Report, ReportBatch
from icc.reports.services.batches import report_batch_start
from tests.conftest import client_for
from tests.factories import ResponseFactory
from tests.index.helpers import fill_and_submit, validate
from tests.reports.flow_helpers import quick_pdf

pytestmark = pytest.mark.usefixtures("quick_pdf")
__all__ = ["quick_pdf"]


@pytest.fixture
def three_cities(scored, alice, reggio, index_round, django_capture_on_commit_callbacks):
    lyon, porto = scored
    reggio_response = fill_and_submit(ResponseFactory(round=index_round, city=reggio), "Reggio Emilia")
    validate(reggio_response, alice, django_capture_on_commit_callbacks)
    return lyon, porto, reggio_response


@pytest.fixture
def porto_breaks(monkeypatch):
    """The content of Porto's report cannot be made (a broken record, say); the others can."""
    from icc.reports.selectors import city_report

    real = city_report.city_report_content

    def content(response, *, language):
        if response.city.name == "Porto":
            raise RuntimeError("the evidence of question 3.2 is unreadable")
        return real(response, language=language)

    monkeypatch.setattr(city_report, "city_report_content", content)


def test_a_batch_generates_every_draft_and_lists_the_failing_city(
    three_cities, porto_breaks, alice, monkeypatch, django_capture_on_commit_callbacks
):
    lyon, porto, reggio = three_cities
    from icc.reports.services import batches

    seen: list[int] = []
    generate = batches.report_generate_draft

    def spy(*, response, by):
        seen.append(ReportBatch.objects.get().done)  # the progress saved before each city
        return generate(response=response, by=by)

    monkeypatch.setattr(batches, "report_generate_draft", spy)
    as_alice = client_for(alice)
    round_url = reverse("reports:round_reports", args=[lyon.round_id])

    with django_capture_on_commit_callbacks(execute=True):
        started = as_alice.post(reverse("reports:batch_start", args=[lyon.round_id]), follow=True)

    assert started.redirect_chain[-1][0] == round_url
    batch = ReportBatch.objects.get()
    assert seen == [0, 1, 2]
    assert (batch.status, batch.total, batch.done, batch.generated) == (BatchStatus.FINISHED, 3, 3, 2)
    assert batch.failures == [
        {"city": "Porto", "response": porto.pk, "error": "the evidence of question 3.2 is unreadable"}
    ]
    assert set(
        Report.objects.filter(draft_generated_at__isnull=False).values_list("response", flat=True)
    ) == {
        lyon.pk,
        reggio.pk,
    }
    page = as_alice.get(round_url).content.decode()
    assert "3 of 3 processed" in page
    assert "1 report failed" in page
    assert "<strong>Porto</strong>: the evidence of question 3.2 is unreadable" in page
    assert "3 validated cities: 2 with a draft" in page


def test_the_progress_bar_polls_while_the_batch_runs_and_stops_when_it_is_done(three_cities, alice):
    lyon, _porto, _reggio = three_cities
    batch = ReportBatch.objects.create(round=lyon.round, requested_by=alice, total=3, done=1)
    as_alice = client_for(alice)
    url = reverse("reports:batch_progress", args=[batch.pk])

    running = as_alice.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-hx-trigger="every 2s"' in running
    assert f'<progress id="batch-{batch.pk}-bar" max="3" value="1"' in running
    assert "<html" not in running

    ReportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FINISHED, done=3)
    finished = as_alice.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in finished and "3 of 3 processed" in finished


def test_a_second_batch_waits_for_the_running_one(three_cities, alice, django_capture_on_commit_callbacks):
    lyon, _porto, _reggio = three_cities
    ReportBatch.objects.create(round=lyon.round, requested_by=alice, total=3, status=BatchStatus.RUNNING)

    with pytest.raises(ValidationError, match="being generated already"):
        report_batch_start(round=lyon.round, by=alice)


def test_only_the_secretariat_starts_a_batch(three_cities, bob, erin):
    lyon, _porto, _reggio = three_cities
    for person in (bob, erin):
        assert (
            client_for(person).post(reverse("reports:batch_start", args=[lyon.round_id])).status_code == 403
        )
    assert not ReportBatch.objects.exists()
