# ruff: noqa: E501  (demo texts read better one sentence a line)
"""Evaluations of strategies' implementation: the demo content `icc load_demo` loads (after the strategies
demo,
deterministic), written through the services so that every step has its history and its notices:

- the home city's first strategy (superseded) was evaluated: the instrument built from it, answered by the
demo
  coordinator (seeded answers), accepted, its report written by the demo expert with findings and
  recommendations linked to results and actions, shared and published (public page and PDF); the city's second
  strategy, which replaces it, links to it;
- the home city's current strategy is being evaluated: the instrument opened to the city with a deadline in a
  month, two sections answered (a "needs you" item for the city's people).
When the strategies demo made no strategy (or not these), nothing is loaded.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from icc.accounts.models import User
from icc.evaluations import services
from icc.evaluations.models import Evaluation, EvaluationQuestion, QuestionKind, ReportStatus
from icc.experts.models import Expert
from icc.strategies.models import Action, Result, Strategy, StrategyStatus

SEED = 14
SECRETARIAT_EMAIL = "secretariat@demo.icc"
COORDINATOR_EMAIL = "coordinator@demo.icc"
EXPERT_EMAIL = "expert@demo.icc"
HOME_CITY = "Strasbourg"

NOTES = [
    "Carried out as planned, with the support group meeting every quarter.",
    "Started late: the budget came in the second year; now on track.",
    "Partly done: the neighbourhood partners asked for a second phase.",
    "Done, and the figures show more people taking part each year.",
    "Stopped: the partner organisation closed; another is being sought.",
]


@dataclass(frozen=True)
class DemoEvaluations:
    evaluations: int
    questions: int
    answers: int
    recommendations: int


def load_evaluations_demo(today: datetime.date | None = None) -> DemoEvaluations:
    """Load once: a database that already has evaluations, or no demo strategy to evaluate, is left alone."""
    if Evaluation.objects.exists():
        return DemoEvaluations(0, 0, 0, 0)
    with transaction.atomic():
        return _load(today or timezone.localdate())


def _answer(questions: list[EvaluationQuestion], by: User, rng: random.Random) -> int:
    for question in questions:
        value = {"scale": str(rng.randint(2, 5)), "yes_no": "yes"}.get(question.kind, "")
        services.answer_save(by=by, question=question, value=value, text=rng.choice(NOTES))
    return len(questions)


def _load(today: datetime.date) -> DemoEvaluations:
    rng = random.Random(SEED)
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    expert = Expert.objects.filter(user__email=EXPERT_EMAIL, erased_at__isnull=True).first()
    home = Strategy.objects.filter(city__name=HOME_CITY)
    earlier = home.filter(status=StrategyStatus.SUPERSEDED).order_by("created").first()
    current = (
        home.exclude(status__in=(StrategyStatus.SUPERSEDED, StrategyStatus.DRAFTING))
        .order_by("-created")
        .first()
    )
    if secretariat is None or coordinator is None or expert is None or earlier is None or current is None:
        return DemoEvaluations(0, 0, 0, 0)
    questions = answers = recommendations = 0

    # ---- the published evaluation of the first strategy
    done = services.evaluation_create(by=secretariat, strategy=earlier)
    general = done.sections.get(result__isnull=True, programme__isnull=True, order=done.sections.count() - 1)
    services.question_add(
        by=secretariat,
        section=general,
        kind=QuestionKind.YES_NO,
        text_en="Did citizens take part in monitoring the strategy?",
        text_fr="Les habitants ont-ils participé au suivi de la stratégie ?",
    )
    services.question_add(
        by=secretariat,
        section=general,
        kind=QuestionKind.TEXT,
        text_en="What would the city do differently in its next strategy?",
        text_fr="Que ferait la ville autrement dans sa prochaine stratégie ?",
    )
    services.evaluation_open(by=secretariat, evaluation=done, deadline=today + datetime.timedelta(days=1))
    asked = list(
        EvaluationQuestion.objects.filter(section__evaluation=done).order_by("section__order", "order")
    )
    questions += len(asked)
    answers += _answer(asked, coordinator, rng)
    services.evaluation_submit(by=coordinator, evaluation=done)
    report = services.report_assign_expert(by=secretariat, evaluation=done, expert=expert)
    services.report_save(
        by=expert.user,  # type: ignore[arg-type]
        report=report,
        summary_en=(
            "The city carried out most of the strategy's actions, with its support group. Results moved in the right "
            "direction where the city worked with neighbourhood partners; the figures of some programmes were not "
            "collected every year."
        ),
        summary_fr=(
            "La ville a mené la plupart des actions de sa stratégie, avec son groupe d'appui. Les résultats ont "
            "progressé là où la ville a travaillé avec les partenaires de quartier ; les chiffres de certains "
            "programmes n'ont pas été relevés chaque année."
        ),
        findings_en=(
            "Actions: most were done on time; those that depended on one partner stalled when it left.\n\n"
            "Measures: the programmes counted what they did, less often whether anyone was better off.\n\n"
            "Participation: citizens took part in the support group, less in reading the figures."
        ),
        findings_fr=(
            "Actions : la plupart ont été menées à temps ; celles qui dépendaient d'un seul partenaire se sont "
            "arrêtées à son départ.\n\nMesures : les programmes ont compté ce qu'ils faisaient, moins souvent si "
            "quelqu'un s'en portait mieux.\n\nParticipation : les habitants ont pris part au groupe d'appui, moins "
            "à la lecture des chiffres."
        ),
    )
    results = list(Result.objects.filter(strategy=earlier).order_by("order", "pk"))
    actions = list(Action.objects.filter(indicator__result__strategy=earlier).order_by("pk"))
    texts = [
        (
            "Give each result a partner who shares the work, so that no action rests on one organisation.",
            "Donner à chaque résultat un partenaire qui partage le travail, pour qu'aucune action ne repose sur une "
            "seule organisation.",
        ),
        (
            "Collect the figures of every performance measure each year, including whether anyone is better off.",
            "Relever chaque année les chiffres de chaque mesure, y compris si quelqu'un s'en porte mieux.",
        ),
        (
            "Present the scorecard to the support group twice a year and publish it.",
            "Présenter le tableau de bord au groupe d'appui deux fois par an et le publier.",
        ),
    ]
    for k, (text_en, text_fr) in enumerate(texts):
        services.recommendation_add(
            by=expert.user,  # type: ignore[arg-type]
            report=report,
            text_en=text_en,
            text_fr=text_fr,
            result=results[k] if k < len(results) and k != 1 else None,
            action=actions[0] if k == 0 and actions else None,
        )
        recommendations += 1
    services.report_move(by=expert.user, report=report, status=ReportStatus.REVIEW)  # type: ignore[arg-type]
    services.report_move(by=secretariat, report=report, status=ReportStatus.SHARED)
    services.report_move(by=secretariat, report=report, status=ReportStatus.PUBLISHED)
    services.evaluation_link_next(by=secretariat, evaluation=done, strategy=current)

    # ---- the evaluation of the current strategy, being answered
    answering = services.evaluation_create(by=secretariat, strategy=current)
    services.evaluation_open(
        by=secretariat, evaluation=answering, deadline=today + datetime.timedelta(days=30)
    )
    sections = list(answering.sections.order_by("order")[:2])
    asked = list(EvaluationQuestion.objects.filter(section__in=sections).order_by("section__order", "order"))
    questions += EvaluationQuestion.objects.filter(section__evaluation=answering).count()
    answers += _answer(asked, coordinator, rng)
    return DemoEvaluations(2, questions, answers, recommendations)
