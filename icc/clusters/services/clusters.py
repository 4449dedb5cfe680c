"""Writes to learning clusters: the cluster itself and its status, its member cities (by hand or from the
Index matching), its documents, the lead expert's progress reports and the secretariat's review, its meetings.
Each write checks every field first (errors keyed by the field), then writes in one transaction with its
history."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.activities.models import Event
from icc.activities.services.events import event_create
from icc.clusters.models import (
    CLUSTER_WORKFLOW,
    REPORT_WORKFLOW,
    ClusterDocument,
    ClusterMeeting,
    ClusterMember,
    ClusterStatus,
    ClusterTheme,
    DocumentKind,
    LearningCluster,
    MemberRole,
    ProgressReport,
    ReportStatus,
)
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.experts.models import Expert
from icc.network.models import City
from icc.notifications.services import notify, remember

MAX_DOCUMENTS = 20
MAX_TEXT = 20_000


def _secretariat() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct())


# --------------------------------------------------------------------------------------------- the cluster


@dataclass
class ClusterData:
    theme: ClusterTheme | None
    title_en: str
    title_fr: str = ""
    lead_expert: Expert | None = None
    expected_results: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    report_every_months: int = 6


def _apply(cluster: LearningCluster, data: ClusterData) -> None:
    errors: dict[str, list[str]] = {}
    if data.theme is None:
        errors["theme"] = [_("Choose the cluster's theme.")]
    else:
        cluster.theme = data.theme
    cluster.title_en = " ".join((data.title_en or "").split())
    cluster.title_fr = " ".join((data.title_fr or "").split())
    cluster.title = cluster.title_en
    if not cluster.title_en:
        errors["title_en"] = [_("Give the cluster a title in English.")]
    if data.lead_expert is not None and data.lead_expert.erased_at is not None:
        errors["lead_expert"] = [_("This expert's record was erased; choose another lead expert.")]
    cluster.lead_expert = data.lead_expert
    cluster.expected_results = (data.expected_results or "").strip()
    if data.starts_on is None:
        errors["starts_on"] = [_("Give the day the cluster starts.")]
    else:
        cluster.starts_on = data.starts_on
    cluster.ends_on = data.ends_on
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        errors["ends_on"] = [_("The cluster cannot end before it starts; correct one of the two days.")]
    cluster.report_every_months = data.report_every_months
    try:
        cluster.full_clean(exclude=[*errors, "title"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cluster_create(*, data: ClusterData, by: Any) -> LearningCluster:
    cluster = LearningCluster()
    _apply(cluster, data)
    record_change(cluster, by=by, reason=reason("clusters.created"))
    cluster.save()
    return cluster


@transaction.atomic
def cluster_update(*, cluster: LearningCluster, data: ClusterData, by: Any) -> LearningCluster:
    cluster = LearningCluster.objects.select_for_update(of=("self",)).get(pk=cluster.pk)
    _apply(cluster, data)
    record_change(cluster, by=by, reason=reason("clusters.changed"))
    cluster.save()
    return cluster


@transaction.atomic
def cluster_set_status(*, cluster: LearningCluster, status: str, by: Any) -> LearningCluster:
    """Launch (planned -> running), complete or cancel a cluster, as CLUSTER_WORKFLOW allows."""
    cluster = LearningCluster.objects.select_for_update(of=("self",)).get(pk=cluster.pk)
    CLUSTER_WORKFLOW.check(cluster.status, status)
    if status == ClusterStatus.RUNNING and cluster.lead_expert_id is None:
        raise ValidationError({"lead_expert": _("Name the lead expert before the cluster starts.")})
    cluster.status = status
    record_change(cluster, by=by, reason=reason("clusters.status", status=status))
    cluster.save()
    return cluster


# --------------------------------------------------------------------------------------------- members


@dataclass(frozen=True)
class MemberPick:
    city: City
    role: str
    reason: str = ""
    matching: dict[str, Any] | None = None


@transaction.atomic
def members_add(
    *,
    cluster: LearningCluster,
    picks: Sequence[MemberPick],
    by: Any,
    joined_on: datetime.date | None = None,
) -> list[ClusterMember]:
    """Add cities to the cluster, each as mentor or learner (from the matching: with the suggestion's reasons
    and scores). All or nothing: one city already a member, or a role unknown, and none is added."""
    if cluster.status in (ClusterStatus.COMPLETED, ClusterStatus.CANCELLED):
        raise ValidationError(
            _("This cluster is %(status)s: it takes no new members.")
            % {"status": cluster.get_status_display()}
        )
    if not picks:
        raise ValidationError({"cities": _("Tick at least one city to add.")})
    errors: list[str] = []
    existing = set(cluster.members.values_list("city_id", flat=True))
    seen: set[int] = set()
    for pick in picks:
        if pick.role not in MemberRole.values:
            errors.append(_("Choose mentor or learner for %(city)s.") % {"city": pick.city.name})
        if pick.city.pk in existing:
            errors.append(_("%(city)s is already a member of this cluster.") % {"city": pick.city.name})
        if pick.city.pk in seen:
            errors.append(_("%(city)s is ticked twice; tick it once.") % {"city": pick.city.name})
        if len(pick.reason) > 2000:
            errors.append(
                _("Keep the reason for %(city)s under 2,000 characters.") % {"city": pick.city.name}
            )
        seen.add(pick.city.pk)
    if errors:
        raise ValidationError({"cities": errors})
    day = joined_on or timezone.localdate()
    added = []
    for pick in picks:
        member = ClusterMember(
            cluster=cluster,
            city=pick.city,
            role=pick.role,
            joined_on=day,
            reason=pick.reason.strip(),
            matching=pick.matching or {},
        )
        member.full_clean()
        code = "clusters.member_matched" if pick.matching else "clusters.member_added"
        record_change(member, by=by, reason=reason(code, role=pick.role))
        member.save()
        added.append(member)
    return added


@transaction.atomic
def member_remove(*, member: ClusterMember, by: Any) -> None:
    record_change(member, by=by, reason=reason("clusters.member_removed"))
    member.delete()


# --------------------------------------------------------------------------------------------- documents


def document_add(*, cluster: LearningCluster, file: UploadedFile, kind: str, by: Any) -> ClusterDocument:
    """Store the terms of reference (the newest one is in force) or another document."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose what the document is.")})
    if cluster.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            {"file": _("At most %(n)s documents per cluster; remove one first.") % {"n": MAX_DOCUMENTS}}
        )
    try:
        name = validate_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    with transaction.atomic():
        document = ClusterDocument(cluster=cluster, kind=kind, name=name, size=file.size or 0, uploaded_by=by)
        document.file.save(name, file, save=False)
        record_change(document, by=by, reason=reason("clusters.document_added", words=name))
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_remove(*, document: ClusterDocument, by: Any) -> None:
    stored = document.file
    with transaction.atomic():
        record_change(document, by=by, reason=reason("clusters.document_removed", words=document.name))
        document.delete()
        transaction.on_commit(lambda: stored.delete(save=False))


