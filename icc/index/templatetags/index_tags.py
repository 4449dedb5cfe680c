"""Index pieces other apps' pages show: `{% load index_tags %}{% index_dashboard_panel %}`."""

from typing import Any

from django import template

from icc.index.selectors.entry import my_responses

register = template.Library()

DASHBOARD_ROWS = 5


@register.inclusion_tag("index/entry/dashboard_panel.html", takes_context=True)
def index_dashboard_panel(context: template.Context) -> dict[str, Any]:
    """The person's questionnaires, most recent round first, compactly; the secretariat gets the rounds."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"rows": [], "manages_rounds": False}
    listing = my_responses(user, include_others=False)
    return {"rows": listing.rows[:DASHBOARD_ROWS], "manages_rounds": listing.manages_rounds}
