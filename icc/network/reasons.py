"""The reasons the network's services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by NetworkConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from icc.network.models import AccessionStepKind, CityStatus

NETWORK_REASONS = {
    # Membership fees
    "network.fees_opened": _("fees opened for %(year)s"),
    "network.fee_paid": _("payment recorded (%(date)s)"),
    "network.fee_waived": _("waived: %(words)s"),
    "network.fee_reopened": _("reopened: %(words)s"),
    "network.fee_changed": _("fee changed"),
    "network.annual_fee_set": _("amount set to %(amount)s EUR"),
    "network.annual_fee_changed": _("amount %(old)s → %(new)s EUR"),
    # The network's rules
    "network.settings_changed": _("network rules changed"),
    # Cities and accession
    "network.city_status": _("status: %(status)s"),
    "network.city_status_because": _("status: %(status)s (%(words)s)"),
    "network.cities_imported": _("imported from %(words)s"),
    "network.step_recorded": _("accession step recorded"),
    "network.accession_application": _("accession: application received"),
    "network.accession_member": _("accession: member"),
    "network.accession_member_over_cap": _(
        "accession: member (over the cap of %(cap)s for %(quarter)s, confirmed)"
    ),
    "network.step_undone": _("step “%(step)s” undone: %(words)s"),
    # National networks and their plans
    # The network itself shows in the change of the city's "national network", in the reader's language.
    "network.city_joined": _("joined a national network"),
    "network.city_left": _("left a national network"),
    "network.plan_submitted": pgettext_lazy("history reason", "submitted"),
    "network.plan_approved": pgettext_lazy("history reason", "approved"),
    "network.plan_returned": _("returned with comments"),
    # The demo loader (and the words it stored before codes existed)
    "network.demo_data": _("demo data"),
    "demo data": _("demo data"),
}
NETWORK_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "network.city_status": {"status": CityStatus},
    "network.city_status_because": {"status": CityStatus},
    "network.step_undone": {"step": AccessionStepKind},
}