# --------------------------------------------------------------------------------------------- reports


def _lead_user(cluster: LearningCluster) -> User | None:
    lead = cluster.lead_expert
    if lead is None or lead.erased_at is not None:
        return None
    return lead.user


@transaction.atomic
def report_submit(
    *,
    cluster: LearningCluster,
    by: Any,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    text: str,
    report: ProgressReport | None = None,
) -> ProgressReport:
    """The lead expert submits a progress report on a period (or resubmits one the secretariat returned);
    the secretariat is told."""
    lead = _lead_user(cluster)
    if lead is None or lead.pk != by.pk:
        raise PermissionDenied(_("The cluster's lead expert submits its progress reports."))
    if cluster.status not in (ClusterStatus.RUNNING, ClusterStatus.COMPLETED):
        raise ValidationError(_("Progress is reported once the cluster runs."))
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = [_("Say what the cluster did and achieved in the period.")]
    elif len(text) > MAX_TEXT:
        errors["text"] = [_("Keep the report under 20,000 characters; attach the rest as a document.")]
    if period_start is None:
        errors["period_start"] = [_("Give the first day of the period.")]
    if period_end is None:
        errors["period_end"] = [_("Give the last day of the period.")]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    if period_end and period_end > timezone.localdate():
        errors["period_end"] = [_("Report on a period that is over: its last day is in the future.")]
    if errors:
        raise ValidationError(errors)
    if report is None:
        report = ProgressReport(cluster=cluster)
    else:
        report = ProgressReport.objects.select_for_update().get(pk=report.pk, cluster=cluster)
        REPORT_WORKFLOW.check(report.status, ReportStatus.SUBMITTED)
    assert period_start is not None and period_end is not None
    report.period_start, report.period_end, report.text = period_start, period_end, text
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), by
    report.full_clean()
    record_change(report, by=by, reason=reason("clusters.report_submitted"))
    report.save()
    told = notify(
        recipients=_secretariat(),
        kind="cluster_report_submitted",
        obj=report,
        context={"what": str(cluster)},
        link=reverse("clusters:report_detail", args=[report.pk]),
    )
    remember(report, told)
    return report


