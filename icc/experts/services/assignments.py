"""Writes to expert work: assignments, their team (with a lead), their status, and each expert's declaration
of conflicts of interest.

Confirming an assignment needs a lead, every expert's declaration, and, when an expert is assigned elsewhere
on overlapping dates, a reason to go ahead all the same (recorded in the history). The automatic
conflict-of-interest check: nobody from the city's own country on a first visit."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.countries import country_name
from icc.core.history import reason, record_change
from icc.core.workflow import Workflow
from icc.experts.models import (
    Assignment,
    AssignmentExpert,
    AssignmentStatus,
    CalendarKey,
    Expert,
    ExpertStatus,
    WorkKind,
)
from icc.experts.selectors.work import FIRST_VISIT, NETWORK_MEMBER_REVIEW, clashes_for
from icc.network.models import City, NationalNetwork
from icc.notifications.models import NotificationKind
from icc.notifications.services import Told, notify

ASSIGNMENT_WORKFLOW = Workflow(
    name="expert assignment",
    labels=dict(AssignmentStatus.choices),
    transitions={
        AssignmentStatus.PLANNED: [AssignmentStatus.CONFIRMED, AssignmentStatus.CANCELLED],
        AssignmentStatus.CONFIRMED: [
            AssignmentStatus.DONE,
            AssignmentStatus.PLANNED,
            AssignmentStatus.CANCELLED,
        ],
        AssignmentStatus.CANCELLED: [AssignmentStatus.PLANNED],
        AssignmentStatus.DONE: [],
    },
)
MAX_AMOUNT = Decimal("99999999.99")
ASSIGNMENT_FIELDS = (
    "kind",
    "city",
    "national_network",
    "title",
    "description",
    "starts_on",
    "ends_on",
    "coe_representative",
    "fee_planned",
    "expenses_planned",
)


def _validate(assignment: Assignment) -> None:
    errors: dict[str, list[str]] = {}
    assignment.title = (assignment.title or "").strip()
    if not assignment.title:
        errors.setdefault("title", []).append(_("Give the work a title, e.g. “First visit to Lyon”."))
    if assignment.starts_on and assignment.ends_on and assignment.ends_on < assignment.starts_on:
        errors.setdefault("ends_on", []).append(
            _("The last day is before the first. Give a last day on or after %(start)s.")
            % {"start": assignment.starts_on.isoformat()}
        )
    if assignment.city_id and assignment.national_network_id:
        errors.setdefault("national_network", []).append(
            _("Choose a city or a national network, not both: the city's network is known from the city.")
        )
    key = assignment.kind.key if assignment.kind_id else ""
    if key == FIRST_VISIT and not assignment.city_id:
        errors.setdefault("city", []).append(_("A first visit is to a city: choose the candidate city."))
    if key == NETWORK_MEMBER_REVIEW:
        city = assignment.city
        if city is None or city.national_network_id is None:
            errors.setdefault("city", []).append(
                _("A review of a national network member is of a city in a national network: choose one.")
            )
    for name in ("fee_planned", "expenses_planned"):
        value = getattr(assignment, name)
        if value is None or value < 0 or value > MAX_AMOUNT:
            errors.setdefault(name, []).append(_("Give an amount in euros from 0 to 99,999,999.99."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assignment_create(
    *,
    by: User | None,
    kind: WorkKind,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    city: City | None = None,
    national_network: NationalNetwork | None = None,
    description: str = "",
    coe_representative: str = "",
    fee_planned: Decimal = Decimal("0.00"),
    expenses_planned: Decimal = Decimal("0.00"),
) -> Assignment:
    assignment = Assignment(
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        city=city,
        national_network=national_network,
        description=description,
        coe_representative=(coe_representative or "").strip(),
        fee_planned=fee_planned,
        expenses_planned=expenses_planned,
        created_by=by,
    )
    _validate(assignment)
    assignment.full_clean()
    record_change(assignment, by=by, reason=reason("experts.assignment_created"))
    assignment.save()
    return assignment


@transaction.atomic
def assignment_update(*, assignment: Assignment, by: User | None, **fields: Any) -> Assignment:
    unknown = set(fields) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown assignment fields {sorted(unknown)}")
    if assignment.status in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED):
        raise ValidationError(
            _("This work is %(status)s: reopen it as planned before changing it.")
            % {"status": assignment.get_status_display()}
        )
    for name, value in fields.items():
        setattr(assignment, name, value)
    _validate(assignment)
    assignment.full_clean()
    record_change(assignment, by=by, reason=reason("experts.assignment_changed"))
    assignment.save()
    return assignment


def _tell_team(assignment: Assignment, members: list[AssignmentExpert], kind: str) -> Told:
    people = [m.expert.user for m in members if m.expert.user is not None]
    return notify(
        recipients=people,
        kind=kind,
        obj=assignment,
        context={"status": lambda: assignment.get_status_display()},
        link=reverse("experts:my_work"),
    )


@transaction.atomic
def assignment_set_status(
    *,
    assignment: Assignment,
    by: User | None,
    status: str,
    cancel_reason: str = "",
    clash_reason: str = "",
    today: datetime.date | None = None,
) -> Told:
    """Move the work to `status`, as the workflow allows. Confirming checks the team; cancelling needs a
    reason; "done" only once the work has started. Tells the team when the work is confirmed or cancelled."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",)).select_related("kind").get(pk=assignment.pk)
    )
    ASSIGNMENT_WORKFLOW.check(assignment.status, status)
    today = today or timezone.localdate()
    members = list(assignment.team.select_related("expert__user"))
    words = ""
    code = reason("experts.assignment_status", status=status)
    if status == AssignmentStatus.CANCELLED:
        cancel_reason = " ".join((cancel_reason or "").split())
        if not cancel_reason:
            raise ValidationError(
                {"cancel_reason": _("Say why the work is cancelled; the team and the history will read it.")}
            )
        assignment.cancel_reason = cancel_reason
        words = cancel_reason
        code = reason("experts.assignment_cancelled", words=words)
    elif status == AssignmentStatus.CONFIRMED:
        code = _confirm_checks(assignment, members, clash_reason)
    elif status == AssignmentStatus.DONE and assignment.starts_on > today:
        raise ValidationError(
            {
                "status": _("The work starts on %(day)s: it can be marked done from that day.")
                % {"day": assignment.starts_on.isoformat()}
            }
        )
    if status != AssignmentStatus.CANCELLED:
        assignment.cancel_reason = ""
    assignment.status = status
    record_change(assignment, by=by, reason=code)
    assignment.save()
    if status in (AssignmentStatus.CONFIRMED, AssignmentStatus.CANCELLED):
        return _tell_team(assignment, members, NotificationKind.EXPERT_WORK_CHANGED)
    return Told()


