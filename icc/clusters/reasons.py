"""The reasons the cluster and policy lab services give for a change, stored as codes in the history and
read in the reader's language (icc.core.history). Registered once, by ClustersConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.clusters.models import ApplicationStatus, ClusterStatus, MemberRole

CLUSTER_REASONS = {
    "clusters.created": _("learning cluster created"),
    "clusters.changed": _("learning cluster changed"),
    "clusters.status": _("status changed to %(status)s"),
    "clusters.member_added": _("city added as %(role)s"),
    "clusters.member_matched": _("city added as %(role)s from the Index matching"),
    "clusters.member_removed": _("city taken out of the cluster"),
    "clusters.document_added": _("document %(words)s added"),
    "clusters.document_removed": _("document %(words)s removed"),
    "clusters.report_submitted": _("progress report submitted"),
    "clusters.report_reviewed": _("progress report reviewed"),
    "clusters.report_returned": _("progress report returned: %(words)s"),
    "clusters.meeting_linked": _("meeting linked to the cluster"),
    "clusters.target_set": _("target set"),
    "clusters.lab_created": _("policy lab cohort created"),
    "clusters.call_saved": _("call saved"),
    "clusters.applied": _("application received"),
    "clusters.scored": _("application scored"),
    "clusters.decided": _("application %(status)s: %(words)s"),
    "clusters.member_joined": _("member joined the cohort"),
    "clusters.session_linked": _("session linked to the cohort"),
    "clusters.demo_data": _("demo data"),
}
CLUSTER_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "clusters.status": {"status": ClusterStatus},
    "clusters.member_added": {"role": MemberRole},
    "clusters.member_matched": {"role": MemberRole},
    "clusters.decided": {"status": ApplicationStatus},
}
