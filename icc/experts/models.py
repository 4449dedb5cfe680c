"""Experts and expert visits (issue 19): the pool, the work experts do, visits and intercultural profiles.

The pool (icc/experts/views/pool.py):
- `Expert`: one person in the pool, optionally linked to a user account (the user's EXPERT role is what lets
  them sign in as an expert; a person may hold other roles too). `ExpertLanguage`, `ExpertExpertise` (an
  Index area key or a `Theme`), `ExpertCountry` (countries known), `ExpertDocument` (CV and documents, stored
  and served like the Index evidence files), `TrainingRecord` (sessions attended).
- `Theme`: the themes of expertise, as data (translated names: icc/experts/translation.py).
- `PoolTarget`: the pool's targets (share of women, number of French speakers) as editable data.

Work (icc/experts/views/work.py): `WorkKind` (data), `Assignment` with its `AssignmentExpert` team,
`CallInterest` (answers to open calls), `ExpenseClaim` with `ExpenseReceipt`.

Visits and profiles (icc/experts/views/profiles.py): `Visit` (one per assignment that is a visit) with
`StakeholderMeeting` and `VisitDocument`; `Profile` (the intercultural profile, the report of a first visit)
with `ProfileArea` and the secretariat's `ProfileComment`.
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

# --------------------------------------------------------------------------------------------- the pool


class ExpertStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    IN_TRAINING = "in_training", _("in training")
    ACTIVE = "active", _("active")
    INACTIVE = "inactive", _("inactive")


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("native")
    FLUENT = "fluent", _("fluent")
    WORKING = "working", _("working knowledge")
    BASIC = "basic", _("basic")


# The levels at which an expert counts as speaking a language (for "French speakers" and the pool figures).
SPEAKING_LEVELS = (LanguageLevel.NATIVE, LanguageLevel.FLUENT, LanguageLevel.WORKING)


class ExpertQuerySet(models.QuerySet["Expert"]):
    def active(self) -> Self:
        return self.filter(status=ExpertStatus.ACTIVE)

    def not_erased(self) -> Self:
        return self.filter(erased_at__isnull=True)

    def speaking(self, language: str) -> Self:
        """Experts who speak `language` (an ISO 639-1 code) at a working level or better."""
        return self.filter(languages__language=language, languages__level__in=SPEAKING_LEVELS).distinct()


class Expert(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
        help_text=_("The account the expert signs in with, if they have one."),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    gender = models.CharField(_("gender (self-declared)"), max_length=12, choices=Gender.choices, blank=True)
    country = models.CharField(
        _("country of residence"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. FR.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ExpertStatus.choices, default=ExpertStatus.CANDIDATE
    )
    availability_note = models.TextField(_("availability"), blank=True)
    biography = models.TextField(_("short biography"), blank=True)
    mentor = models.ForeignKey(
        "self",
        verbose_name=_("mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentees",
    )
    calendar_token = models.CharField(
        _("calendar key"),
        max_length=64,
        blank=True,
        help_text=_("The private key in the address of the expert's calendar feed."),
    )
    erased_at = models.DateTimeField(
        _("personal data erased"),
        null=True,
        blank=True,
        help_text=_("When the expert's personal data was erased on request; the record stays anonymised."),
    )
    history = HistoricalRecords()

    objects: ClassVar[models.Manager["Expert"]] = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.full_name


class CalendarKey(TimeStampedModel):
    """A secretariat person's private key to the calendar of visits as a feed. The same mechanism as the
    expert's own key (`Expert.calendar_token`): made and renewed by
    icc.experts.services.assignments.calendar_key_renew, read at calendar/<key>.ics (views/calendar.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="visits_calendar_key",
    )
    calendar_token = models.CharField(
        _("calendar key"),
        max_length=64,
        db_index=True,
        help_text=_("The private key in the address of the calendar of visits."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar key")
        verbose_name_plural = _("calendar keys")

    def __str__(self) -> str:
        return str(self.user)


class ExpertLanguage(TimeStampedModel):
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code, e.g. fr."))
    level = models.CharField(_("level"), max_length=8, choices=LanguageLevel.choices)
    working = models.BooleanField(
        _("working language"), default=False, help_text=_("The expert works in this language on visits.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language of an expert")
        verbose_name_plural = _("languages of experts")
        ordering = ["expert", "-working", "language"]
        constraints = [models.UniqueConstraint(fields=["expert", "language"], name="experts_language_once")]

    def __str__(self) -> str:
        return f"{self.expert} · {self.language}"


class Theme(TimeStampedModel):
    """A theme of expertise beside the Index areas (refugee reception, anti-rumour, ...). `name` is
    translated (name_en, name_fr: icc/experts/translation.py, which registers the history too)."""

    history: Any
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class ExpertExpertise(TimeStampedModel):
    """One field of expertise: an Index area (its key, as in icc/index/questionnaires/) or a theme."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="expertise"
    )
    area = models.CharField(_("Index area"), max_length=60, blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expertise",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("field of expertise")
        verbose_name_plural = _("fields of expertise")
        ordering = ["expert", "area", "theme"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(area="") & Q(theme__isnull=False)) | (~Q(area="") & Q(theme__isnull=True)),
                name="experts_expertise_area_or_theme",
            ),
            models.UniqueConstraint(
                fields=["expert", "area"], condition=~Q(area=""), name="experts_expertise_area_once"
            ),
            models.UniqueConstraint(
                fields=["expert", "theme"],
                condition=Q(theme__isnull=False),
                name="experts_expertise_theme_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.area or self.theme}"


class ExpertCountry(TimeStampedModel):
    """A country the expert knows well (worked or lived there)."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="countries_known"
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, e.g. DE."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country known")
        verbose_name_plural = _("countries known")
        ordering = ["expert", "country"]
        constraints = [models.UniqueConstraint(fields=["expert", "country"], name="experts_country_once")]

    def __str__(self) -> str:
        return f"{self.expert} · {self.country}"


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    OTHER = "other", _("other document")


def _expert_document_path(instance: "ExpertDocument", filename: str) -> str:
    return f"experts/{instance.expert_id}/{filename}"


class ExpertDocument(StoredFile):
    """A CV or another document: checked by icc.core.uploads.validate_upload, stored under MEDIA_ROOT and
    served only through a view that checks access (like icc.index.models.EvidenceFile)."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=DocumentKind.choices, default=DocumentKind.CV)
    file = models.FileField(_("file"), upload_to=_expert_document_path, max_length=300)

    class Meta:
        verbose_name = _("expert's document")
        verbose_name_plural = _("experts' documents")
        ordering = ["expert", "created"]


class TrainingRecord(TimeStampedModel):
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="training"
    )
    session = models.CharField(_("training session"), max_length=200)
    held_on = models.DateField(_("date"))
    attended = models.BooleanField(_("attended"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["expert", "-held_on"]

    def __str__(self) -> str:
        return f"{self.expert} · {self.session}"


class TargetKind(models.TextChoices):
    WOMEN_SHARE = "women_share", _("share of women among active experts (%)")
    FRENCH_SPEAKERS = "french_speakers", _("number of active French-speaking experts")
    ACTIVE_EXPERTS = "active_experts", _("number of active experts")


class PoolTarget(TimeStampedModel):
    """What the programme aims for in the pool, by a date: edited by the secretariat, read with progress."""

    kind = models.CharField(_("target"), max_length=20, choices=TargetKind.choices)
    value = models.DecimalField(
        _("target value"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0))],
    )
    due_on = models.DateField(_("to be reached by"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pool target")
        verbose_name_plural = _("pool targets")
        ordering = ["kind", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "due_on"], name="experts_target_once_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.due_on}"


# --------------------------------------------------------------------------------------------- work


class WorkKind(TimeStampedModel):
    """A kind of expert work, as data (seeded by a migration). `name` is translated (name_en, name_fr)."""

    history: Any
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_visit = models.BooleanField(
        _("is a visit"), default=True, help_text=_("Work of this kind has a visit record and a visit report.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of expert work")
        verbose_name_plural = _("kinds of expert work")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class AssignmentStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CONFIRMED = "confirmed", _("confirmed")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Assignment(TimeStampedModel):
    """A piece of expert work: for a city, a national network, or neither (a learning cluster)."""

    kind = models.ForeignKey(
        WorkKind, verbose_name=_("kind of work"), on_delete=models.PROTECT, related_name="assignments"
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert_assignments",
    )
    national_network = models.ForeignKey(
        NationalNetwork,
        verbose_name=_("national network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert_assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.PLANNED
    )
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    coe_representative = models.CharField(_("Council of Europe representative"), max_length=200, blank=True)
    fee_planned = models.DecimalField(
        _("planned fees (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0))],
    )
    expenses_planned = models.DecimalField(
        _("planned expenses (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0))],
    )
    open_call = models.BooleanField(
        _("open call"),
        default=False,
        help_text=_("Published to the pool: experts may say they are interested."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Commentary on a city report is kept in step with the experts the report names
    # (icc/experts/services/report_work.py); the reports app does not know of it.
    report = models.OneToOneField(
        "reports.Report",
        verbose_name=_("city report commented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert_work",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["starts_on"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="experts_dates_in_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="experts_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AssignmentExpert(TimeStampedModel):
    """An expert on an assignment's team; one of them leads. The expert declares conflicts of interest."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="team"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="assignments"
    )
    lead = models.BooleanField(_("lead expert"), default=False)
    conflict_declared_at = models.DateTimeField(_("conflict declaration made"), null=True, blank=True)
    conflict_statement = models.TextField(
        _("conflicts of interest declared"),
        blank=True,
        help_text=_("Empty with a date: the expert declared no conflict of interest."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert on an assignment")
        verbose_name_plural = _("experts on assignments")
        ordering = ["assignment", "-lead", "expert__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "expert"], name="experts_team_once"),
            models.UniqueConstraint(fields=["assignment"], condition=Q(lead=True), name="experts_one_lead"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.expert}"


class CallInterest(TimeStampedModel):
    """An expert's answer to an open call: interested, available or not, with a note."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="interests"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="call_interests"
    )
    available = models.BooleanField(_("available on these dates"), default=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("answered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interest in an open call")
        verbose_name_plural = _("interests in open calls")
        ordering = ["assignment", "at"]
        constraints = [models.UniqueConstraint(fields=["assignment", "expert"], name="experts_interest_once")]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.expert}"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    CORRECTED = "corrected", _("corrected by the secretariat")
    RETURNED = "returned", _("returned to the expert")


def _money(verbose: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("99999999.99"))],
    )


class ExpenseClaim(TimeStampedModel):
    """An expert's claim after a piece of work: travel, subsistence and fee in EUR, with receipts."""

    assignment_expert = models.ForeignKey(
        AssignmentExpert,
        verbose_name=_("expert on the assignment"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    travel = _money(_("travel (EUR)"))
    subsistence = _money(_("subsistence (EUR)"))
    fee = _money(_("fee (EUR)"))
    expert_note = models.TextField(_("expert's note"), blank=True)
    reason = models.TextField(
        _("secretariat's reason"), blank=True, help_text=_("Why the claim was corrected or returned.")
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.assignment_expert} · {self.total}"

    @property
    def total(self) -> Decimal:
        return self.travel + self.subsistence + self.fee


def _receipt_path(instance: "ExpenseReceipt", filename: str) -> str:
    return f"experts/claims/{instance.claim_id}/{filename}"


class ExpenseReceipt(StoredFile):
    claim = models.ForeignKey(
        ExpenseClaim, verbose_name=_("expense claim"), on_delete=models.CASCADE, related_name="receipts"
    )
    file = models.FileField(_("file"), upload_to=_receipt_path, max_length=300)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["claim", "created"]


# --------------------------------------------------------------------------------------------- visits


class Visit(TimeStampedModel):
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="visit"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    report = models.TextField(
        _("visit report"),
        blank=True,
        help_text=_("For visits other than a first visit (whose report is the profile)."),
    )
    report_gender_equality = models.TextField(
        _("gender equality (visit report)"),
        blank=True,
        help_text=_(
            "The visit report's gender-equality section: how what the visit looked at considers women "
            "and men of migrant and minority background."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-assignment__starts_on"]

    def __str__(self) -> str:
        return str(self.assignment)


class StakeholderCategory(models.TextChoices):
    POLITICIANS = "politicians", _("politicians")
    OFFICIALS = "officials", _("officials")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    BUSINESS = "business", _("business")
    MEDIA = "media", _("media")
    FAITH_LEADERS = "faith_leaders", _("faith leaders")
    TRADE_UNIONS = "trade_unions", _("trade unions")


class StakeholderMeeting(TimeStampedModel):
    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="meetings"
    )
    category = models.CharField(_("stakeholders"), max_length=20, choices=StakeholderCategory.choices)
    count = models.PositiveSmallIntegerField(_("people met"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stakeholders met")
        verbose_name_plural = _("stakeholders met")
        ordering = ["visit", "category"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "category"], name="experts_meeting_once_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.get_category_display()}"


def _visit_document_path(instance: "VisitDocument", filename: str) -> str:
    return f"experts/visits/{instance.visit_id}/{filename}"


class VisitDocument(StoredFile):
    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=_visit_document_path, max_length=300)

    class Meta:
        verbose_name = _("visit document")
        verbose_name_plural = _("visit documents")
        ordering = ["visit", "created"]


class ProfileStatus(models.TextChoices):
    DRAFTING = "drafting", _("being drafted")
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("returned to the expert")
    ACCEPTED = "accepted", _("accepted")
    SHARED = "shared", _("shared with the city")
    PUBLISHED = "published", _("published")


class ProfileQuerySet(models.QuerySet["Profile"]):
    def public(self) -> Self:
        """Published profiles: the city agreed and the secretariat published."""
        return self.filter(status=ProfileStatus.PUBLISHED, published_at__isnull=False)


class Profile(TimeStampedModel):
    """The intercultural profile: the report of a first visit, one per visit and language."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="profiles"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.DRAFTING
    )
    summary = models.TextField(_("summary"), blank=True)
    # How the city's intercultural work considers women and men of migrant and minority background: a part of
    # every profile, which the secretariat does not accept empty (issue 18).
    gender_equality = models.TextField(_("gender equality"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    shared_at = models.DateTimeField(_("shared with the city at"), null=True, blank=True)
    city_agreed_at = models.DateTimeField(_("city agreed to publication at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    history = HistoricalRecords()

    objects: ClassVar[models.Manager["Profile"]] = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("intercultural profile")
        verbose_name_plural = _("intercultural profiles")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "language"], name="experts_profile_once_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.language}"


class ProfileArea(TimeStampedModel):
    """Per Index area (its key, as in icc/index/questionnaires/): strengths, needs and recommendations."""

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="areas"
    )
    area = models.CharField(_("Index area"), max_length=60)
    strengths = models.TextField(_("strengths"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area of a profile")
        verbose_name_plural = _("areas of a profile")
        ordering = ["profile", "pk"]
        constraints = [models.UniqueConstraint(fields=["profile", "area"], name="experts_profile_area_once")]

    def __str__(self) -> str:
        return f"{self.profile} · {self.area}"


class ProfileComment(TimeStampedModel):
    """The secretariat's review comment on a profile, on one area or on the whole."""

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="comments"
    )
    area = models.CharField(_("Index area"), max_length=60, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment on a profile")
        verbose_name_plural = _("comments on profiles")
        ordering = ["profile", "created"]

    def __str__(self) -> str:
        return f"{self.profile} · {self.created:%Y-%m-%d}"
