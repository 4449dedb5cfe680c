"""The reasons the report services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by ReportsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

REPORT_REASONS = {
    "reports.draft_generated": _("draft generated"),
    "reports.draft_regenerated": _("draft regenerated"),
    "reports.commentary_changed": _("commentary changed (%(language)s)"),
    "reports.experts_assigned": _("experts assigned"),
    "reports.shared": _("shared with the city"),
    "reports.version_published": _("version %(number)s published"),
}
