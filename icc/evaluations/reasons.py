"""The reasons the evaluation services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by EvaluationsConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.evaluations.models import EvaluationStatus, ReportStatus

EVALUATION_REASONS = {
    "evaluations.created": _("evaluation created from the strategy"),
    "evaluations.changed": _("evaluation changed"),
    "evaluations.question_added": _("question added"),
    "evaluations.question_changed": _("question changed"),
    "evaluations.question_removed": _("question removed"),
    "evaluations.status": _("status changed to %(status)s"),
    "evaluations.returned": _("returned to the city: %(words)s"),
    "evaluations.answered": _("answer saved"),
    "evaluations.evidence_added": _("evidence %(words)s added"),
    "evaluations.evidence_removed": _("evidence %(words)s removed"),
    "evaluations.expert_assigned": _("expert assigned"),
    "evaluations.report_saved": _("report saved"),
    "evaluations.report_status": _("report %(status)s"),
    "evaluations.report_sent_back": _("report sent back to the expert: %(words)s"),
    "evaluations.recommendation_added": _("recommendation added"),
    "evaluations.recommendation_removed": _("recommendation removed"),
    "evaluations.next_strategy": _("linked to the next strategy"),
    "evaluations.demo_data": _("demo data"),
}
EVALUATION_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "evaluations.status": {"status": EvaluationStatus},
    "evaluations.report_status": {"status": ReportStatus},
}
