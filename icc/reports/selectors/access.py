"""Access helpers for reports: one per resource. 404 for who may not know it exists, 403 for who may
read it but not do this."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from icc.core.models import Job
from icc.index.models import Round
from icc.reports.models import Report, ReportVersion
from icc.reports.services.batches import BATCH_JOB, batch_round_id


def get_report_for_user(user: Any, pk: int, *, perm: str = "reports.view_report") -> Report:
    report = (
        Report.objects.select_related("response__round__questionnaire", "response__city", "shared_by")
        .prefetch_related("experts")
        .filter(pk=pk)
        .first()
    )
    if report is None or not user.has_perm("reports.view_report", report):
        raise Http404("No such report.")
    if perm != "reports.view_report" and not user.has_perm(perm, report):
        raise PermissionDenied
    return report


def get_version_for_user(user: Any, pk: int) -> ReportVersion:
    version = (
        ReportVersion.objects.select_related(
            "report__response__round__questionnaire", "report__response__city", "published_by"
        )
        .filter(pk=pk)
        .first()
    )
    if version is None or not user.has_perm("reports.view_version", version):
        raise Http404("No such report version.")
    return version


def get_round_for_reports(user: Any, pk: int) -> Round:
    if not user.has_perm("reports.manage_batches"):
        raise PermissionDenied
    round_ = Round.objects.select_related("questionnaire").filter(pk=pk).first()
    if round_ is None:
        raise Http404("No such round.")
    return round_


def get_batch_for_user(user: Any, pk: int) -> tuple[Job, Round]:
    """A batch of report drafts (a `core.Job`) and its round."""
    if not user.has_perm("reports.manage_batches"):
        raise PermissionDenied
    batch = Job.objects.select_related("requested_by").filter(pk=pk, kind=BATCH_JOB).first()
    round_id = batch_round_id(batch) if batch is not None else None
    round_ = Round.objects.filter(pk=round_id).first() if round_id is not None else None
    if batch is None or round_ is None:
        raise Http404("No such batch.")
    return batch, round_
