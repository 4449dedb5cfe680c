"""Commentary on a city report as expert work: one assignment of kind `report_commentary` per report, kept in
step with the experts the report names (the reports app sends `report_experts_assigned` once the assignment
is committed; ExpertsConfig.ready() connects `on_report_experts_assigned`). So the commentary counts in the
workload, the calendars, the expert's own work and their expense claims like any other work.

The assignment: the report's city, "Commentary on <report>", from the day the experts were first assigned
to the day the commentary is due (30 days on when no date is given), confirmed; its team is the pool records
of the users assigned (a user without one is skipped, and named in the log), the first of them leading.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from icc.accounts.models import User
from icc.core.history import reason, record_change
from icc.experts.models import Assignment, AssignmentExpert, AssignmentStatus, Expert, WorkKind
from icc.reports.models import Report

logger = logging.getLogger(__name__)

REPORT_COMMENTARY = "report_commentary"
DEFAULT_DAYS = 30


def _team_in_order(users: Sequence[User]) -> list[Expert]:
    records = {e.user_id: e for e in Expert.objects.filter(user__in=users, erased_at__isnull=True)}
    return [records[u.pk] for u in users if u.pk in records]


@transaction.atomic
def report_commentary_sync(
    *,
    report: Report,
    experts: Sequence[User],
    due_on: datetime.date | None,
    by: User | None,
    today: datetime.date | None = None,
) -> Assignment | None:
    """Create or update the report's commentary work so that its team is `experts`' pool records, the
    first leading. Returns the assignment (None when there is none and nobody to put on one)."""
    today = today or timezone.localdate()
    report = Report.objects.select_related("response__city").get(pk=report.pk)
    team = _team_in_order(experts)
    skipped = [str(u) for u in experts if u.pk not in {e.user_id for e in team}]
    if skipped:
        logger.warning(
            "Report %s: commentary work without %s (no record in the expert pool)",
            report.pk,
            ", ".join(skipped),
        )
    assignment = Assignment.objects.select_for_update().filter(report=report).first()
    if assignment is None and not team:
        return None
    if assignment is None:
        assignment = Assignment(
            report=report,
            kind=WorkKind.objects.get(key=REPORT_COMMENTARY),
            city=report.response.city,
            starts_on=today,
            created_by=by,
        )
    elif assignment.status == AssignmentStatus.DONE:
        logger.info("Report %s: its commentary work is done; the team stays as it was", report.pk)
        return assignment
    assignment.title = f"Commentary on {report}"[:200]
    assignment.ends_on = max(
        due_on or assignment.starts_on + datetime.timedelta(days=DEFAULT_DAYS), assignment.starts_on
    )
    if team:
        assignment.status = AssignmentStatus.CONFIRMED
        assignment.cancel_reason = ""
    else:
        assignment.status = AssignmentStatus.CANCELLED
        assignment.cancel_reason = "No expert is assigned to the report any more."
    record_change(assignment, by=by, reason=reason("experts.report_commentary_sync"))
    assignment.save()
    _set_team(assignment, team, by)
    return assignment


def _set_team(assignment: Assignment, team: list[Expert], by: User | None) -> None:
    wanted = {e.pk: i for i, e in enumerate(team)}
    for member in AssignmentExpert.objects.filter(assignment=assignment):
        if member.expert_id not in wanted:
            if member.claims.exists():
                logger.info(
                    "Assignment %s: %s keeps their place (an expense claim)", assignment.pk, member.pk
                )
                continue
            record_change(member, by=by, reason=reason("experts.team_removed"))
            member.delete()
    lead_id = team[0].pk if team else None
    present = {m.expert_id: m for m in AssignmentExpert.objects.filter(assignment=assignment)}
    for member in present.values():  # the lead is unset first: one lead per assignment at any time
        if member.lead and member.expert_id != lead_id:
            member.lead = False
            record_change(member, by=by, reason=reason("experts.lead_unset"))
            member.save()
    for expert in team:
        lead = expert.pk == lead_id
        current = present.get(expert.pk)
        if current is None:
            added = AssignmentExpert(assignment=assignment, expert=expert, lead=lead)
            record_change(added, by=by, reason=reason("experts.team_added"))
            added.save()
        elif current.lead != lead:
            current.lead = lead
            record_change(current, by=by, reason=reason("experts.lead_set"))
            current.save()


def on_report_experts_assigned(sender: Any, **kwargs: Any) -> None:
    report_commentary_sync(
        report=kwargs["report"], experts=kwargs["experts"], due_on=kwargs["due_on"], by=kwargs["by"]
    )
