"""The reasons the strategy services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by StrategiesConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.strategies.models import ActionStatus, StrategyStatus

STRATEGY_REASONS = {
    "strategies.created": _("strategy created"),
    "strategies.changed": _("strategy changed"),
    "strategies.status": _("status changed to %(status)s"),
    "strategies.status_corrected": _("status corrected back to %(status)s"),
    "strategies.published": _("strategy published"),
    "strategies.unpublished": _("strategy taken off the public site"),
    "strategies.version_added": _("version added"),
    "strategies.member_added": _("support group member added"),
    "strategies.member_removed": _("support group member removed"),
    "strategies.result_saved": _("result saved"),
    "strategies.indicator_saved": _("indicator saved"),
    "strategies.curve_saved": _("turn-the-curve fields saved"),
    "strategies.forecast_set": _("forecast set by hand: %(words)s"),
    "strategies.forecast_cleared": _("forecast computed again"),
    "strategies.point_saved": _("figure saved"),
    "strategies.point_removed": _("figure removed"),
    "strategies.refreshed": _("figures refreshed from their source"),
    "strategies.target_saved": _("target saved"),
    "strategies.programme_saved": _("programme saved"),
    "strategies.measure_saved": _("performance measure saved"),
    "strategies.action_saved": _("action saved"),
    "strategies.action_updated": _("action now %(status)s"),
    "strategies.demo_data": _("demo data"),
}
STRATEGY_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "strategies.status": {"status": StrategyStatus},
    "strategies.status_corrected": {"status": StrategyStatus},
    "strategies.action_updated": {"status": ActionStatus},
}