def _confirm_checks(assignment: Assignment, members: list[AssignmentExpert], clash_reason: str) -> str:
    if not members:
        raise ValidationError({"status": _("Add at least one expert to the team before confirming.")})
    if not any(m.lead for m in members):
        raise ValidationError({"status": _("Choose the lead expert before confirming.")})
    undeclared = sorted(m.expert.full_name for m in members if m.conflict_declared_at is None)
    if undeclared:
        raise ValidationError(
            {
                "status": _(
                    "Each expert declares their conflicts of interest before the work is confirmed. "
                    "Still to declare: %(names)s."
                )
                % {"names": ", ".join(undeclared)}
            }
        )
    clashes = clashes_for(assignment, [m.expert_id for m in members])
    clash_reason = " ".join((clash_reason or "").split())
    if clashes and not clash_reason:
        listed = "; ".join(
            f"{c.expert.full_name}: {c.other.title} ({c.other.starts_on.isoformat()}–{c.other.ends_on})"
            for c in clashes
        )
        raise ValidationError(
            {
                "clash_reason": _(
                    "Dates clash with other work: %(clashes)s. Change the dates or the team, or give the "
                    "reason to confirm all the same."
                )
                % {"clashes": listed}
            }
        )
    if clashes:
        return reason("experts.confirmed_despite_clash", words=clash_reason)
    return reason("experts.assignment_status", status=AssignmentStatus.CONFIRMED)


def _same_country(assignment: Assignment, expert: Expert) -> bool:
    return bool(
        assignment.kind.key == FIRST_VISIT
        and assignment.city is not None
        and expert.country
        and expert.country == assignment.city.country
    )


