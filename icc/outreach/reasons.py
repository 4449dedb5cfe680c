"""The reasons the outreach services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by OutreachConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.outreach.models import IssueStatus, NewsStatus

OUTREACH_REASONS = {
    "outreach.news_created": _("news drafted"),
    "outreach.news_changed": _("news changed"),
    "outreach.news_status": _("news %(status)s"),
    "outreach.subscribed": _("subscription asked on the public site"),
    "outreach.confirmed": _("subscription confirmed by its link"),
    "outreach.unsubscribed": _("unsubscribed by its link"),
    "outreach.issue_created": _("newsletter issue composed"),
    "outreach.issue_changed": _("newsletter issue changed"),
    "outreach.issue_status": _("newsletter issue %(status)s"),
    "outreach.demo_data": _("demo data"),
}
OUTREACH_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "outreach.news_status": {"status": NewsStatus},
    "outreach.issue_status": {"status": IssueStatus},
}
