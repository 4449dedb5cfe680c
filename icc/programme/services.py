"""Writes of the programme: the review of a risk and its mitigation actions, the recompute of the targets'
statuses (telling the secretariat when one changes), the reminders of risks due for review, the annual report.
Keyword-only arguments, full_clean(), one transaction, a history row with its reason for every change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.jobs import job_start
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify
from icc.programme.models import (
    WATCHED_RISKS,
    ActionStatus,
    AnnualReport,
    MitigationAction,
    Risk,
    RiskStatus,
    StrategyPeriod,
    Target,
    TargetStatus,
)
from icc.programme.report import ANNUAL_REPORT_JOB
from icc.programme.selectors import is_secretariat, target_rows

# Statuses the secretariat is told about when a target moves into them.
WORSE = (TargetStatus.AT_RISK, TargetStatus.MISSED)
REVIEW_NOTICE_DAYS = 14


def _secretariat() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct())


def _may_change(by: User, risk: Risk) -> None:
    if not (is_secretariat(by) or (risk.owner_id is not None and risk.owner_id == by.pk)):
        raise PermissionDenied


@dataclass(frozen=True)
class RiskData:
    likelihood: int
    impact: int
    review_on: datetime.date
    status: str
    owner: User | None
    note: str = ""


@transaction.atomic
def risk_update(*, by: User, risk: Risk, data: RiskData) -> Risk:
    """The review of a risk by the secretariat or its owner (only the secretariat changes the owner)."""
    _may_change(by, risk)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if data.owner != risk.owner and not is_secretariat(by):
        raise ValidationError({"owner": _("Only the secretariat gives a risk to another owner.")})
    if data.status not in RiskStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    if data.status in WATCHED_RISKS and data.review_on < timezone.localdate():
        raise ValidationError({"review_on": _("Set the next review on today or a later day.")})
    old_status = risk.status
    risk.likelihood, risk.impact = data.likelihood, data.impact
    risk.review_on, risk.status, risk.owner = data.review_on, data.status, data.owner
    risk.full_clean()
    noted = "_noted" if data.note.strip() else ""
    if old_status != risk.status:
        code = f"programme.risk_status{noted}"
        record_change(risk, by=by, reason=reason(code, words=data.note, status=risk.status))
    else:
        code = "programme.risk_noted" if noted else "programme.risk_changed"
        record_change(risk, by=by, reason=reason(code, words=data.note))
    risk.save()
    return risk


@transaction.atomic
def action_add(*, by: User, risk: Risk, description: str) -> MitigationAction:
    _may_change(by, risk)
    text = description.strip()
    if not text:
        raise ValidationError({"description": _("Describe the action that lowers the risk.")})
    action = MitigationAction(risk=risk, description=text, status=ActionStatus.PLANNED)
    action.full_clean()
    record_change(action, by=by, reason=reason("programme.action_added"))
    action.save()
    return action


@transaction.atomic
def action_set_status(*, by: User, action: MitigationAction, status: str) -> MitigationAction:
    _may_change(by, action.risk)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    action = MitigationAction.objects.select_for_update().get(pk=action.pk)
    if action.status == status:
        return action
    action.status = status
    action.full_clean()
    record_change(action, by=by, reason=reason("programme.action_status", status=status))
    action.save()
    return action


@transaction.atomic
def targets_recompute(*, by: User | None = None, today: datetime.date | None = None) -> list[Target]:
    """Compute every target's status and store it; the secretariat is told (TARGET_STATUS_CHANGED) of each
    target whose status changed into at risk or missed. Returns the targets whose status changed."""
    day = today or timezone.localdate()
    targets = list(Target.objects.select_for_update().select_related("objective").order_by("pk"))
    changed = []
    now = timezone.now()
    secretariat: list[User] | None = None
    for row in target_rows(targets, day):
        target, status = row.target, row.status
        if target.status == status:
            Target.objects.filter(pk=target.pk).update(status_computed_at=now)
            continue
        previous = target.status
        target.status, target.status_computed_at = status, now
        record_change(target, by=by, reason=reason("programme.target_status", status=status))
        target.save(update_fields=["status", "status_computed_at", "updated"])
        changed.append(target)
        # The first computation sets the baseline: nobody is told of a status that did not "change".
        if previous and status in WORSE:
            if secretariat is None:
                secretariat = _secretariat()
            label = TargetStatus(status).label
            notify(
                recipients=secretariat,
                kind=NotificationKind.TARGET_STATUS_CHANGED,
                obj=target,
                context={"status": lambda label=label: str(label), "what": lambda t=target: str(t.label)},
                link=reverse("programme:target_detail", args=[target.pk]),
                key=f"programme-target-{target.pk}-{status}-{day.isoformat()}",
            )
    return changed


def targets_recompute_daily(*, today: datetime.date | None = None) -> int:
    """For the daily run (icc send_notifications): recompute, return how many targets changed status."""
    return len(targets_recompute(today=today))


def risk_reviews_notify(*, today: datetime.date | None = None) -> int:
    """Tell each owner of a watched risk due for review within two weeks (RISK_REVIEW_DUE), once per risk and
    review date (the key). Returns how many people were told."""
    day = today or timezone.localdate()
    due = (
        Risk.objects.filter(
            status__in=WATCHED_RISKS,
            owner__isnull=False,
            review_on__lte=day + datetime.timedelta(days=REVIEW_NOTICE_DAYS),
        )
        .select_related("owner")
        .order_by("review_on", "pk")
    )
    told = 0
    for risk in due:
        assert risk.owner is not None
        result = notify(
            recipients=[risk.owner],
            kind=NotificationKind.RISK_REVIEW_DUE,
            obj=risk,
            context={
                "due": lambda d=risk.review_on: formats.date_format(d, "DATE_FORMAT"),
                "what": lambda r=risk: str(r),
            },
            link=reverse("programme:risk_detail", args=[risk.pk]),
            key=f"programme-risk-review-{risk.pk}-{risk.review_on.isoformat()}",
        )
        told += len(result.people)
    return told


# ------------------------------------------------------------------------------------------ annual report


@transaction.atomic
def annual_report_request(*, by: User, period: StrategyPeriod, year: int, language: str) -> AnnualReport:
    """Queue the annual report's PDF (a task: icc/programme/tasks.py), made after the transaction commits."""
    if not is_secretariat(by):
        raise PermissionDenied
    errors: dict[str, Any] = {}
    if not (period.starts_on.year <= year <= period.ends_on.year + 1):
        errors["year"] = _("Choose a year of the period (%(first)s to %(last)s).") % {
            "first": period.starts_on.year,
            "last": period.ends_on.year + 1,
        }
    if language not in ("en", "fr"):
        errors["language"] = _("Choose English or French.")
    if errors:
        raise ValidationError(errors)
    report = AnnualReport(period=period, year=year, language=language, requested_by=by)
    report.full_clean()
    report.save()
    from icc.programme.tasks import make_annual_report

    # The job is the report's progress record; its task runs after the commit (inline in tests).
    job, _created = job_start(
        kind=ANNUAL_REPORT_JOB, key=f"{ANNUAL_REPORT_JOB}:{report.pk}:1", by=by, task=make_annual_report
    )
    AnnualReport.objects.filter(pk=report.pk).update(job=job)
    report.job = job
    return report
