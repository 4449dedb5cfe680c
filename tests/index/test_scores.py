"""Scores in the platform: computed and stored at validation, recomputed on reopening and on demand,
identical to the offline command on the same data; the pages that show them and who may read them."""

import copy
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from icc.index.cli import main as offline
from icc.index.models import Answer, ResponseScore, RoundScores
from icc.index.selectors.scores import response_progress, score_text
from icc.index.services import review
from icc.index.services.exchange import round_interchange
from icc.index.services.questionnaires import questionnaire_export
from icc.index.services.scores import round_scores_compute
from tests.conftest import client_for
from tests.factories import CityFactory, QuestionnaireFactory, ResponseFactory, RoundFactory
from tests.index.helpers import ANSWERS
from tests.index.helpers import fill_and_submit as _fill_and_submit
from tests.index.helpers import validate as _validate


def _url(name, *args):
    return reverse(f"index:{name}", args=args)


def _text(page):
    return page.content.decode()


# Computing and storing ------------------------------------------------------------------------------


def test_validation_stores_exactly_what_the_offline_command_computes(scored, tmp_path):
    lyon, porto = scored
    round_ = lyon.round
    questionnaire_file = tmp_path / "questionnaire.json"
    responses_file = tmp_path / "responses.json"
    questionnaire_file.write_text(json.dumps(questionnaire_export(round_.questionnaire)))
    responses_file.write_text(json.dumps(round_interchange(round_), default=str))
    out, err = io.StringIO(), io.StringIO()

    status = offline(
        [
            "score",
            *("--questionnaire", str(questionnaire_file), "--responses", str(responses_file)),
            *("--format", "json", "--robustness"),
        ],
        stdout=out,
        stderr=err,
    )

    assert status == 0, err.getvalue()
    printed = json.loads(out.getvalue())
    stored = RoundScores.objects.get(round=round_)
    assert printed.pop("robustness") == stored.robustness
    assert printed == stored.document
    by_city = {c["city"]: c for c in printed["cities"]}
    assert ResponseScore.objects.get(response=lyon).scores == by_city["Lyon"]
    assert ResponseScore.objects.get(response=porto).scores == by_city["Porto"]
    assert by_city["Lyon"]["aggregate"] == 82.0 and by_city["Lyon"]["rank"]["sample"] == 1
    assert stored.engine_version == ResponseScore.objects.get(response=lyon).engine_version == "1"
    assert stored.questionnaire == "icc-example"


