"""The reasons the expert services give for a change, stored as codes in the history and read in the reader's
language (icc.core.history). Registered once, by ExpertsConfig.ready(). Each helper of the app adds its
codes in its own block."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.experts.models import AssignmentStatus, ExpertStatus

EXPERT_REASONS = {
    # The pool
    "experts.created": _("expert added to the pool"),
    "experts.changed": _("expert's record corrected"),
    "experts.self_corrected": _("corrected by the expert"),
    "experts.status": _("status changed to %(status)s"),
    "experts.erased": _("personal data erased on request"),
    "experts.target_set": _("pool target set"),
    "experts.target_removed": _("pool target removed"),
    "experts.demo_data": _("demo data"),
    # Work (assignments, calls, expenses)
    "experts.assignment_created": _("work planned"),
    "experts.assignment_changed": _("work changed"),
    "experts.assignment_status": _("status changed to %(status)s"),
    "experts.assignment_cancelled": _("cancelled: %(words)s"),
    "experts.confirmed_despite_clash": _("confirmed despite a date clash: %(words)s"),
    "experts.team_added": _("expert put on the team"),
    "experts.team_removed": _("expert taken off the team"),
    "experts.lead_set": _("made the lead expert"),
    "experts.lead_unset": _("no longer the lead expert"),
    "experts.conflicts_declared": _("conflicts of interest declared"),
    "experts.call_published": _("published to the pool as an open call"),
    "experts.call_closed": _("open call closed"),
    "experts.interest_given": _("interest in the open call given"),
    "experts.interest_withdrawn": _("interest in the open call withdrawn"),
    "experts.claim_submitted": _("expense claim submitted"),
    "experts.claim_approved": _("expense claim approved"),
    "experts.claim_corrected": _("expense claim corrected: %(words)s"),
    "experts.claim_returned": _("expense claim returned: %(words)s"),
    "experts.receipt_added": _("receipt %(words)s added"),
    "experts.calendar_key": _("new private address for the calendar feed"),
    "experts.report_commentary_sync": _("kept in step with the experts assigned to the city report"),
    # Visits and profiles
    "experts.visit_recorded": _("visit's record updated"),
    "experts.profile_started": _("profile started (%(language)s)"),
    "experts.profile_saved": _("draft saved"),
    "experts.profile_submitted": _("submitted for review"),
    "experts.profile_commented": _("review comment added"),
    "experts.profile_returned": _("returned to the lead expert: %(words)s"),
    "experts.profile_accepted": _("accepted"),
    "experts.profile_shared": _("shared with the city"),
    "experts.profile_published": _("published with the city's agreement"),
    "experts.profile_withdrawn": _("withdrawn from publication by the city"),
}
EXPERT_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "experts.status": {"status": ExpertStatus},
    "experts.assignment_status": {"status": AssignmentStatus},
}
