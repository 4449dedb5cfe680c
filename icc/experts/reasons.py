"""The reasons the expert services give for a change, stored as codes in the history and read in the reader's
language (icc.core.history). Registered once, by ExpertsConfig.ready(). Each helper of the app adds its
codes in its own block."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.experts.models import ExpertStatus

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
    "experts.status": {"status": ExpertStatus}
}