def test_reopening_recomputes_and_the_reopened_city_leaves_the_sample(
    alice, scored, django_capture_on_commit_callbacks
):
    lyon, porto = scored
    assert RoundScores.objects.get(round=lyon.round).document["sample"]["n"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        review.response_reopen(response=lyon, by=alice, reason="The population figure was wrong.")

    document = RoundScores.objects.get(round=lyon.round).document
    assert [c["city"] for c in document["cities"]] == ["Porto"]
    assert document["sample"]["n"] == 1
    assert not ResponseScore.objects.filter(response=lyon).exists()
    assert ResponseScore.objects.get(response=porto).scores["rank"]["sample"] == 1


def test_scores_of_a_round_change_only_when_its_validated_responses_do(scored):
    lyon, _porto = scored
    assert round_scores_compute(round=lyon.round, only_if_stale=True).computed is False
    result = round_scores_compute(round=lyon.round)
    assert result.computed is True and result.cities == 2 and result.changes == []


def test_the_recompute_command_lists_the_cities_that_changed(
    alice, lyon_response, porto_response, django_capture_on_commit_callbacks
):
    _fill_and_submit(lyon_response, {**ANSWERS["Lyon"], "commitment.budget": "no"})
    _fill_and_submit(porto_response, ANSWERS["Porto"])
    _validate(lyon_response, alice, django_capture_on_commit_callbacks)
    review.response_validate(response=porto_response, by=alice)
    # Scores stored before Porto's validation (e.g. restored from an older backup): Porto is not scored.
    ResponseScore.objects.filter(response=porto_response).delete()
    lyon_before = ResponseScore.objects.get(response=lyon_response).scores
    assert lyon_before["rank"]["sample"] == 1

    out = io.StringIO()
    call_command("index", "recompute", stdout=out)

    text = out.getvalue()
    assert f"Index round {lyon_response.round.name.split()[-1]}" in text or lyon_response.round.name in text
    assert "2 validated responses, 1 city changed" in text
    porto_entry = ResponseScore.objects.get(response=porto_response).scores
    assert f"Porto: joins the sample, aggregate {porto_entry['aggregate']:.6g}, rank" in text
    assert ResponseScore.objects.get(response=lyon_response).scores == lyon_before

    out = io.StringIO()
    call_command("index", "recompute", "--round", str(lyon_response.round_id), stdout=out)
    assert "0 cities changed" in out.getvalue()


def test_the_recompute_command_reports_an_aggregate_and_rank_before_and_after(scored):
    lyon, _porto = scored
    stale = ResponseScore.objects.get(response=lyon)
    stale.scores = {**stale.scores, "aggregate": 50.0, "rank": {**stale.scores["rank"], "sample": 2}}
    stale.save()
    out = io.StringIO()
    call_command("index", "recompute", stdout=out)
    assert "Lyon: aggregate 50 -> 82, rank 2 -> 1" in out.getvalue()


def test_the_recompute_command_refuses_an_unknown_round(db):
    with pytest.raises(Exception, match="no round with id 999"):
        call_command("index", "recompute", "--round", "999")


def test_a_broken_stored_answer_is_named_and_nothing_is_written(scored):
    lyon, _porto = scored
    before = RoundScores.objects.get(round=lyon.round).document
    Answer.objects.filter(response=lyon, question="commitment.strategy").update(value="always")

    with pytest.raises(ValidationError) as caught:
        round_scores_compute(round=lyon.round)

    message = " ".join(caught.value.messages)
    assert '"Lyon"' in message and '"commitment.strategy"' in message and '"always"' in message
    assert RoundScores.objects.get(round=lyon.round).document == before
    assert ResponseScore.objects.filter(response__round=lyon.round).count() == 2


# The city's scores page -----------------------------------------------------------------------------


def test_the_city_sees_its_aggregate_rank_and_each_area_against_the_sample(scored, carol):
    lyon, _porto = scored
    page = client_for(carol).get(_url("response_scores", lyon.pk))
    assert page.status_code == 200
    text = _text(page)
    assert "82.0" in text  # the aggregate
    assert "1st of 2 cities" in text
    assert "72.7" in text  # the sample's mean aggregate
    assert "Education" in text and "83.3" in text and "58.3" in text and "+25.0" in text  # score, mean, gap
    assert "&gt;=500k" in text and "10-15%" in text  # peer groups
    assert "1st in at least 90% of the alternative weightings" in text  # a firm rank
    assert _url("score_trace", lyon.pk, "education") in text
    assert reverse("public:methodology") in text
    assert '<svg class="bar-chart"' in text


def test_peer_group_means_come_from_the_cities_in_the_same_band(scored, alice):
    lyon, _porto = scored
    page = client_for(alice).get(_url("response_scores", lyon.pk)).context["page"]
    diversity = next(p for p in page.peers if p.name == "diversity")
    population = next(p for p in page.peers if p.name == "population")
    assert (diversity.band, diversity.size, diversity.rank) == ("10-15%", 2, 1)
    assert diversity.aggregate_mean == pytest.approx((82.0 + 63.333333333333336) / 2)
    assert (population.band, population.size, population.aggregate_mean) == (">=500k", 1, 82.0)


def test_areas_resting_on_few_answers_are_flagged(scored, alice):
    _lyon, porto = scored
    page = client_for(alice).get(_url("response_scores", porto.pk))
    assert [a.id for a in page.context["page"].flagged] == ["language", "participation"]
    assert "Language: 0 of 2 questions answered." in _text(page)


def test_a_response_not_validated_has_no_scores_yet(lyon_response, bob):
    page = client_for(bob).get(_url("response_scores", lyon_response.pk))
    assert page.status_code == 200
    assert "No scores yet" in _text(page)


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("carol", 200),
        ("dave", 404),  # another city's coordinator
        ("erin", 403),  # an expert reads the answers, not the scores, until they are published
        ("frank", 404),
        ("grace", 404),
    ],
)
def test_only_the_secretariat_and_the_city_read_its_scores(request, scored, person, status):
    lyon, _porto = scored
    client = client_for(request.getfixturevalue(person))
    assert client.get(_url("response_scores", lyon.pk)).status_code == status
    assert client.get(_url("score_trace", lyon.pk)).status_code == status
    assert client.get(_url("score_trace", lyon.pk, "commitment")).status_code == status


