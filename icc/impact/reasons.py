"""The reasons the impact services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by ImpactConfig.ready()."""

from django.utils.translation import gettext_lazy as _

IMPACT_REASONS = {
    "impact.imported": _("imported from %(words)s"),
    "impact.run_started": _("analysis started"),
    "impact.run_finished": _("analysis finished"),
    "impact.published": _("study published"),
    "impact.withdrawn": _("study withdrawn from the public site"),
    "impact.demo_data": _("demo data"),
}
