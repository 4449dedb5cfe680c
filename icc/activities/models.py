"""The programme's activities (issue 20): the annual programme, events, registrations, travel funding.

- `ProgrammeItem`: a planned activity of a year's programme, proposed by the secretariat or a city, validated
  at a coordinators' meeting (an `Event`), linked to one of the strategy's objectives (`OBJECTIVES`).
- `EventKind` (data, seeded by migration 0002; names translated), `Event` (title and description in EN/FR:
  icc/activities/translation.py), `EventDocument` (materials before and after, the report), `InvitedCity`.
- `Contact`: a person who takes part, with or without an account (national officials, academics, NGO staff).
- `Registration` of a contact to an event (invited, registered, waiting, cancelled, declined), with the
  person's needs (organisers only, deleted with the personal data), attendance and the follow-up form;
  `FundingRequest` (travel and subsistence, decided by the secretariat), `ReimbursementClaim` with
  `ClaimReceipt`s, `Feedback`.
- `PersonalDataDeletion`: the record that an event's personal data was deleted on its date.
- `GenderTarget`: the share of women aimed at among participants, as data.

Other apps (icc/clusters) build on `Event`, `EventKind` (keys "cluster_meeting", "policy_lab_session"),
`Contact` and `Registration.attended`, and write through icc.activities.services.
"""

from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import Gender, StoredFile, TimeStampedModel
from icc.network.models import City, NationalNetwork

# The strategy's objectives (the seed's medium-term strategy 2016-2019, docs/domain.md), which a programme
# item serves. A constant until the programme app (issue 15) holds the strategy as data: then
# ProgrammeItem.objective becomes a link to its objective, and these keys map one to one.
OBJECTIVES: list[tuple[str, Any]] = [
    ("expansion", _("Controlled expansion of the network")),
    ("tools", _("New tools and services")),
    ("know_how", _("Deeper know-how (learning clusters, experts)")),
    ("outreach", _("Outreach (policy lab, national networks)")),
    ("visibility", _("Visibility (website, newsletter, impact)")),
]

# Keys of the kinds of events other apps rely on (migration 0002 creates them).
CLUSTER_MEETING = "cluster_meeting"
POLICY_LAB_SESSION = "policy_lab_session"
COORDINATORS_MEETING = "coordinators_meeting"


def _money(verbose: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("99999999.99"))],
        **kwargs,
    )


# --------------------------------------------------------------------------------------------- people