def test_links_to_the_scores_appear_once_validated_and_only_for_those_who_may_read_them(
    scored, alice, bob, erin
):
    lyon, _porto = scored
    link = _url("response_scores", lyon.pk)
    assert link in _text(client_for(alice).get(_url("response_review", lyon.pk)))
    assert link in _text(client_for(bob).get(_url("response_detail", lyon.pk)))
    assert link not in _text(client_for(erin).get(_url("response_review", lyon.pk)))
    round_page = client_for(alice).get(_url("round_detail", lyon.round_id))
    assert _url("round_scores", lyon.round_id) in _text(round_page)


def test_no_link_to_scores_before_validation(lyon_response, bob):
    assert _url("response_scores", lyon_response.pk) not in _text(
        client_for(bob).get(_url("response_detail", lyon_response.pk))
    )


# Explain this number --------------------------------------------------------------------------------


def test_the_trace_of_an_area_adds_up_to_the_stored_score(scored, bob):
    _lyon, porto = scored
    page = client_for(bob).get(_url("score_trace", porto.pk, "education"))
    assert page.status_code == 404  # bob is Lyon's coordinator, not Porto's


def test_the_trace_of_an_area_shows_each_answer_and_equals_the_stored_score(scored, carol):
    lyon, _porto = scored
    page = client_for(carol).get(_url("score_trace", lyon.pk, "education"))
    trace = page.context["page"]
    stored = ResponseScore.objects.get(response=lyon).scores["areas"]["education"]
    assert trace.area.score == stored and trace.matches_stored
    earned = sum(float(q.earned) for q in trace.questions if q.counted)
    achievable = sum(float(q.achievable) for q in trace.questions if q.counted)
    assert (earned, achievable) == (float(trace.area.earned), float(trace.area.achievable)) == (5.0, 6.0)
    assert 100 * earned / achievable == pytest.approx(stored)
    text = _text(page)
    assert "100 × 5 ÷ 6 = 83.33" in text
    assert score_text(stored) in text
    assert "<td>Most</td>" in text  # the option's label, not its id
    assert "Its weight is 1, so it makes" in text


def test_a_french_reader_reads_the_answers_in_french(scored, carol):
    lyon, _porto = scored
    client = client_for(carol)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    try:
        text = _text(client.get(_url("score_trace", lyon.pk, "education")))
    finally:
        translation.activate("en")
    assert "<td>La plupart</td>" in text
    assert "83,3" in text  # the score in French number format


def test_the_trace_shows_not_applicable_answers_out_of_both_sums(scored, alice):
    _lyon, porto = scored
    trace = client_for(alice).get(_url("score_trace", porto.pk, "education")).context["page"]
    mixed = next(q for q in trace.questions if q.id == "education.mixed_schools")
    assert mixed.status == "n/a" and not mixed.counted and mixed.answer == "Not applicable"
    assert trace.area.achievable == "3"


