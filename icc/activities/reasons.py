"""The reasons the activities' services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by ActivitiesConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.activities.models import (
    ClaimStatus,
    EventStatus,
    FundingStatus,
    ProgrammeStatus,
    RegistrationStatus,
)

ACTIVITY_REASONS = {
    # Contacts
    "activities.contact_created": _("contact added"),
    "activities.consent_given": _("consent to keep the person's data given"),
    "activities.calendar_key": _("new private address for the calendar of events"),
    # Events
    "activities.event_created": _("event created"),
    "activities.event_changed": _("event changed"),
    "activities.event_status": _("status changed to %(status)s"),
    "activities.event_cancelled": _("cancelled: %(words)s"),
    "activities.city_invited": _("city invited"),
    # Registrations
    "activities.invited": _("invited"),
    "activities.registered": _("registered"),
    "activities.self_registered": _("registered on the public form"),
    "activities.waiting": _("put on the waiting list: the event is full"),
    "activities.promoted": _("given a place that was freed"),
    "activities.registration_status": _("status changed to %(status)s"),
    "activities.attendance": _("attendance marked"),
    "activities.follow_up": _("travel details given"),
    "activities.feedback": _("feedback given"),
    # Funding and claims
    "activities.funding_requested": _("travel funding requested"),
    "activities.funding_status": _("funding %(status)s"),
    "activities.funding_refused": _("funding refused: %(words)s"),
    "activities.claim_submitted": _("reimbursement claim submitted"),
    "activities.claim_status": _("claim %(status)s"),
    "activities.claim_returned": _("claim returned: %(words)s"),
    "activities.claim_paid": _("payment recorded"),
    # Programme
    "activities.item_created": _("added to the annual programme"),
    "activities.item_status": _("status changed to %(status)s"),
    "activities.item_dropped": _("dropped: %(words)s"),
    "activities.target_set": _("gender balance target set"),
}
ACTIVITY_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "activities.event_status": {"status": EventStatus},
    "activities.registration_status": {"status": RegistrationStatus},
    "activities.funding_status": {"status": FundingStatus},
    "activities.claim_status": {"status": ClaimStatus},
    "activities.item_status": {"status": ProgrammeStatus},
}
