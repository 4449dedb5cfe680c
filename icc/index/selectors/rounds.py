"""Reads for the secretariat's pages about Index rounds: the list, one round's responses, whom to invite."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.core.countries import country_name
from icc.index.models import (
    EDITABLE_STATUSES,
    ROUND_WORKFLOW,
    Answer,
    Questionnaire,
    Response,
    ResponseStatus,
    Round,
    RoundStatus,
)
from icc.index.structure import structure_of
from icc.network.models import City, CityStatus

OVERDUE = "overdue"  # a pseudo-status of the filter: still being answered after its deadline


def progress_of(questionnaire: Questionnaire, response_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(answered, applicable) per response, in one query for all of them.

    The rule the city's own pages use (`unanswered_questions`): a question applies when its display
    condition is met, and an empty multiple-choice selection is an answer. Display conditions depend on
    the answers themselves, so the answered values are read (blank ones left out) rather than counted."""
    structure = structure_of(questionnaire)
    questions = structure.all_questions()
    answers: dict[int, dict[str, Any]] = {pk: {} for pk in response_ids}
    rows = Answer.objects.filter(response_id__in=list(answers), value__isnull=False).values_list(
        "response_id", "question", "value"
    )
    for response_id, question, value in rows:
        answers[response_id][question] = value
    progress = {}
    for response_id, given in answers.items():
        shown = [q for q in questions if structure.is_shown(q, given)]
        answered = sum(1 for q in shown if not _blank(q.type, given.get(q.id)))
        progress[response_id] = (answered, len(shown))
    return progress


def _blank(kind: str, value: Any) -> bool:
    return value is None if kind == "multiple_choice" else value in (None, "")


def is_overdue(response: Response, today: datetime.date) -> bool:
    return response.status in EDITABLE_STATUSES and response.deadline < today


# The list of rounds ---------------------------------------------------------------------------------


@dataclass
class RoundRow:
    round: Round
    total: int
    counts: list[tuple[str, str, int]]  # (status, label, number of responses) in workflow order


def round_list() -> list[RoundRow]:
    counts = {
        f"n_{status}": Count("responses", filter=Q(responses__status=status))
        for status in ResponseStatus.values
    }
    rounds = (
        Round.objects.select_related("questionnaire")
        .annotate(n_total=Count("responses"), **counts)
        .order_by("-opens_on", "-pk")
    )
    return [
        RoundRow(
            round=round,
            total=round.n_total,
            counts=[
                (value, str(label), getattr(round, f"n_{value}")) for value, label in ResponseStatus.choices
            ],
        )
        for round in rounds
    ]


# One round ------------------------------------------------------------------------------------------


@dataclass
class ResponseRow:
    response: Response
    answered: int
    total: int
    overdue: bool

    @property
    def percent(self) -> float:
        return 100 * self.answered / self.total if self.total else 0.0


@dataclass
class RoundDetail:
    round: Round
    rows: list[ResponseRow]
    total_questions: int
    status_counts: list[tuple[str, str, int]]  # every status of the round's responses, plus "overdue"
    invited: int
    countries: list[tuple[str, str]]  # (code, name) of the invited cities, for the filter
    status: str = ""
    country: str = ""
    statuses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return bool(self.status or self.country)


def _status_choices() -> list[tuple[str, str]]:
    return [*((value, str(label)) for value, label in ResponseStatus.choices), (OVERDUE, _("Overdue"))]


def round_detail(round: Round, params: Mapping[str, Any], today: datetime.date | None = None) -> RoundDetail:
    """Every response of the round with its progress, filtered by status (or overdue) and country."""
    today = today or timezone.localdate()
    statuses = _status_choices()
    status = str(params.get("status") or "")
    status = status if status in dict(statuses) else ""
    all_responses = Response.objects.filter(round=round)
    summary = all_responses.aggregate(
        invited=Count("pk"),
        overdue=Count("pk", filter=Q(status__in=list(EDITABLE_STATUSES), deadline__lt=today)),
        **{f"n_{value}": Count("pk", filter=Q(status=value)) for value in ResponseStatus.values},
    )
    codes = all_responses.values_list("city__country", flat=True).distinct().order_by()
    countries = sorted(((code, country_name(code)) for code in set(codes)), key=lambda c: c[1])
    country = str(params.get("country") or "").upper()
    country = country if country in dict(countries) else ""

    responses: QuerySet[Response] = all_responses.select_related("city").order_by("city__name")
    if status == OVERDUE:
        responses = responses.filter(status__in=list(EDITABLE_STATUSES), deadline__lt=today)
    elif status:
        responses = responses.filter(status=status)
    if country:
        responses = responses.filter(city__country=country)
    responses_list = list(responses)
    progress = progress_of(round.questionnaire, [response.pk for response in responses_list])
    rows = [
        ResponseRow(
            response=response,
            answered=progress[response.pk][0],
            total=progress[response.pk][1],
            overdue=is_overdue(response, today),
        )
        for response in responses_list
    ]
    return RoundDetail(
        round=round,
        rows=rows,
        total_questions=len(structure_of(round.questionnaire).all_questions()),
        status_counts=[
            (value, label, summary[f"n_{value}"] if value != OVERDUE else summary[OVERDUE])
            for value, label in statuses
        ],
        invited=summary["invited"],
        countries=countries,
        status=status,
        country=country,
        statuses=statuses,
    )


def status_actions(round: Round) -> list[tuple[str, str]]:
    """The moves ROUND_WORKFLOW allows from the round's status, as (target status, button label)."""
    labels: dict[tuple[str, str], str] = {
        (RoundStatus.DRAFT, RoundStatus.OPEN): _("Open the round"),
        (RoundStatus.OPEN, RoundStatus.CLOSED): _("Close the round"),
        (RoundStatus.CLOSED, RoundStatus.OPEN): _("Reopen the round"),
    }
    return [
        (target, labels.get((round.status, target), str(ROUND_WORKFLOW.labels[target])))
        for target in ROUND_WORKFLOW.allowed_from(round.status)
    ]


def extendable_responses(round: Round) -> QuerySet[Response]:
    """Responses still being answered, whose deadline may be extended one by one."""
    return (
        Response.objects.filter(round=round, status__in=list(EDITABLE_STATUSES))
        .select_related("city")
        .order_by("city__name")
    )


# Invitations ----------------------------------------------------------------------------------------


@dataclass
class CityChoice:
    city: City
    invited: bool


@dataclass
class InviteGroup:
    status: str
    label: str
    choices: list[CityChoice]

    @property
    def open_count(self) -> int:
        return sum(1 for choice in self.choices if not choice.invited)


def invite_groups(round: Round) -> list[InviteGroup]:
    """Members, then candidates (the only cities invited to answer), each marked when already invited."""
    cities = (
        City.objects.filter(status__in=[CityStatus.MEMBER, CityStatus.CANDIDATE])
        .annotate(invited=Exists(Response.objects.filter(round=round, city=OuterRef("pk"))))
        .order_by("name")
    )
    groups: dict[str, InviteGroup] = {
        CityStatus.MEMBER: InviteGroup(status=CityStatus.MEMBER, label=_("Members"), choices=[]),
        CityStatus.CANDIDATE: InviteGroup(status=CityStatus.CANDIDATE, label=_("Candidates"), choices=[]),
    }
    for city in cities:
        groups[city.status].choices.append(CityChoice(city=city, invited=city.invited))
    return list(groups.values())