@transaction.atomic
def team_add(
    *, assignment: Assignment, expert: Expert, by: User | None, lead: bool = False
) -> AssignmentExpert:
    """Put an expert on the team (the lead, if asked: the previous lead stays on the team) and tell them."""
    if assignment.status in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED):
        raise ValidationError(
            {
                "expert": _("This work is %(status)s: its team no longer changes.")
                % {"status": assignment.get_status_display()}
            }
        )
    if expert.erased_at is not None or expert.status != ExpertStatus.ACTIVE:
        raise ValidationError({"expert": _("Only active experts of the pool can be assigned.")})
    if _same_country(assignment, expert):
        raise ValidationError(
            {
                "expert": _(
                    "%(name)s lives in %(country)s, the city's country: on a first visit that is a conflict "
                    "of interest. Choose an expert from another country."
                )
                % {"name": expert.full_name, "country": country_name(expert.country)}
            }
        )
    if AssignmentExpert.objects.filter(assignment=assignment, expert=expert).exists():
        raise ValidationError({"expert": _("%(name)s is already on the team.") % {"name": expert.full_name}})
    if lead:
        _clear_lead(assignment, by)
    member = AssignmentExpert(assignment=assignment, expert=expert, lead=lead)
    record_change(member, by=by, reason=reason("experts.team_added"))
    member.save()
    if expert.user is not None:
        notify(
            recipients=[expert.user],
            kind=NotificationKind.EXPERT_WORK_ASSIGNED,
            obj=assignment,
            link=reverse("experts:my_work"),
        )
    return member


def _clear_lead(assignment: Assignment, by: User | None) -> None:
    for current in AssignmentExpert.objects.filter(assignment=assignment, lead=True):
        current.lead = False
        record_change(current, by=by, reason=reason("experts.lead_unset"))
        current.save()


@transaction.atomic
def team_set_lead(*, member: AssignmentExpert, by: User | None) -> AssignmentExpert:
    if member.lead:
        return member
    _clear_lead(member.assignment, by)
    member.lead = True
    record_change(member, by=by, reason=reason("experts.lead_set"))
    member.save()
    return member


@transaction.atomic
def team_remove(*, member: AssignmentExpert, by: User | None) -> None:
    if member.assignment.status == AssignmentStatus.DONE:
        raise ValidationError(_("The work is done: its team is part of the record and stays."))
    if member.claims.exists():
        raise ValidationError(
            _("%(name)s has an expense claim on this work: the place stays.")
            % {"name": member.expert.full_name}
        )
    record_change(member, by=by, reason=reason("experts.team_removed"))
    member.delete()


@transaction.atomic
def conflict_declare(
    *, member: AssignmentExpert, by: User | None, statement: str, none: bool
) -> AssignmentExpert:
    """The expert's declaration, dated: either no conflict of interest (`none`), or the conflicts in words."""
    statement = (statement or "").strip()
    if none and statement:
        raise ValidationError(
            {
                "statement": _(
                    "You said there is no conflict of interest: leave the description empty, or untick."
                )
            }
        )
    if not none and not statement:
        raise ValidationError(
            {"statement": _("Describe the conflict of interest, or tick “I have no conflict of interest”.")}
        )
    member.conflict_statement = statement
    member.conflict_declared_at = timezone.now()
    record_change(member, by=by, reason=reason("experts.conflicts_declared"))
    member.save()
    return member


@transaction.atomic
def calendar_key_renew(*, holder: Expert | CalendarKey, by: User | None) -> Expert | CalendarKey:
    """A new private key for a calendar feed (the old address stops working): an expert's own work
    (`Expert`) or a secretariat person's calendar of visits (`CalendarKey`, made on first use)."""
    holder.calendar_token = secrets.token_urlsafe(32)
    record_change(holder, by=by, reason=reason("experts.calendar_key"))
    if holder.pk is None:
        holder.save()
    else:
        holder.save(update_fields=["calendar_token", "updated"])
    return holder


def visits_calendar_key_renew(*, user: User, by: User | None) -> CalendarKey:
    """The secretariat person's key to the calendar of visits, created or renewed."""
    key = CalendarKey.objects.filter(user=user).first() or CalendarKey(user=user)
    calendar_key_renew(holder=key, by=by)
    return key