def test_the_trace_of_the_aggregate_shows_the_weighted_mean(scored, alice):
    lyon, _porto = scored
    page = client_for(alice).get(_url("score_trace", lyon.pk))
    trace = page.context["page"]
    assert trace.aggregate == ResponseScore.objects.get(response=lyon).scores["aggregate"] == 82.0
    text = _text(page)
    assert "(2 × 100.00 + 1 × 83.33 + 1 × 60.00 + 1 × 66.67) ÷ (2 + 1 + 1 + 1) = 82.00" in text
    assert "Participation" in text and "optional: not in the aggregate" in text


def test_an_unknown_area_has_no_trace(scored, alice):
    lyon, _porto = scored
    assert client_for(alice).get(_url("score_trace", lyon.pk, "gardening")).status_code == 404


# Progress -------------------------------------------------------------------------------------------


@pytest.fixture
def earlier_round(db):
    return RoundFactory(
        name="Index 2023", opens_on=datetime.date(2023, 9, 1), deadline=datetime.date(2023, 12, 1)
    )


def _scored_response(round_, city, answers, alice, capture):
    response = ResponseFactory(round=round_, city=city)
    _fill_and_submit(response, answers)
    return _validate(response, alice, capture)


def test_progress_within_one_version_compares_every_area(
    alice, lyon, earlier_round, scored, django_capture_on_commit_callbacks
):
    before = {**ANSWERS["Lyon"], "commitment.strategy": "partly", "language.media": "no"}
    _scored_response(earlier_round, lyon, before, alice, django_capture_on_commit_callbacks)
    current, _porto = scored

    progress = response_progress(current)

    assert progress is not None and progress.same_version
    rows = {row.id: row for row in progress.areas}
    assert all(row.comparable for row in progress.areas) and progress.aggregate.comparable
    assert rows["commitment"].previous == 80.0 and rows["commitment"].delta == 20.0
    assert rows["education"].delta == 0.0
    text = _text(client_for(alice).get(_url("response_scores", current.pk)))
    assert "Index 2023" in text and "+20.0" in text


def test_progress_across_versions_marks_unmapped_areas_not_comparable(
    alice, lyon, earlier_round, django_capture_on_commit_callbacks
):
    _scored_response(earlier_round, lyon, ANSWERS["Lyon"], alice, django_capture_on_commit_callbacks)
    document = copy.deepcopy(earlier_round.questionnaire.document)
    document["id"] = "icc-example-v2"
    document["comparable_with"] = {"icc-example": {"commitment": "commitment", "education": "education"}}
    newer = QuestionnaireFactory(key="icc-example-v2", document=document, source_sha256="2" * 64)
    later_round = RoundFactory(name="Index 2026 (v2)", questionnaire=newer)
    answers = {**ANSWERS["Lyon"], "commitment.budget": "no"}
    current = _scored_response(later_round, lyon, answers, alice, django_capture_on_commit_callbacks)

    progress = response_progress(current)

    assert progress is not None and not progress.same_version
    rows = {row.id: row for row in progress.areas}
    assert rows["commitment"].comparable and rows["commitment"].previous == 100.0
    assert rows["commitment"].delta == rows["commitment"].current - 100.0 < 0
    assert rows["education"].comparable and rows["education"].delta == 0.0
    assert [row.id for row in progress.not_comparable] == ["public_services", "language", "participation"]
    assert rows["language"].delta is None and not progress.aggregate.comparable
    text = _text(client_for(alice).get(_url("response_scores", current.pk)))
    assert text.count("not comparable") == 4  # three areas and the aggregate


def test_no_progress_without_an_earlier_validated_response(scored):
    lyon, _porto = scored
    assert response_progress(lyon) is None


# The round's scores (secretariat) -------------------------------------------------------------------


