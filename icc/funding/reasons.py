"""The reasons the funding and partners services give for a change, stored as codes in the history and read
in the reader's language (icc.core.history). Registered once, by FundingConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.funding.models import ApplicationStatus

FUNDING_REASONS = {
    "funding.created": _("recorded"),
    "funding.changed": _("changed"),
    "funding.deleted": _("deleted"),
    "funding.status": _("status changed to %(status)s"),
    "funding.status_corrected": _("status corrected back to %(status)s"),
    "funding.document_added": _("document %(words)s added"),
    "funding.imported": _("imported from %(words)s"),
    "funding.demo_data": _("demo data"),
}
FUNDING_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "funding.status": {"status": ApplicationStatus},
    "funding.status_corrected": {"status": ApplicationStatus},
}
