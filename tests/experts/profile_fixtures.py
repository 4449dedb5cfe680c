"""A first visit to a city with its lead expert (erin, the standard expert), for the profile tests."""

import datetime

from icc.accounts.models import User
from icc.experts.models import Assignment, AssignmentExpert, AssignmentStatus, Expert, ExpertStatus, WorkKind
from icc.network.models import City

VISIT_ENDS = datetime.date(2026, 3, 12)


def expert_for(user: User) -> Expert:
    expert, _ = Expert.objects.get_or_create(
        user=user, defaults={"full_name": user.full_name, "email": user.email, "status": ExpertStatus.ACTIVE}
    )
    return expert


def first_visit(city: City, lead: User, *, others: tuple[User, ...] = (), ends_on: datetime.date = VISIT_ENDS,
                kind: str = "first_visit") -> Assignment:  # fmt: skip
    assignment = Assignment.objects.create(
        kind=WorkKind.objects.get(key=kind),
        city=city,
        title=f"First expert visit to {city.name_en}",
        starts_on=ends_on - datetime.timedelta(days=1),
        ends_on=ends_on,
        status=AssignmentStatus.DONE,
    )
    AssignmentExpert.objects.create(assignment=assignment, expert=expert_for(lead), lead=True)
    for other in others:
        AssignmentExpert.objects.create(assignment=assignment, expert=expert_for(other))
    return assignment
