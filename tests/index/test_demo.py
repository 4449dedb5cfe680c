"""The Index demo: three rounds on the demo network, with believable answers and every review state."""

import datetime
from collections.abc import Iterator
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import transaction
from django.http import HttpRequest
from django.test import Client, override_settings
from django.utils import timezone, translation

from icc.accounts.models import User
from icc.core.history import history_entries, reason_display
from icc.index import scoring
from icc.index.demo import load_index_demo, muted_mail
from icc.index.models import (
    Answer,
    Comment,
    CommentThread,
    Response,
    ResponseScore,
    ResponseStatus,
    Round,
    ThreadStatus,
)
from icc.index.selectors.rounds import progress_of
from icc.index.services.exchange import round_interchange
from icc.network.demo import DEMO_PASSWORD, load_demo
from icc.network.demo_data import LAST_DEMO_DAY
from icc.network.models import ACCESSION_ORDER, AccessionStep, City, CityStatus
from icc.network.selectors.access import city_accession_state

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# These two come first: the module's demo data, once loaded, stays until the module ends.
@pytest.mark.django_db
def test_a_register_that_is_not_the_demo_one_gets_no_index_demo(lyon):
    result = load_index_demo()
    assert not result.loaded
    assert result.note == "no demo network"
    assert not Round.objects.exists()


def test_the_demo_sends_no_mail():
    with muted_mail():
        send_mail("Invitation", "Body", None, ["coordinator@demo.icc"])
    assert mail.outbox == []


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A database of the demo network loaded before the Index existed, then `icc load_demo` (once for the
    module, inside a transaction rolled back at the end); yields what the command printed."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_demo()
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db, settings) -> str:
    settings.PASSWORD_HASHERS = FAST_HASHER
    return demo


def _round(name: str) -> Round:
    return Round.objects.select_related("questionnaire").get(name=name)


def _response(round_name: str, city: str) -> Response:
    return Response.objects.select_related("round__questionnaire", "city").get(
        round__name=round_name, city__name_en=city
    )


def _counts() -> dict[str, int]:
    models = (Round, Response, Answer, CommentThread, Comment, AccessionStep, User, City)
    return {model.__name__: model.objects.count() for model in models}


def test_it_loads_the_index_into_a_demo_network_that_had_none(loaded):
    assert "Demo data already loaded; keeping it." in loaded
    assert "Index demo loaded in" in loaded
    assert "coordinator@demo.icc" in loaded


def test_it_loads_two_closed_rounds_and_the_open_one(loaded):
    rounds = {r.name: r for r in Round.objects.select_related("questionnaire")}
    assert set(rounds) == {"Index 2014", "Index 2022", "Index 2026"}
    assert (rounds["Index 2014"].status, rounds["Index 2014"].questionnaire.key) == ("closed", "icc-2009")
    assert (rounds["Index 2022"].status, rounds["Index 2022"].questionnaire.key) == ("closed", "icc-2019")
    assert (rounds["Index 2026"].status, rounds["Index 2026"].questionnaire.key) == ("open", "icc-2026")
    assert rounds["Index 2026"].deadline == datetime.date(2026, 12, 15)


@pytest.mark.parametrize(
    ("name", "size", "years"), [("Index 2014", 45, {2014, 2015}), ("Index 2022", 80, {2022, 2023})]
)
def test_the_closed_rounds_hold_validated_responses_of_their_time(loaded, name, size, years):
    responses = Response.objects.filter(round__name=name)
    assert responses.count() == size
    assert set(responses.values_list("status", flat=True)) == {ResponseStatus.VALIDATED}
    assert {r.validated_at.year for r in responses} <= years
    assert all(r.submitted_at < r.validated_at for r in responses)


