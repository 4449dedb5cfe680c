import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from icc.core.workflow import TransitionNotAllowed
from icc.index.models import CommentThread, ResponseStatus, ThreadStatus
from icc.index.services import review
from icc.index.services.responses import answer_save, response_submit, section_assign
from tests.conftest import client_for

QUESTION = "commitment.strategy"


def _url(name, response, *args):
    return reverse(f"index:{name}", args=[response.pk, *args])


@pytest.fixture
def submitted(bob, lyon_response):
    answer_save(
        response=lyon_response, question=QUESTION, value="partly", explanation="Adopted 2019.", by=bob
    )
    return response_submit(response=lyon_response, by=bob)


@pytest.fixture
def validated(alice, submitted):
    return review.response_validate(response=submitted, by=alice)


def _messages(page):
    return " ".join(str(m) for m in page.context["messages"])


# Comment threads ------------------------------------------------------------------------------------


def test_it_runs_a_conversation_from_comment_to_city_reply_to_resolved(
    alice, bob, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(
            _url("thread_create", submitted),
            {"question": QUESTION, "body": "Which council decision adopted it?"},
            follow=True,
        )
    assert page.status_code == 200
    thread = CommentThread.objects.get(response=submitted)
    assert thread.status == ThreadStatus.OPEN and thread.opened_by == alice
    assert "Which council decision adopted it?" in page.content.decode()
    assert [m.to for m in mailoutbox] == [["bob@example.org"]]
    assert "Which council decision adopted it?" in mailoutbox[0].body
    assert "Has the city adopted an intercultural strategy?" in mailoutbox[0].body

    entry_page = _url("response_detail", submitted)
    with django_capture_on_commit_callbacks(execute=True):
        reply = client_for(bob).post(
            _url("thread_reply", submitted, thread.pk),
            {"body": "Council decision 2019-114.", "next": entry_page},
        )
    assert reply.status_code == 302 and reply["Location"] == entry_page
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED
    assert [m.to for m in mailoutbox[1:]] == [["alice@example.org"]]
    assert "Council decision 2019-114." in mailoutbox[1].body

    client_for(alice).post(_url("thread_reply", submitted, thread.pk), {"action": "resolve"})
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.RESOLVED
    assert [c.body for c in thread.comments.all()] == [
        "Which council decision adopted it?",
        "Council decision 2019-114.",
    ]


def test_a_secretariat_reply_opens_an_answered_thread_again(alice, bob, submitted):
    thread = review.thread_open(response=submitted, question=QUESTION, body="Source?", by=alice)
    review.comment_add(thread=thread, body="The council minutes.", by=bob)
    review.comment_add(thread=thread, body="Please attach them.", by=alice)
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN


def test_the_city_cannot_reply_in_a_resolved_thread_until_the_secretariat_reopens_it(alice, bob, submitted):
    thread = review.thread_open(response=submitted, question=QUESTION, body="Source?", by=alice)
    review.thread_resolve(thread=thread, by=alice)
    with pytest.raises(ValidationError, match="resolved"):
        review.comment_add(thread=thread, body="One more thing.", by=bob)
    with pytest.raises(TransitionNotAllowed):
        review.thread_resolve(thread=thread, by=alice)
    review.thread_reopen(thread=thread, by=alice)
    review.comment_add(thread=thread, body="One more thing.", by=bob)
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED
    assert thread.comments.count() == 2


def test_a_thread_on_an_unknown_question_is_refused(alice, submitted):
    with pytest.raises(ValidationError) as exc:
        review.thread_open(response=submitted, question="commitment.nothing", body="Hm?", by=alice)
    assert "is not a question of this questionnaire" in " ".join(exc.value.message_dict["question"])
    page = client_for(alice).post(
        _url("thread_create", submitted), {"question": "commitment.nothing", "body": "Hm?"}, follow=True
    )
    assert "“commitment.nothing” is not a question of this questionnaire" in _messages(page)
    assert not CommentThread.objects.exists()


def test_an_empty_comment_is_refused_and_nothing_is_written(alice, submitted):
    with pytest.raises(ValidationError) as exc:
        review.thread_open(response=submitted, question=QUESTION, body="   ", by=alice)
    assert "Write your comment" in " ".join(exc.value.message_dict["body"])
    assert not CommentThread.objects.exists()


def test_a_reply_goes_back_to_the_review_page_when_next_is_not_our_site(alice, bob, submitted):
    thread = review.thread_open(response=submitted, question=QUESTION, body="Source?", by=alice)
    reply = client_for(bob).post(
        _url("thread_reply", submitted, thread.pk), {"body": "Minutes.", "next": "https://evil.example/"}
    )
    assert reply["Location"] == _url("response_review", submitted) + f"#thread-{thread.pk}"


# Decisions ------------------------------------------------------------------------------------------


def test_returning_requires_a_note_and_emails_it_to_the_coordinator(
    alice, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    as_alice = client_for(alice)
    page = as_alice.post(_url("response_return", submitted), {"note": "  "}, follow=True)
    assert "Say what the city should revise" in _messages(page)
    submitted.refresh_from_db()
    assert submitted.status == ResponseStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        as_alice.post(_url("response_return", submitted), {"note": "Add the 2024 budget figures."})
    submitted.refresh_from_db()
    assert submitted.status == ResponseStatus.RETURNED
    assert [m.to for m in mailoutbox] == [["bob@example.org"]]
    assert "Returned for revision" in mailoutbox[0].subject
    assert "Add the 2024 budget figures." in mailoutbox[0].body


def test_validation_locks_the_answers(alice, bob, submitted):
    as_alice = client_for(alice)
    page = as_alice.post(_url("response_validate", submitted), follow=True)
    assert "confirm" in _messages(page)
    submitted.refresh_from_db()
    assert submitted.status == ResponseStatus.SUBMITTED

    as_alice.post(_url("response_validate", submitted), {"confirm": "yes"})
    submitted.refresh_from_db()
    assert submitted.status == ResponseStatus.VALIDATED and submitted.validated_by == alice
    with pytest.raises(ValidationError, match="validated"):
        answer_save(response=submitted, question=QUESTION, value="yes", by=bob)
    assert submitted.answers.get(question=QUESTION).value == "partly"


def test_a_response_still_being_answered_cannot_be_validated(alice, lyon_response):
    page = client_for(alice).post(_url("response_validate", lyon_response), {"confirm": "yes"}, follow=True)
    assert "Cannot go from" in _messages(page)
    lyon_response.refresh_from_db()
    assert lyon_response.status == ResponseStatus.NOT_STARTED


def test_reopening_needs_a_reason_which_the_history_shows(alice, bob, validated):
    as_alice = client_for(alice)
    page = as_alice.post(_url("response_reopen", validated), {"reason": ""}, follow=True)
    assert "Give the reason for reopening" in _messages(page)
    validated.refresh_from_db()
    assert validated.status == ResponseStatus.VALIDATED

    as_alice.post(
        _url("response_reopen", validated), {"reason": "The city corrected its population figures."}
    )
    validated.refresh_from_db()
    assert validated.status == ResponseStatus.RETURNED
    history = client_for(bob).get(_url("response_history", validated))
    text = history.content.decode()
    assert "Reopened after validation" in text
    assert "The city corrected its population figures." in text
    assert "Validated" in text and "Submitted to the secretariat" in text


# Histories ------------------------------------------------------------------------------------------


def test_the_history_of_an_answer_shows_who_when_and_before_and_after(bob, carol, lyon_response):
    section_assign(response=lyon_response, area="commitment", user=carol, by=bob)
    answer_save(response=lyon_response, question=QUESTION, value="partly", by=bob)
    answer_save(
        response=lyon_response,
        question=QUESTION,
        value="yes",
        explanation="Adopted by the council.",
        links=["https://lyon.example/strategy"],
        by=carol,
    )
    page = client_for(bob).get(_url("answer_history", lyon_response, QUESTION))
    assert page.status_code == 200
    versions = page.context["history"].versions
    assert [v.who for v in versions] == ["Carol Petit", "Bob Durand"]
    assert (versions[0].value_before, versions[0].value_after) == ("Partly", "Yes")
    assert (versions[1].value_before, versions[1].value_after) == ("Not answered", "Partly")
    assert versions[0].links_added == ["https://lyon.example/strategy"]
    assert versions[0].when >= versions[1].when
    text = page.content.decode()
    assert "Carol Petit" in text and "Adopted by the council." in text and "<del>Partly</del>" in text


def test_the_history_of_an_unknown_question_is_not_found(alice, lyon_response):
    assert client_for(alice).get(_url("answer_history", lyon_response, "nope.nothing")).status_code == 404


# Who may do what ------------------------------------------------------------------------------------


def test_the_city_cannot_act_as_reviewer(bob, submitted):
    as_bob = client_for(bob)
    assert as_bob.post(_url("response_validate", submitted), {"confirm": "yes"}).status_code == 403
    assert as_bob.post(_url("response_return", submitted), {"note": "Fine."}).status_code == 403
    assert (
        as_bob.post(_url("thread_create", submitted), {"question": QUESTION, "body": "Hi"}).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        review.thread_open(response=submitted, question=QUESTION, body="Hi", by=bob)
    thread = review.thread_open(response=submitted, question=QUESTION, body="Source?", by=None)
    assert as_bob.post(_url("thread_reply", submitted, thread.pk), {"action": "resolve"}).status_code == 403
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN
    submitted.refresh_from_db()
    assert submitted.status == ResponseStatus.SUBMITTED


def test_another_city_cannot_see_lyons_review(alice, dave, submitted):
    thread = review.thread_open(response=submitted, question=QUESTION, body="Source?", by=alice)
    as_dave = client_for(dave)
    assert as_dave.get(_url("response_review", submitted)).status_code == 404
    assert as_dave.get(_url("response_history", submitted)).status_code == 404
    assert as_dave.get(_url("answer_history", submitted, QUESTION)).status_code == 404
    assert as_dave.post(_url("thread_reply", submitted, thread.pk), {"body": "Hi"}).status_code == 404
    assert thread.comments.count() == 1


def test_an_expert_reads_the_review_but_cannot_act(alice, erin, submitted):
    thread = review.thread_open(response=submitted, question=QUESTION, body="Source?", by=alice)
    as_erin = client_for(erin)
    page = as_erin.get(_url("response_review", submitted))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Partly" in text and "Source?" in text
    assert _url("response_validate", submitted) not in text
    assert as_erin.post(_url("response_validate", submitted), {"confirm": "yes"}).status_code == 403
    assert as_erin.post(_url("thread_reply", submitted, thread.pk), {"body": "Hi"}).status_code == 403
    assert as_erin.get(_url("answer_history", submitted, QUESTION)).status_code == 200
    assert as_erin.get(_url("response_history", submitted)).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == ResponseStatus.SUBMITTED


def test_the_review_page_shows_answers_in_words_progress_and_actions(alice, submitted):
    page = client_for(alice).get(_url("response_review", submitted))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Has the city adopted an intercultural strategy?" in text
    assert "Partly" in text and "Adopted 2019." in text
    assert _url("response_validate", submitted) in text and _url("response_return", submitted) in text
    assert _url("response_reopen", submitted) not in text
    assert page.context["page"].answered == 1
    assert any(q.id == "commitment.budget" for _area, q in page.context["page"].unanswered)


def test_the_review_page_needs_the_same_queries_whatever_the_number_of_threads(alice, bob, submitted):
    as_alice = client_for(alice)
    url = _url("response_review", submitted)
    review.thread_open(response=submitted, question=QUESTION, body="One", by=alice)
    as_alice.get(url)
    with CaptureQueriesContext(connection) as few:
        as_alice.get(url)
    for question in ("commitment.budget", "education.mixed_schools", "language.courses"):
        thread = review.thread_open(response=submitted, question=question, body="More", by=alice)
        review.comment_add(thread=thread, body="Reply", by=bob)
    with CaptureQueriesContext(connection) as many:
        as_alice.get(url)
    assert len(many) == len(few)
