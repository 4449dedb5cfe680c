"""The evaluation's life through its services: the instrument built from the strategy, opening, answers,
submit,
return, the expert's report and its cycle, refusals by field, notices and history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from icc.core.workflow import TransitionNotAllowed
from icc.evaluations import instrument, selectors, services
from icc.evaluations.models import (
    Evaluation,
    EvaluationQuestion,
    EvaluationStatus,
    QuestionKind,
    ReportStatus,
)
from icc.notifications.models import Notification
from icc.strategies.models import Strategy
from tests.evaluations.helpers import answer_all, make_evaluation, make_strategy, write_report
from tests.experts.profile_fixtures import expert_for

IN_A_MONTH = datetime.date.today() + datetime.timedelta(days=30)


def test_the_instrument_has_a_question_per_action_and_measure_grouped_by_result_and_programme(alice, lyon):
    evaluation = services.evaluation_create(by=alice, strategy=make_strategy(lyon))
    sections = list(evaluation.sections.order_by("order"))
    assert [s.title for s in sections] == [
        "Everyone feels at home",
        "Equal access to jobs",
        "Language cafés",
        "General questions",
    ]
    assert sections[0].title_fr == "Everyone feels at home FR"
    first = list(sections[0].questions.order_by("order"))
    assert [q.action.title for q in first] == ["Welcome desk", "Neighbourhood festivals"]
    assert "Welcome desk" in first[0].text
    assert "in progress" in first[0].context and "Half done" in first[0].context
    measures = list(sections[2].questions.order_by("order"))
    assert {q.source for q in measures} == {"measure"}
    sessions = next(q for q in measures if q.measure.name == "Sessions held")
    assert "34" in sessions.context and "2025" in sessions.context
    assert evaluation.status == EvaluationStatus.DRAFT
    assert evaluation.title == "Evaluation of “Lyon for all”"
    assert evaluation.title_fr.startswith("Évaluation")


def test_a_strategy_still_drafted_is_refused_by_field(alice, lyon):
    with pytest.raises(ValidationError) as caught:
        services.evaluation_create(by=alice, strategy=make_strategy(lyon, status="drafting"))
    assert "strategy" in caught.value.message_dict


def test_the_secretariat_adds_changes_and_removes_free_questions_while_draft(alice, lyon):
    evaluation = services.evaluation_create(by=alice, strategy=make_strategy(lyon))
    general = evaluation.sections.get(title="General questions")
    question = services.question_add(
        by=alice, section=general, kind=QuestionKind.YES_NO, text_en="Did citizens take part?"
    )
    assert question.source == "free"
    services.question_update(
        by=alice, question=question, kind=QuestionKind.TEXT, text_en="How did citizens take part?"
    )
    question.refresh_from_db()
    assert question.kind == "text"
    with pytest.raises(ValidationError) as caught:
        services.question_add(by=alice, section=general, kind="essay", text_en="")
    assert set(caught.value.message_dict) == {"kind", "text_en"}
    services.question_remove(by=alice, question=question)
    assert not EvaluationQuestion.objects.filter(pk=question.pk).exists()


def test_opening_needs_a_future_deadline_and_tells_the_coordinators(
    alice, bob, carol, lyon, django_capture_on_commit_callbacks
):
    evaluation = services.evaluation_create(by=alice, strategy=make_strategy(lyon))
    with pytest.raises(ValidationError) as caught:
        services.evaluation_open(by=alice, evaluation=evaluation, deadline=datetime.date.today())
    assert "deadline" in caught.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_open(by=alice, evaluation=evaluation, deadline=IN_A_MONTH)
    evaluation.refresh_from_db()
    assert evaluation.status == "open"
    told = Notification.objects.filter(kind="evaluation_opened")
    assert [n.recipient for n in told] == [bob]  # the coordinator, not the contributor
    general = evaluation.sections.get(title="General questions")
    with pytest.raises(ValidationError) as caught:
        services.question_add(by=alice, section=general, kind="text", text_en="Late question?")
    assert "status" in caught.value.message_dict


def test_a_save_on_an_older_page_does_not_overwrite_a_colleagues_answer(alice, bob, carol, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    question = EvaluationQuestion.objects.filter(section__evaluation=evaluation).first()
    first = services.answer_save(by=bob, question=question, value="3", text="Bob's words", base_revision=0)
    assert first.answer.revision == 1
    late = services.answer_save(by=carol, question=question, value="5", text="Carol's words", base_revision=0)
    assert late.conflict
    question.answer.refresh_from_db()
    assert question.answer.text == "Bob's words"
    with pytest.raises(ValidationError) as caught:
        services.answer_save(by=bob, question=question, value="9", base_revision=1)
    assert "value" in caught.value.message_dict


def test_evidence_is_checked_and_kept_with_the_question(alice, bob, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    question = EvaluationQuestion.objects.filter(section__evaluation=evaluation).first()
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%minutes\n", content_type="application/pdf")
    evidence = services.evidence_add(by=bob, question=question, file=pdf)
    assert evidence.name == "minutes.pdf" and evidence.uploaded_by == bob
    fake = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(by=bob, question=question, file=fake)
    assert "file" in caught.value.message_dict
    services.evidence_remove(by=bob, evidence=evidence)
    assert not question.evidence.exists()


def test_submitting_needs_every_answer_then_tells_the_secretariat(
    alice, bob, lyon, django_capture_on_commit_callbacks
):
    evaluation = make_evaluation(lyon, alice, step="open")
    with pytest.raises(ValidationError) as caught:
        services.evaluation_submit(by=bob, evaluation=evaluation)
    assert "no answer yet" in caught.value.message_dict["status"][0]
    answer_all(evaluation, bob)
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_submit(by=bob, evaluation=evaluation)
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted" and evaluation.submitted_by == bob
    assert Notification.objects.filter(kind="evaluation_submitted", recipient=alice).exists()
    question = EvaluationQuestion.objects.filter(section__evaluation=evaluation).first()
    with pytest.raises(ValidationError):
        services.answer_save(by=bob, question=question, value="1")


def test_the_secretariat_returns_answers_with_a_comment_and_the_city_answers_again(alice, bob, lyon):
    evaluation = make_evaluation(lyon, alice, step="submitted", bob=bob)
    with pytest.raises(ValidationError) as caught:
        services.evaluation_return(by=alice, evaluation=evaluation, comment=" ")
    assert "comment" in caught.value.message_dict
    services.evaluation_return(by=alice, evaluation=evaluation, comment="Say more about the festivals.")
    evaluation.refresh_from_db()
    assert evaluation.status == "returned" and evaluation.is_answering
    services.evaluation_submit(by=bob, evaluation=evaluation)
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted"


def test_the_expert_is_assigned_only_once_the_answers_are_submitted(
    alice, bob, erin, lyon, django_capture_on_commit_callbacks
):
    expert = expert_for(erin)
    evaluation = make_evaluation(lyon, alice, step="open")
    with pytest.raises(ValidationError) as caught:
        services.report_assign_expert(by=alice, evaluation=evaluation, expert=expert)
    assert "expert" in caught.value.message_dict
    answer_all(evaluation, bob)
    services.evaluation_submit(by=bob, evaluation=evaluation)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_assign_expert(by=alice, evaluation=evaluation, expert=expert)
    evaluation.refresh_from_db()
    assert evaluation.status == "accepted" and report.status == "draft"
    assert Notification.objects.filter(kind="evaluation_expert_assigned", recipient=erin).exists()


def test_the_report_cycle_refuses_forbidden_moves_and_incomplete_reports(alice, bob, erin, lyon):
    evaluation = make_evaluation(lyon, alice, step="accepted", bob=bob, expert=expert_for(erin))
    report = evaluation.report
    with pytest.raises(TransitionNotAllowed):
        services.report_move(by=alice, report=report, status=ReportStatus.PUBLISHED)
    with pytest.raises(ValidationError) as caught:
        services.report_move(by=erin, report=report, status=ReportStatus.REVIEW)
    assert {"summary_en", "findings_en", "recommendations"} <= set(caught.value.message_dict)
    write_report(report, erin)
    services.report_move(by=erin, report=report, status=ReportStatus.REVIEW)
    with pytest.raises(ValidationError) as caught:
        services.report_move(by=alice, report=report, status=ReportStatus.DRAFT)
    assert "comment" in caught.value.message_dict
    services.report_move(by=alice, report=report, status=ReportStatus.DRAFT, comment="Add figures.")
    report.refresh_from_db()
    assert report.status == "draft" and report.review_comment == "Add figures."


def test_sharing_and_publishing_tell_the_city_and_publishing_makes_it_public(
    alice, bob, carol, erin, lyon, django_capture_on_commit_callbacks
):
    evaluation = make_evaluation(lyon, alice, step="review", bob=bob, expert=expert_for(erin))
    with django_capture_on_commit_callbacks(execute=True):
        services.report_move(by=alice, report=evaluation.report, status=ReportStatus.SHARED)
    assert set(
        Notification.objects.filter(kind="evaluation_report_shared").values_list(
            "recipient__email", flat=True
        )
    ) == {
        "bob@example.org",
        "carol@example.org",
    }
    assert not Evaluation.objects.public().exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_move(by=alice, report=evaluation.report, status=ReportStatus.PUBLISHED)
    assert Notification.objects.filter(kind="evaluation_report_shared").count() == 4
    assert list(Evaluation.objects.public()) == [evaluation]
    with pytest.raises(ValidationError):
        services.report_save(by=alice, report=evaluation.report, summary_en="x", findings_en="y")


def test_a_recommendation_links_only_to_the_evaluated_strategy(alice, bob, erin, lyon):
    evaluation = make_evaluation(lyon, alice, step="accepted", bob=bob, expert=expert_for(erin))
    other = make_strategy(lyon, title="Another")
    with pytest.raises(ValidationError) as caught:
        services.recommendation_add(
            by=erin, report=evaluation.report, text_en="x", result=other.results.first()
        )
    assert "result" in caught.value.message_dict


def test_the_next_strategy_is_the_linked_one_or_the_one_that_replaces_the_evaluated_one(
    alice, bob, erin, lyon, porto
):
    evaluation = make_evaluation(lyon, alice, step="draft")
    assert selectors.next_strategy_of(evaluation) is None
    following = Strategy.objects.create(city=lyon, title="Lyon 2030", previous=evaluation.strategy)
    assert selectors.next_strategy_of(evaluation) == following
    chosen = Strategy.objects.create(city=lyon, title="Lyon 2031")
    evaluation = services.evaluation_link_next(by=alice, evaluation=evaluation, strategy=chosen)
    assert selectors.next_strategy_of(evaluation) == chosen
    with pytest.raises(ValidationError) as caught:
        services.evaluation_link_next(
            by=alice, evaluation=evaluation, strategy=Strategy.objects.create(city=porto, title="P")
        )
    assert "next_strategy" in caught.value.message_dict


def test_the_history_names_who_did_what(alice, bob, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    question = EvaluationQuestion.objects.filter(section__evaluation=evaluation).first()
    services.answer_save(by=bob, question=question, value="2", text="Started")
    entries = selectors.evaluation_history(evaluation)
    reasons = [e.reason for e in entries]
    assert any("answer saved" in r for r in reasons)
    assert any("status changed to open to the city" in r for r in reasons)
    assert any(e.who == str(bob) for e in entries)


def test_progress_is_counted_from_flags():
    assert instrument.progress([True, False, True]).answered == 2
    assert instrument.progress([]).percent == 100
    sections = instrument.sections_for(
        results=[instrument.Group(1, "R")],
        actions=[instrument.Item(5, "A", 1), instrument.Item(6, "Loose", None)],
        programmes=[],
        measures=[],
    )
    assert [s.kind for s in sections] == ["result", "other_actions", "general"]


def test_the_city_is_reminded_a_week_and_a_day_before_the_deadline_once(alice, bob, carol, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    week_before = evaluation.deadline - datetime.timedelta(days=7)
    assert services.evaluation_deadline_reminders(today=week_before) == 2
    assert services.evaluation_deadline_reminders(today=week_before) == 0
    assert services.evaluation_deadline_reminders(today=week_before + datetime.timedelta(days=1)) == 0
    assert services.evaluation_deadline_reminders(today=evaluation.deadline - datetime.timedelta(days=1)) == 2
    assert Notification.objects.filter(kind="deadline_7_days", recipient=carol).count() == 1


def test_progress_counts_only_answered_questions(alice, bob, lyon):
    evaluation = make_evaluation(lyon, alice, step="open")
    question = (
        EvaluationQuestion.objects.filter(section__evaluation=evaluation).order_by("section__order").first()
    )
    services.answer_save(by=bob, question=question, value="", text="   ")
    services.answer_save(by=bob, question=question, value="", text="")
    rows = selectors.sections_with_progress(evaluation)
    assert [r.progress.answered for r in rows] == [0, 0, 0, 0]
    services.answer_save(by=bob, question=question, value="2")
    rows = selectors.sections_with_progress(evaluation)
    assert [(r.progress.answered, r.progress.total) for r in rows] == [(1, 2), (0, 1), (0, 2), (0, 0)]
    assert selectors.overall_progress(rows).answered == 1


def test_linking_the_next_strategy_with_an_old_copy_keeps_the_status(alice, bob, lyon):
    old_copy = make_evaluation(lyon, alice, step="draft")
    services.evaluation_open(by=alice, evaluation=old_copy, deadline=IN_A_MONTH)
    services.evaluation_link_next(
        by=alice, evaluation=old_copy, strategy=Strategy.objects.create(city=lyon, title="N")
    )
    services.evaluation_update(by=alice, evaluation=old_copy, title_en="Renamed")
    stored = Evaluation.objects.get(pk=old_copy.pk)
    assert (stored.status, stored.title, stored.next_strategy.title) == ("open", "Renamed", "N")