def test_cities_that_answered_both_closed_rounds_show_progress(loaded):
    both = set(Response.objects.filter(round__name="Index 2014").values_list("city", flat=True)) & set(
        Response.objects.filter(round__name="Index 2022").values_list("city", flat=True)
    )
    assert len(both) >= 30
    scores = {}
    for name in ("Index 2014", "Index 2022"):
        round = _round(name)
        questionnaire = scoring.parse_questionnaire(round.questionnaire.document)
        result = scoring.score(
            questionnaire, scoring.parse_responses(round_interchange(round), questionnaire)
        )
        scores[name] = dict(zip(result.city_names, result.aggregate, strict=True))
    names = set(City.objects.filter(pk__in=both).values_list("name_en", flat=True))
    progressed = [n for n in names if scores["Index 2022"][n] > scores["Index 2014"][n]]
    assert len(progressed) > len(names) / 2
    assert 25 < sorted(scores["Index 2022"].values())[len(scores["Index 2022"]) // 2] < 85


def test_the_open_rounds_validated_cities_have_a_gender_lens_score_and_2022_has_none(loaded):
    validated_2026 = ResponseScore.objects.filter(response__round__name="Index 2026")
    assert validated_2026.count() >= 3
    for entry in validated_2026:
        assert 0 <= entry.scores["groups"]["gender_lens"] <= 100
        assert entry.scores["groups"]["intercultural_lens"] is not None
    for entry in ResponseScore.objects.filter(response__round__name="Index 2022")[:5]:
        assert "gender_lens" not in entry.scores["groups"]


@pytest.mark.parametrize("name", ["Index 2014", "Index 2022", "Index 2026"])
def test_every_validated_response_fits_its_questionnaire(loaded, name):
    round = _round(name)
    document = round_interchange(round)
    parsed = scoring.parse_responses(document, scoring.parse_questionnaire(round.questionnaire.document))
    assert len(parsed) == round.responses.filter(status=ResponseStatus.VALIDATED).count() > 0


def test_the_open_round_has_members_and_candidates_in_every_state(loaded):
    responses = Response.objects.filter(round__name="Index 2026").select_related("city")
    assert 35 <= responses.count() <= 50
    assert set(responses.values_list("status", flat=True)) == set(ResponseStatus.values)
    assert {r.city.status for r in responses} == {CityStatus.MEMBER, CityStatus.CANDIDATE}
    answered = progress_of(_round("Index 2026").questionnaire, [r.pk for r in responses])
    in_progress = [answered[r.pk] for r in responses if r.status == ResponseStatus.IN_PROGRESS]
    shares = {round(10 * done / total) for done, total in in_progress}
    assert len(shares) >= 5  # various completion levels


def test_strasbourg_is_in_progress_with_two_sections_for_the_contributor(loaded):
    response = _response("Index 2026", "Strasbourg")
    assert response.status == ResponseStatus.IN_PROGRESS
    done, total = progress_of(response.round.questionnaire, [response.pk])[response.pk]
    assert 0.5 <= done / total <= 0.7
    contributor = User.objects.get(email="contributor@demo.icc")
    assignments = response.assignments.filter(user=contributor)
    assert sorted(assignments.values_list("area", flat=True)) == ["education", "welcoming"]
    by_contributor = response.answers.filter(updated_by=contributor)
    assert by_contributor.exists()
    assert {a.question.split(".")[0] for a in by_contributor} <= {"education", "welcoming"}
    assert response.answers.filter(updated_by__email="coordinator@demo.icc").count() > 30
    thread = response.threads.get()
    assert thread.status == ThreadStatus.OPEN
    assert "Pourriez-vous" in thread.comments.get().body


def test_lisbon_is_submitted_by_its_coordinator(loaded):
    response = _response("Index 2026", "Lisbon")
    assert response.status == ResponseStatus.SUBMITTED
    assert response.submitted_by.email == "multi@demo.icc"


def test_returned_responses_carry_a_note_and_a_conversation_in_the_citys_language(loaded):
    returned = Response.objects.filter(round__name="Index 2026", status=ResponseStatus.RETURNED)
    assert returned.count() >= 5
    lyon = _response("Index 2026", "Lyon")
    assert lyon.review_note.startswith("Merci")
    threads = list(lyon.threads.prefetch_related("comments__author"))
    assert {t.status for t in threads} == {ThreadStatus.OPEN, ThreadStatus.ANSWERED}
    answered = next(t for t in threads if t.status == ThreadStatus.ANSWERED)
    asked, reply = answered.comments.all()
    assert asked.author.email == "secretariat@demo.icc"
    assert reply.author.roles.filter(city=lyon.city).exists()
    bristol = _response("Index 2026", "Bristol")
    assert bristol.review_note.startswith("Thank you")


def test_one_validated_response_was_reopened_with_a_reason(loaded):
    reopened = [
        r
        for r in Response.objects.filter(round__name="Index 2026", status=ResponseStatus.RETURNED)
        if r.history.filter(history_change_reason__startswith="index.response_reopened?words=").exists()
    ]
    assert len(reopened) == 1
    assert reopened[0].review_note


def test_explanations_are_in_french_for_french_speaking_cities(loaded):
    lyon = _response("Index 2022", "Lyon").answers.exclude(explanation="")
    bristol = _response("Index 2026", "Bristol").answers.exclude(explanation="")
    assert lyon.count() >= 10 and bristol.count() >= 10
    assert any("Source : institut" in a.explanation for a in lyon)
    assert any("Source: national statistics office" in a.explanation for a in bristol)
    assert Answer.objects.filter(links__icontains="https://www.lyon.example.org/").exists()


def test_candidates_who_submitted_moved_on_and_the_pipeline_keeps_every_step(loaded):
    for name in ("Riga", "Mostar"):
        city = City.objects.get(name_en=name)
        assert city_accession_state(city) == "index_submitted"
        steps = {s.step: s.date for s in city.accession_steps.all()}
        assert steps["application_received"] <= steps["index_submitted"] <= LAST_DEMO_DAY
    candidates = City.objects.filter(status=CityStatus.CANDIDATE).prefetch_related("accession_steps")
    assert set(ACCESSION_ORDER[:-1]) <= {city_accession_state(city) for city in candidates}


def test_nothing_happens_after_the_last_demo_day(loaded):
    end = timezone.make_aware(datetime.datetime.combine(LAST_DEMO_DAY, datetime.time(23, 59)))
    assert not Answer.objects.filter(updated__gt=end).exists()
    assert not Response.objects.filter(updated__gt=end).exists()
    assert not Comment.objects.filter(created__gt=end).exists()
    assert not Answer.history.filter(history_date__gt=end).exists()


def test_every_answer_and_step_has_its_history(loaded):
    assert Answer.history.filter(history_type="+").count() >= Answer.objects.count()
    response = _response("Index 2022", "Strasbourg")
    steps = list(response.history.order_by("history_date").values_list("status", flat=True))
    assert steps == ["not_started", "in_progress", "submitted", "validated"]
    first_answer = response.answers.order_by("updated").first()
    started = response.history.get(status="in_progress").history_date
    assert started == first_answer.updated


def test_every_history_reason_of_the_demo_reads_in_french(loaded):
    """The demo stores reason codes, never English sentences: a French reader's history is in French."""
    english = {}
    for model in django_apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if model._meta.app_label in ("network", "index", "reports") and "history_change_reason" in names:
            stored = set(
                model.objects.exclude(history_change_reason__in=["", None])
                .values_list("history_change_reason", flat=True)
                .distinct()
            )
            with translation.override("fr"):
                english.update(
                    {reason: model.__name__ for reason in stored if reason_display(reason) == reason}
                )
    assert english == {}
    city = City.objects.get(name_en="Strasbourg")
    with translation.override("fr"):
        assert "données de démonstration" in {entry.reason for entry in history_entries(city)}


def test_the_coordinator_sees_their_response_on_their_page(loaded):
    client = Client()
    assert client.login(request=HttpRequest(), username="coordinator@demo.icc", password=DEMO_PASSWORD)
    page = client.get("/index/responses/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Strasbourg" in text and "Index 2026" in text
    response = _response("Index 2026", "Strasbourg")
    assert client.get(f"/index/responses/{response.pk}/").status_code == 200


def test_running_it_twice_changes_nothing(loaded):
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == before
    assert "Index rounds already there; keeping them." in out.getvalue()
