"""A small strategy to evaluate, built with the ORM (two results with actions, a programme with measures),
and an
evaluation of it at any step of its life."""

from __future__ import annotations

import datetime
from typing import Any

from icc.accounts.models import User
from icc.evaluations import services
from icc.evaluations.models import Evaluation, EvaluationQuestion, ReportStatus
from icc.experts.models import Expert
from icc.network.models import City
from icc.strategies.models import (
    Action,
    ActionUpdate,
    DataPoint,
    Indicator,
    PerformanceMeasure,
    Programme,
    Result,
    Strategy,
)

TODAY = datetime.date(2026, 12, 7)


def make_strategy(city: City, *, status: str = "implementing", title: str = "Lyon for all") -> Strategy:
    strategy = Strategy.objects.create(
        city=city, title=title, title_en=title, title_fr=f"{title} (FR)", status=status, published=True
    )
    for r_order, (result_title, actions) in enumerate(
        [
            ("Everyone feels at home", ["Welcome desk", "Neighbourhood festivals"]),
            ("Equal access to jobs", ["Mentoring scheme"]),
        ]
    ):
        result = Result.objects.create(
            strategy=strategy,
            title=result_title,
            title_en=result_title,
            title_fr=f"{result_title} FR",
            order=r_order,
        )
        indicator = Indicator.objects.create(
            result=result, name=f"{result_title} rate", name_en=f"{result_title} rate"
        )
        for title_ in actions:
            action = Action.objects.create(
                indicator=indicator,
                title=title_,
                owner_name="City hall",
                due_on=datetime.date(2026, 6, 30),
                status="in_progress",
            )
            ActionUpdate.objects.create(
                action=action, on=datetime.date(2026, 3, 1), status="in_progress", note="Half done"
            )
    programme = Programme.objects.create(strategy=strategy, name="Language cafés")
    measure = PerformanceMeasure.objects.create(
        programme=programme, quadrant="how_much", name="Sessions held", unit="sessions"
    )
    for year, value in ((2024, 20), (2025, 34)):
        DataPoint.objects.create(
            measure=measure, period_label=str(year), period_start=datetime.date(year, 1, 1), value=value
        )
    PerformanceMeasure.objects.create(
        programme=programme, quadrant="better_off", name="Participants with a job", unit="%"
    )
    return strategy


def answer_all(evaluation: Evaluation, by: User) -> None:
    for question in EvaluationQuestion.objects.filter(section__evaluation=evaluation):
        services.answer_save(
            by=by, question=question, value="4" if question.kind == "scale" else "", text="Done mostly."
        )


def make_evaluation(
    city: City, alice: User, *, step: str = "open", bob: User | None = None, expert: Expert | None = None
) -> Evaluation:
    """An evaluation of a new strategy of `city`, brought to `step`: draft, open, submitted, accepted (the
    expert assigned, report in draft), review, shared, published."""
    strategy = make_strategy(city)
    evaluation = services.evaluation_create(by=alice, strategy=strategy)
    if step == "draft":
        return evaluation
    services.evaluation_open(
        by=alice, evaluation=evaluation, deadline=datetime.date.today() + datetime.timedelta(days=30)
    )
    evaluation.refresh_from_db()
    if step == "open":
        return evaluation
    assert bob is not None
    answer_all(evaluation, bob)
    services.evaluation_submit(by=bob, evaluation=evaluation)
    evaluation.refresh_from_db()
    if step == "submitted":
        return evaluation
    assert expert is not None
    report = services.report_assign_expert(by=alice, evaluation=evaluation, expert=expert)
    evaluation.refresh_from_db()
    if step == "accepted":
        return evaluation
    write_report(report, expert.user)
    services.report_move(by=expert.user, report=report, status=ReportStatus.REVIEW)
    if step == "review":
        return evaluation
    target = ReportStatus.SHARED if step == "shared" else ReportStatus.PUBLISHED
    services.report_move(by=alice, report=report, status=target)
    evaluation.refresh_from_db()
    return evaluation


def write_report(report: Any, by: Any) -> None:
    services.report_save(
        by=by,
        report=report,
        summary_en="The strategy is mostly carried out.",
        summary_fr="La stratégie est largement mise en œuvre.",
        findings_en="Actions are on time; measures lack data.",
        findings_fr="Les actions sont à l'heure.",
    )
    result = Result.objects.filter(strategy=report.evaluation.strategy).first()
    services.recommendation_add(
        by=by, report=report, text_en="Collect the figures every year.", result=result
    )
