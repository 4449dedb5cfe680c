import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from icc.index.models import ResponseStatus
from icc.index.services.responses import answer_save, response_submit, unanswered_questions


def test_an_answer_is_saved_with_who_and_when(bob, lyon_response):
    result = answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)
    assert result.conflict is None
    assert result.answer.value == "partly"
    assert result.answer.updated_by == bob
    lyon_response.refresh_from_db()
    assert lyon_response.status == ResponseStatus.IN_PROGRESS
    assert result.answer.history.first().history_user == bob


def test_a_later_save_from_an_older_version_is_a_conflict_and_loses_nothing(bob, carol, lyon_response):
    first = answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob).answer
    answer_save(
        response=lyon_response,
        question="commitment.strategy",
        value="yes",
        by=bob,
        base_revision=first.revision,
    )
    stale = answer_save(
        response=lyon_response,
        question="commitment.strategy",
        value="no",
        by=bob,
        base_revision=first.revision,
    )
    assert stale.conflict is not None
    assert stale.conflict.theirs.value == "yes"
    assert stale.conflict.mine_value == "no"
    stale.answer.refresh_from_db()
    assert stale.answer.value == "yes"


def test_an_answer_that_does_not_fit_its_question_is_refused(bob, lyon_response):
    with pytest.raises(ValidationError) as exc:
        answer_save(response=lyon_response, question="commitment.strategy", value="maybe", by=bob)
    assert "Choose one of: no, partly, yes" in " ".join(exc.value.message_dict["value"])
    assert not lyon_response.answers.exists()


def test_a_contributor_answers_only_assigned_sections(carol, lyon_response):
    with pytest.raises(PermissionDenied):
        answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=carol)


def test_a_submitted_response_is_read_only_for_the_city(bob, lyon_response):
    response_submit(response=lyon_response, by=bob)
    with pytest.raises(ValidationError):
        answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)


def test_unanswered_questions_are_listed_before_submission(bob, lyon_response):
    before = unanswered_questions(lyon_response)
    answer_save(response=lyon_response, question="commitment.strategy", value="yes", by=bob)
    after = unanswered_questions(lyon_response)
    assert "commitment.strategy" in before and "commitment.strategy" not in after
    assert len(after) == len(before) - 1


def test_a_new_answer_history_starts_with_its_first_value(bob, lyon_response):
    saved = answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)
    answer = saved.answer
    assert [record.value for record in answer.history.all()] == ["partly"]