@transaction.atomic
def report_review(*, report: ProgressReport, by: Any, accept: bool, note: str = "") -> ProgressReport:
    """The secretariat reviews a submitted report, or returns it with a reason; the lead expert is told."""
    report = ProgressReport.objects.select_for_update().select_related("cluster").get(pk=report.pk)
    target = ReportStatus.REVIEWED if accept else ReportStatus.RETURNED
    REPORT_WORKFLOW.check(report.status, target)
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationError({"note": _("Say what the lead expert should change before submitting again.")})
    if len(note) > 2000:
        raise ValidationError({"note": _("Keep the note under 2,000 characters.")})
    report.status = target
    report.review_note = note
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    code = "clusters.report_reviewed" if accept else "clusters.report_returned"
    record_change(report, by=by, reason=reason(code, words=note if not accept else None))
    report.save()
    lead = _lead_user(report.cluster)
    told = notify(
        recipients=[lead] if lead is not None else [],
        kind="cluster_report_reviewed",
        obj=report,
        context={"what": str(report.cluster), "status": lambda: str(report.get_status_display())},
        link=reverse("clusters:report_detail", args=[report.pk]),
    )
    remember(report, told)
    return report


# --------------------------------------------------------------------------------------------- meetings


@transaction.atomic
def meeting_link(*, cluster: LearningCluster, event: Event, by: Any) -> ClusterMeeting:
    """Record an event of the programme as a meeting of the cluster."""
    if event.kind.key != "cluster_meeting":
        raise ValidationError(
            {"event": _("Only an event of the kind “learning cluster meeting” is a meeting.")}
        )
    if ClusterMeeting.objects.filter(event=event).exists():
        raise ValidationError({"event": _("This event is already a meeting of a cluster.")})
    meeting = ClusterMeeting(cluster=cluster, event=event)
    record_change(meeting, by=by, reason=reason("clusters.meeting_linked"))
    meeting.save()
    return meeting


@transaction.atomic
def meeting_create(
    *,
    cluster: LearningCluster,
    by: Any,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_link: str = "",
    host_city: City | None = None,
    status: str = "draft",
) -> ClusterMeeting:
    """A new meeting of the cluster: an event of kind cluster_meeting for its members (icc.activities), titled
    after the cluster in both languages."""
    event = event_create(
        actor=by,
        kind_key="cluster_meeting",
        title_en=_meeting_title(cluster, "en"),
        title_fr=_meeting_title(cluster, "fr"),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_link=online_link,
        host_city=host_city,
        audience="invited",
        status=status,
    )
    return meeting_link(cluster=cluster, event=event, by=by)


def _meeting_title(cluster: LearningCluster, language: str) -> str:
    from django.utils import translation

    title = getattr(cluster, f"title_{language}", "") or cluster.title
    with translation.override(language):
        return (_("Learning cluster meeting: %(title)s") % {"title": title})[:200]