class Contact(TimeStampedModel):
    """A person who takes part in events, who may never sign in. Consent to keep their data, and its date,
    is required to register; `user` links the record to a platform account when the person has one."""

    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role_title = models.CharField(_("role or title"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. FR."))
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    gender = models.CharField(_("gender (self-declared)"), max_length=12, choices=Gender.choices, blank=True)
    consent_given_at = models.DateTimeField(
        _("consent given at"),
        null=True,
        blank=True,
        help_text=_("When the person agreed that the platform keeps their data for the events they attend."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_contacts",
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_contacts",
        help_text=_("The member city the person works for, if any."),
    )
    calendar_token = models.CharField(
        _("calendar key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("The private key in the address of the person's own calendar of events."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.full_name


# --------------------------------------------------------------------------------------------- events


class EventKind(TimeStampedModel):
    """A kind of event, as data (seeded by migration 0002). `name` is translated (name_en, name_fr)."""

    history: Any
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    multilateral = models.BooleanField(
        _("multilateral"), default=True, help_text=_("Cities of the network meet (not one city alone).")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of event")
        verbose_name_plural = _("kinds of event")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class Audience(models.TextChoices):
    MEMBER_CITIES = "member_cities", _("member cities")
    NETWORK = "network", _("a national network")
    INVITED = "invited", _("invited people")
    PUBLIC = "public", _("public")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    DONE = "done", _("held")
    CANCELLED = "cancelled", _("cancelled")


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> Self:
        """What the public site, the public iCal feed, the API and open data show: published or held public
        events (a cancelled one stays listed as cancelled once it was announced)."""
        return self.filter(audience=Audience.PUBLIC).exclude(status=EventStatus.DRAFT)

    def announced(self) -> Self:
        return self.exclude(status=EventStatus.DRAFT)


class Event(TimeStampedModel):
    """An event of the programme. `title` and `description` are translated (title_en, title_fr, ...)."""

    history: Any
    title_en: str
    title_fr: str
    kind = models.ForeignKey(
        EventKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="events"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Paris",
        help_text=_("The time zone of the place, e.g. Europe/Lisbon: times are shown in it."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    host_city = models.ForeignKey(
        City,
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
        help_text=_("For a study visit, the mentor city that receives the visiting cities."),
    )
    national_network = models.ForeignKey(
        NationalNetwork,
        verbose_name=_("national network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("The network whose cities are invited, when the audience is a national network."),
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.MEMBER_CITIES
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places in all; empty for no limit.")
    )
    places_per_city = models.PositiveSmallIntegerField(
        _("places per city"), null=True, blank=True, help_text=_("Empty for no limit per city.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    funding_ceiling = _money(
        _("funding ceiling per participant (EUR)"),
        help_text=_(
            "Travel and subsistence the Council of Europe pays at most per participant; 0: no funding."
        ),
    )
    personal_data_delete_on = models.DateField(
        _("personal data deleted on"),
        null=True,
        blank=True,
        help_text=_("Needs, itineraries and receipts collected for the event are deleted on this day."),
    )
    public_participants = models.BooleanField(
        _("public list of participants"),
        default=False,
        help_text=_("Participants who agree are listed by name on the event's public page."),
    )
    report = models.TextField(_("report"), blank=True)
    programme_item = models.ForeignKey(
        "ProgrammeItem",
        verbose_name=_("item of the annual programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager["Event"]] = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["status", "audience"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="activities_event_dates_in_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="activities_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class InvitedCity(TimeStampedModel):
    """A city invited to an event as a whole: its coordinators register its delegates."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invited_cities"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="event_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invited city")
        verbose_name_plural = _("invited cities")
        ordering = ["event", "city__name"]
        constraints = [models.UniqueConstraint(fields=["event", "city"], name="activities_city_invited_once")]

    def __str__(self) -> str:
        return f"{self.event} · {self.city}"


class DocumentKind(models.TextChoices):
    BEFORE = "before", _("material before the event")
    AFTER = "after", _("material after the event")
    REPORT = "report", _("report")


def _event_document_path(instance: "EventDocument", filename: str) -> str:
    return f"activities/events/{instance.event_id}/{filename}"


class EventDocument(StoredFile):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=DocumentKind.choices, default=DocumentKind.BEFORE
    )
    file = models.FileField(_("file"), upload_to=_event_document_path, max_length=300)

    class Meta:
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        ordering = ["event", "kind", "created"]


# --------------------------------------------------------------------------------------------- registrations


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", _("invited")
    REGISTERED = "registered", _("registered")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
    DECLINED = "declined", _("declined")


# Registrations that hold a place (counted against the capacity and the places per city).
HOLDING_PLACE = (RegistrationStatus.REGISTERED,)


class Registration(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="registrations"
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    waiting_since = models.DateTimeField(
        _("on the waiting list since"),
        null=True,
        blank=True,
        help_text=_("The first in line gets a freed place."),
    )
    needs = models.TextField(
        _("accessibility and dietary needs"),
        blank=True,
        help_text=_("Seen only by the organisers; deleted with the event's personal data."),
    )
    show_name_publicly = models.BooleanField(
        _("show my name on the public list of participants"), default=False
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    # The follow-up form, after funding is approved.
    itinerary = models.TextField(_("itinerary"), blank=True)
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    follow_up_at = models.DateTimeField(_("follow-up form sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "contact__full_name", "pk"]
        indexes = [models.Index(fields=["event", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "contact"], name="activities_registration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.contact}"


class FundingStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class FundingRequest(TimeStampedModel):
    """Travel and subsistence a participant asks the Council of Europe to pay; the secretariat's decision."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="funding"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FundingStatus.choices, default=FundingStatus.REQUESTED
    )
    travel_requested = _money(_("travel requested (EUR)"))
    subsistence_requested = _money(_("subsistence requested (EUR)"))
    travel_approved = _money(_("travel approved (EUR)"))
    subsistence_approved = _money(_("subsistence approved (EUR)"))
    note = models.TextField(_("participant's note"), blank=True)
    refusal_reason = models.TextField(_("reason for the refusal"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding request")
        verbose_name_plural = _("funding requests")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="activities_refusal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.requested_total}"

    @property
    def requested_total(self) -> Decimal:
        return self.travel_requested + self.subsistence_requested

    @property
    def approved_total(self) -> Decimal:
        return self.travel_approved + self.subsistence_approved


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned to the participant")
    PAID = "paid", _("paid")


class ReimbursementClaim(TimeStampedModel):
    """After the event, what the traveller spent (within what was approved), with receipts."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="claim"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    travel = _money(_("travel (EUR)"))
    subsistence = _money(_("subsistence (EUR)"))
    note = models.TextField(_("participant's note"), blank=True)
    reason = models.TextField(
        _("secretariat's reason"), blank=True, help_text=_("Why the claim was returned.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_amount = _money(_("amount paid (EUR)"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reimbursement claim")
        verbose_name_plural = _("reimbursement claims")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.registration} · {self.total}"

    @property
    def total(self) -> Decimal:
        return self.travel + self.subsistence


def _receipt_path(instance: "ClaimReceipt", filename: str) -> str:
    return f"activities/claims/{instance.claim_id}/{filename}"


class ClaimReceipt(StoredFile):
    claim = models.ForeignKey(
        ReimbursementClaim,
        verbose_name=_("reimbursement claim"),
        on_delete=models.CASCADE,
        related_name="receipts",
    )
    file = models.FileField(_("file"), upload_to=_receipt_path, max_length=300)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["claim", "created"]


class Feedback(TimeStampedModel):
    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="feedback"
    )
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    what_was_new = models.TextField(_("what was new for you"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(usefulness__gte=1, usefulness__lte=5), name="activities_usefulness_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.usefulness}"


class PersonalDataDeletion(TimeStampedModel):
    """The record that an event's personal data (needs, itineraries, receipts) was deleted, and how much."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="personal_data_deletion"
    )
    deleted_at = models.DateTimeField(_("deleted at"))
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the daily task did it."),
    )
    registrations = models.PositiveIntegerField(_("registrations cleared"), default=0)
    receipts = models.PositiveIntegerField(_("receipts deleted"), default=0)

    class Meta:
        verbose_name = _("deletion of an event's personal data")
        verbose_name_plural = _("deletions of events' personal data")
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return f"{self.event} · {self.deleted_at:%Y-%m-%d}"


class GenderTarget(TimeStampedModel):
    """The share of women aimed at among participants, from a year on (the latest that applies wins), for
    every kind of event or for one."""

    from_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.ForeignKey(
        EventKind,
        verbose_name=_("kind of event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="gender_targets",
        help_text=_("Empty: every kind of event."),
    )
    women_share = models.PositiveSmallIntegerField(
        _("share of women aimed at (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gender balance target")
        verbose_name_plural = _("gender balance targets")
        ordering = ["-from_year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["from_year", "kind"], name="activities_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.from_year} · {self.women_share} %"


# --------------------------------------------------------------------------------------------- programme


class ProgrammeStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    VALIDATED = "validated", _("validated")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class ProgrammeItem(TimeStampedModel):
    """A planned activity of the annual programme. `title` is translated (title_en, title_fr)."""

    history: Any
    title_en: str
    title_fr: str
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.ForeignKey(
        EventKind,
        verbose_name=_("kind of activity"),
        on_delete=models.PROTECT,
        related_name="programme_items",
    )
    proposed_by_city = models.ForeignKey(
        City,
        verbose_name=_("proposed by the city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_proposals",
        help_text=_("Empty: proposed by the secretariat."),
    )
    objective = models.CharField(_("objective of the strategy"), max_length=20, choices=OBJECTIVES)
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PROPOSED
    )
    drop_reason = models.TextField(_("why it was dropped"), blank=True)
    validated_at = models.ForeignKey(
        Event,
        verbose_name=_("validated at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="validated_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("item of the annual programme")
        verbose_name_plural = _("items of the annual programme")
        ordering = ["-year", "pk"]
        indexes = [models.Index(fields=["year"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""), name="activities_drop_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.title}"
