"""Small builders for the expert-work tests (experts, assignments) over the standard people and places."""

import datetime
from decimal import Decimal
from typing import Any

from icc.experts.models import (
    Assignment,
    AssignmentExpert,
    Expert,
    ExpertExpertise,
    ExpertLanguage,
    ExpertStatus,
    LanguageLevel,
    WorkKind,
)


def make_expert(
    name: str,
    *,
    country: str = "DE",
    gender: str = "woman",
    languages: tuple[str, ...] = ("en",),
    areas: tuple[str, ...] = (),
    user: Any = None,
    status: str = ExpertStatus.ACTIVE,
) -> Expert:
    expert = Expert.objects.create(full_name=name, country=country, gender=gender, status=status, user=user)
    for code in languages:
        ExpertLanguage.objects.create(expert=expert, language=code, level=LanguageLevel.FLUENT, working=True)
    for area in areas:
        ExpertExpertise.objects.create(expert=expert, area=area)
    return expert


def make_assignment(
    kind: str = "policy_workshop",
    *,
    city: Any = None,
    starts_on: datetime.date = datetime.date(2026, 3, 10),
    days: int = 2,
    title: str = "",
    **fields: Any,
) -> Assignment:
    return Assignment.objects.create(
        kind=WorkKind.objects.get(key=kind),
        city=city,
        title=title or f"{kind} {starts_on}",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=days - 1),
        fee_planned=Decimal("1200.00"),
        **fields,
    )


def put_on_team(
    assignment: Assignment, expert: Expert, *, lead: bool = False, declared: bool = False
) -> AssignmentExpert:
    member = AssignmentExpert.objects.create(assignment=assignment, expert=expert, lead=lead)
    if declared:
        from django.utils import timezone

        member.conflict_declared_at = timezone.now()
        member.save()
    return member
