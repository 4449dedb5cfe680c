"""The secretariat's analysis: run as a task with its progress record, its results and exports, its
publication as a study (the public page, the API, the programme's date), access, the needs-you item."""

import datetime
import json

import pytest

from icc.core.models import JobStatus
from icc.impact import services
from icc.impact.models import AnalysisRun, ImpactStudy
from icc.impact.selectors import impact_study_published_on
from tests.conftest import client_for
from tests.impact.helpers import synthetic


@pytest.fixture
def data(monkeypatch):
    """The analysis reads synthetic published results (30 cities, 3 rounds) instead of the database's."""
    inputs = synthetic(cities=30, seed=11, slope=0.4, kinds=("employment", "safety"))
    monkeypatch.setattr(services, "analysis_inputs", lambda: inputs)
    return inputs


@pytest.fixture
def finished_run(as_alice, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post("/impact/runs/", {"runs": 20, "seed": 0})
    assert response.status_code == 302
    return AnalysisRun.objects.get()


def test_the_secretariat_runs_the_analysis_as_a_task_and_sees_its_results(as_alice, finished_run):
    assert finished_run.is_finished
    assert finished_run.job.status == JobStatus.FINISHED
    assert finished_run.snapshot["inputs"]["outcomes"]  # the data it used is kept
    page = as_alice.get(f"/impact/runs/{finished_run.pk}/")
    assert page.status_code == 200
    assert "Pearson r" in page.text and "Panel regression" in page.text
    assert "employment rate" in page.text
    assert "<svg" in page.text and "City 3" in page.text  # scatter plots with the cities labelled
    assert "Association is not causation" in page.text
    dashboard = as_alice.get("/impact/")
    assert "Latest results (analysis" in dashboard.text


def test_a_run_in_progress_shows_its_progress_record(as_alice, alice, data):
    run, _job = services.analysis_run_start(by=alice, runs=10)  # the task is not run: no commit here
    page = as_alice.get(f"/impact/runs/{run.pk}/")
    assert "Analysis in progress" in page.text
    again, _job = services.analysis_run_start(by=alice, runs=10)
    assert again == run  # a second click finds the first run


def test_the_analysis_fails_clearly_without_outcomes(
    as_alice, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "analysis_inputs", lambda: {"scores": [], "outcomes": []})
    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post("/impact/runs/", {"runs": 5, "seed": 0})
    run = AnalysisRun.objects.get()
    assert not run.is_finished
    assert run.job.status == JobStatus.FAILED
    assert "There are no outcome figures yet" in run.job.error


def test_the_results_are_exported_as_csv_xlsx_and_json(as_alice, finished_run):
    csv_text = as_alice.get(f"/impact/runs/{finished_run.pk}/results.csv").content.decode("utf-8-sig")
    assert csv_text.startswith("predictor,outcome,n,pearson_r")
    assert "aggregate,employment,30," in csv_text
    assert as_alice.get(f"/impact/runs/{finished_run.pk}/results.xlsx").status_code == 200
    document = json.loads(as_alice.get(f"/impact/runs/{finished_run.pk}/results.json").content)
    assert document["robustness"]["runs"] == 20
    assert as_alice.get(f"/impact/runs/{finished_run.pk}/results.doc").status_code == 404


def test_publishing_a_study_shows_it_on_the_public_site_in_both_languages_and_in_the_api(
    as_alice, finished_run, client
):
    assert impact_study_published_on() is None
    assert "No impact study has been published yet" in client.get("/en/impact/").text
    response = as_alice.post(
        f"/impact/runs/{finished_run.pk}/publish/",
        {"title_en": "Cities and outcomes", "title_fr": "Les villes et leurs résultats", "summary_en": "S"},
    )
    assert response.status_code == 302
    study = ImpactStudy.objects.get()
    assert impact_study_published_on() == study.published_on
    english = client.get("/en/impact/")
    assert "Cities and outcomes" in english.text and "Association is not causation" in english.text
    french = client.get("/fr/impact/")
    assert "Les villes et leurs résultats" in french.text
    api = client.get("/api/v1/impact/studies").json()
    items = api["items"] if isinstance(api, dict) else api
    assert items[0]["title"] == "Cities and outcomes"
    assert any(row["predictor"] == "aggregate" for row in items[0]["correlations"])
    assert "association is not causation" in items[0]["limits"]


def test_a_withdrawn_study_leaves_the_public_site_and_keeps_its_history(
    as_alice, finished_run, alice, client
):
    study = services.study_publish(run=finished_run, by=alice, title_en="Study")
    assert client.get(f"/en/impact/{study.pk}/").status_code == 200
    as_alice.post(f"/impact/studies/{study.pk}/withdraw/")
    assert client.get(f"/en/impact/{study.pk}/").status_code == 404
    assert impact_study_published_on() is None
    history = as_alice.get(f"/impact/studies/{study.pk}/history/")
    assert "study withdrawn from the public site" in history.text and "study published" in history.text


def test_a_study_needs_an_english_title_and_a_finished_run(as_alice, alice, finished_run, data):
    response = as_alice.post(f"/impact/runs/{finished_run.pk}/publish/", {"title_en": ""})
    assert response.status_code == 200 and "This field is required" in response.text
    unfinished, _job = services.analysis_run_start(by=alice, runs=5)
    with pytest.raises(services.ValidationError) as refused:
        services.study_publish(run=unfinished, by=alice, title_en="T")
    assert "run" in refused.value.message_dict


def test_the_programme_reads_the_first_publication_date(finished_run, alice):
    services.study_publish(run=finished_run, by=alice, title_en="B", published_on=datetime.date(2019, 6, 1))
    services.study_publish(run=finished_run, by=alice, title_en="A", published_on=datetime.date(2018, 3, 1))
    assert impact_study_published_on() == datetime.date(2018, 3, 1)


def test_an_unpublished_finished_run_needs_the_secretariat(finished_run, alice, bob):
    from icc.core.attention import attention_for

    keys = [item.key for item in attention_for(alice)]
    assert "impact.unpublished" in keys
    assert "impact.unpublished" not in [item.key for item in attention_for(bob)]
    services.study_publish(run=finished_run, by=alice, title_en="T")
    assert "impact.unpublished" not in [item.key for item in attention_for(alice)]


def test_people_without_the_secretariat_role_are_refused(bob, erin):
    for user in (bob, erin):
        assert client_for(user).get("/impact/").status_code == 403
        assert client_for(user).get("/impact/outcomes/").status_code == 403


def test_the_analysis_reads_only_published_index_results(published):
    lyon, _porto = published
    inputs = services.analysis_inputs()
    slugs = [entry["slug"] for document in inputs["scores"] for entry in document["cities"]]
    assert slugs == [lyon.city.slug]


def test_the_dashboard_shows_the_coverage_in_a_fixed_number_of_queries(
    as_alice, finished_run, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        page = as_alice.get("/impact/")
    assert page.status_code == 200
