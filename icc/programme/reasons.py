"""The reasons the programme's services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by ProgrammeConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.programme.models import ActionStatus, RiskStatus, TargetStatus

PROGRAMME_REASONS = {
    "programme.risk_changed": _("risk reviewed"),
    "programme.risk_noted": _("risk reviewed: %(words)s"),
    "programme.risk_status": _("risk status changed to %(status)s"),
    "programme.risk_status_noted": _("risk status changed to %(status)s: %(words)s"),
    "programme.action_added": _("mitigation action added"),
    "programme.action_status": _("mitigation action %(status)s"),
    "programme.target_status": _("target status computed: %(status)s"),
    "programme.demo_data": _("demo data"),
}
PROGRAMME_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "programme.risk_status": {"status": RiskStatus},
    "programme.risk_status_noted": {"status": RiskStatus},
    "programme.action_status": {"status": ActionStatus},
    "programme.target_status": {"status": TargetStatus},
}
