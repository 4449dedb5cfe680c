"""Open calls: the secretariat publishes a piece of work to the pool; experts say they are interested, and
whether they are available on its dates. The suggestion list shows them first."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.history import reason, record_change
from icc.experts.models import Assignment, AssignmentStatus, CallInterest, Expert, ExpertStatus


@transaction.atomic
def call_set_open(*, assignment: Assignment, by: User | None, open_call: bool) -> Assignment:
    """Publish the work to the pool, or close its call (the answers already given stay)."""
    if open_call and assignment.status in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED):
        raise ValidationError(
            _("This work is %(status)s: there is nothing to call for.")
            % {"status": assignment.get_status_display()}
        )
    if assignment.open_call == open_call:
        return assignment
    assignment.open_call = open_call
    record_change(
        assignment, by=by, reason=reason("experts.call_published" if open_call else "experts.call_closed")
    )
    assignment.save()
    return assignment


@transaction.atomic
def interest_give(
    *, assignment: Assignment, expert: Expert, by: User | None, available: bool, note: str = ""
) -> CallInterest:
    """The expert's answer to an open call; answering again replaces the answer (the history keeps both)."""
    if not assignment.open_call or assignment.status in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED):
        raise ValidationError(_("This call is closed: the secretariat no longer takes answers."))
    if expert.status != ExpertStatus.ACTIVE or expert.erased_at is not None:
        raise ValidationError(_("Only active experts of the pool answer open calls."))
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": _("Keep the note under 2,000 characters.")})
    interest = CallInterest.objects.filter(assignment=assignment, expert=expert).first()
    if interest is None:
        interest = CallInterest(assignment=assignment, expert=expert)
    interest.available = available
    interest.note = note
    record_change(interest, by=by, reason=reason("experts.interest_given"))
    interest.save()
    return interest


@transaction.atomic
def interest_withdraw(*, interest: CallInterest, by: User | None) -> None:
    record_change(interest, by=by, reason=reason("experts.interest_withdrawn"))
    interest.delete()
