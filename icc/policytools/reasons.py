"""The reasons the policy tools' services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by PolicytoolsConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

POLICYTOOLS_REASONS = {
    "policytools.started": _("self-assessment started"),
    "policytools.answered": _("answer saved"),
    "policytools.completed": _("self-assessment completed"),
    "policytools.saved": _("result saved by the business"),
    "policytools.demo_data": _("demo data"),
}
POLICYTOOLS_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {}