def test_the_round_page_lists_every_city_with_the_sample_and_the_best_cities(scored, as_alice):
    lyon, _porto = scored
    page = as_alice.get(_url("round_scores", lyon.round_id))
    assert page.status_code == 200
    data = page.context["page"]
    assert [row.label for row in data.rows] == ["Lyon", "Porto"]
    assert [row.label for row in data.statistics] == ["Sample mean", "Sample median", "Lowest", "Highest"]
    assert data.header == [
        "City",
        "Rank",
        "Aggregate",
        "Commitment",
        "Education",
        "Public services",
        "Language",
        "Participation",
        "Complete",
    ]
    best = dict(data.best)
    assert [c.city for c in best["Public services"]] == ["Porto", "Lyon"]
    text = _text(page)
    assert "82.0" in text and "63.3" in text and "72.7" in text
    assert _url("response_scores", lyon.pk) in text
    assert _url("round_scores_csv", lyon.round_id) in text


def test_the_csv_download_holds_exactly_the_table(scored, as_alice):
    lyon, _porto = scored
    data = as_alice.get(_url("round_scores", lyon.round_id)).context["page"]
    download = as_alice.get(_url("round_scores_csv", lyon.round_id))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == data.header
    assert [line.split(",")[0] for line in lines[1:]] == [r.label for r in data.rows + data.statistics]
    assert lines[1].split(",")[:3] == ["Lyon", "1", "82.0"]
    assert lines[2].split(",")[-1] == "no"  # Porto left questions unanswered


def test_the_recompute_button_recomputes_and_says_what_changed(scored, as_alice, bob, monkeypatch):
    from icc.core import jobs

    lyon, _porto = scored
    # The recompute is a job: run it at once, as the inline backend does outside a test's transaction
    # (the background case: tests/index/test_recompute_job.py).
    monkeypatch.setattr(jobs.transaction, "on_commit", lambda callback: callback())
    RoundScores.objects.filter(round=lyon.round).delete()
    ResponseScore.objects.all().delete()
    page = as_alice.post(_url("round_scores_recompute", lyon.round_id), follow=True)
    assert "Scores recomputed: 2 cities changed (Lyon, Porto)." in _text(page)
    assert RoundScores.objects.filter(round=lyon.round).exists()
    assert client_for(bob).post(_url("round_scores_recompute", lyon.round_id)).status_code == 403


def test_the_round_page_warns_when_scores_are_out_of_date(scored, alice, as_alice):
    lyon, _porto = scored
    RoundScores.objects.filter(round=lyon.round).update(engine_version="0")  # scored by an older engine
    assert as_alice.get(_url("round_scores", lyon.round_id)).context["page"].outdated


def test_scores_include_a_validation_even_if_the_server_stops_right_after_it(
    alice, scored, django_capture_on_commit_callbacks
):
    """Nothing queued after the commit runs (a crash, a restart): the scores are already right."""
    lyon, _porto = scored
    bergamo_response = ResponseFactory(round=lyon.round, city=CityFactory(name_en="Bergamo", country="IT"))
    _fill_and_submit(bergamo_response, "Lyon")
    with django_capture_on_commit_callbacks(execute=False):
        review.response_validate(response=bergamo_response, by=alice)

    document = RoundScores.objects.get(round=lyon.round).document
    assert document["sample"]["n"] == 3
    assert sorted(c["city"] for c in document["cities"]) == ["Bergamo", "Lyon", "Porto"]
    ranks = sorted(
        s.scores["rank"]["sample"] for s in ResponseScore.objects.filter(response__round=lyon.round)
    )
    assert ranks == [1, 1, 3]  # Bergamo answered as Lyon: both first, out of 3
    assert not client_for(alice).get(_url("round_scores", lyon.round_id)).context["page"].outdated

    with django_capture_on_commit_callbacks(execute=False):
        review.response_reopen(response=bergamo_response, by=alice, reason="Check the figures.")
    assert RoundScores.objects.get(round=lyon.round).document["sample"]["n"] == 2
    assert not ResponseScore.objects.filter(response=bergamo_response).exists()


def test_a_validation_whose_answers_cannot_be_scored_is_refused_and_nothing_changes(
    alice, scored, monkeypatch
):
    lyon, _porto = scored
    review.response_reopen(response=lyon, by=alice, reason="Check the figures.")
    _fill_and_submit(lyon, "Lyon")
    before = RoundScores.objects.get(round=lyon.round).document

    def broken(*args, **kwargs):
        raise ValidationError("The scores of the round cannot be computed: a broken record.")

    monkeypatch.setattr("icc.index.services.scores.round_scores_compute", broken)
    with pytest.raises(ValidationError):
        review.response_validate(response=lyon, by=alice)
    lyon.refresh_from_db()
    assert lyon.status != "validated"
    assert RoundScores.objects.get(round=lyon.round).document == before


def test_the_round_page_reads_a_fixed_number_of_queries_whatever_the_number_of_cities(
    alice, index_round, as_alice, django_capture_on_commit_callbacks
):
    def add_cities(n):
        for i in range(n):
            city = CityFactory(population=100_000 + 50_000 * i)
            response = ResponseFactory(round=index_round, city=city)
            _fill_and_submit(response, ANSWERS["Lyon"] if i % 2 else ANSWERS["Porto"])
            review.response_validate(response=response, by=alice)
        round_scores_compute(round=index_round)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert as_alice.get(_url("round_scores", index_round.pk)).status_code == 200
        return len(queries)

    add_cities(2)
    count()  # the first request fills caches (questionnaire structure, permissions)
    few = count()
    add_cities(6)
    assert len(as_alice.get(_url("round_scores", index_round.pk)).context["page"].rows) == 8
    assert count() == few


def test_an_area_of_facts_only_is_left_off_the_score_pages(alice, lyon, django_capture_on_commit_callbacks):
    document = copy.deepcopy(QuestionnaireFactory().document)
    document["id"] = "icc-example-facts"
    document["areas"].append(
        {
            "id": "city_facts",
            "title": {"en": "City facts", "fr": "Faits"},
            "questions": [
                {
                    "id": "city_facts.population",
                    "data_type": "fact",
                    "type": "number",
                    "text": {"en": "Population", "fr": "Population"},
                }
            ],
        }
    )
    version = QuestionnaireFactory(key="icc-example-facts", document=document, source_sha256="f" * 64)
    round_ = RoundFactory(questionnaire=version)
    answers = {**ANSWERS["Lyon"], "city_facts.population": 522000}
    response = _scored_response(round_, lyon, answers, alice, django_capture_on_commit_callbacks)
    assert ResponseScore.objects.get(response=response).scores["areas"]["city_facts"] is None

    as_alice = client_for(alice)
    assert "City facts" not in as_alice.get(_url("round_scores", round_.pk)).context["page"].header
    assert [a.id for a in as_alice.get(_url("response_scores", response.pk)).context["page"].areas] == [
        "commitment",
        "education",
        "public_services",
        "language",
        "participation",
    ]
    assert as_alice.get(_url("score_trace", response.pk, "city_facts")).status_code == 404


def test_the_round_page_before_any_validation(index_round, as_alice):
    page = as_alice.get(_url("round_scores", index_round.pk))
    assert page.status_code == 200 and "No scores yet" in _text(page)


# Methodology ----------------------------------------------------------------------------------------


def test_everyone_reads_the_methodology_without_signing_in(db):
    page = client_for(None).get(reverse("public:methodology"))
    assert page.status_code == 200
    text = _text(page)
    assert "area score = 100 × points earned ÷ points achievable" in text
    assert "1,000 random weightings" in text


def test_the_methodology_documents_exist_in_english_and_french():
    docs = Path(__file__).resolve().parents[2] / "docs"
    english, french = (docs / "methodology.md").read_text(), (docs / "methodology.fr.md").read_text()
    assert "area score = 100 × points earned ÷ points achievable" in english
    assert "score du domaine = 100 × points obtenus ÷ points possibles" in french
