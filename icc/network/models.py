"""The network register: cities, their accession and fees, national networks, and the rules of growth."""

import datetime
from decimal import Decimal
from typing import ClassVar, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from icc.core.models import TimeStampedModel
from icc.core.workflow import Workflow

SHARE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class CityStatus(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry")
    CANDIDATE = "candidate", _("Candidate")
    MEMBER = "member", _("Member")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The statuses the public site, open data and API name: enquiries, suspensions and withdrawals are internal.
PUBLIC_CITY_STATUSES = (CityStatus.MEMBER, CityStatus.CANDIDATE)

# Membership itself is granted only by the accession step "member"; the other moves are manual
# (`icc.network.services.cities.city_status_choices`). Undoing the accession step "member" or
# "application received" corrects the record: a member back to candidate, a candidate back to enquiry.
CITY_STATUS_WORKFLOW = Workflow(
    name="city status",
    labels=dict(CityStatus.choices),
    transitions={
        CityStatus.ENQUIRY: [CityStatus.CANDIDATE, CityStatus.WITHDRAWN],
        CityStatus.CANDIDATE: [CityStatus.MEMBER, CityStatus.WITHDRAWN],
        CityStatus.MEMBER: [CityStatus.SUSPENDED, CityStatus.WITHDRAWN],
        CityStatus.SUSPENDED: [CityStatus.MEMBER, CityStatus.WITHDRAWN],
        CityStatus.WITHDRAWN: [CityStatus.ENQUIRY, CityStatus.CANDIDATE],
    },
    corrections={
        CityStatus.MEMBER: [CityStatus.CANDIDATE],
        CityStatus.CANDIDATE: [CityStatus.ENQUIRY],
    },
)


class AccessionStepKind(models.TextChoices):
    APPLICATION_RECEIVED = "application_received", _("Application received")
    INDEX_SUBMITTED = "index_submitted", _("Index questionnaire submitted")
    REPORT_ISSUED = "report_issued", _("Analytical report issued")
    EXPERT_VISIT_HELD = "expert_visit_held", _("Expert visit held")
    PROFILE_ISSUED = "profile_issued", _("Intercultural profile issued")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    MEMBER = "member", _("Member")


ACCESSION_ORDER: list[str] = [str(value) for value in AccessionStepKind.values]
NOT_STARTED = "not_started"
# The accession path is strictly sequential: each step may only follow the one before it.
ACCESSION_WORKFLOW = Workflow(
    name="accession",
    labels={
        NOT_STARTED: pgettext_lazy("accession board column", "Not started"),
        **dict(AccessionStepKind.choices),
    },
    transitions={
        before: [after]
        for before, after in zip([NOT_STARTED, *ACCESSION_ORDER], ACCESSION_ORDER, strict=False)
    },
)


class NetworkSettings(TimeStampedModel):
    """The rules of the network the secretariat may change: eligibility, pace of growth, fees (one row)."""

    min_population = models.PositiveIntegerField(_("minimum population"), default=30_000)
    min_diversity_share = models.DecimalField(
        _("minimum diversity share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(5),
        validators=SHARE_VALIDATORS,
        help_text=_("Foreign residents, foreign-born residents or national minorities: at least one share."),
    )
    admissions_per_quarter_cap = models.PositiveIntegerField(
        _("admissions per quarter"),
        default=6,
        help_text=_(
            "A warning is shown when admitting a city would exceed this number in a calendar quarter."
        ),
    )
    underrepresented_max_members = models.PositiveIntegerField(
        _("under-represented below"),
        default=2,
        help_text=_(
            "Council of Europe member states with fewer members than this are flagged as priorities."
        ),
    )
    default_annual_fee = models.DecimalField(
        _("default annual fee (EUR)"), max_digits=9, decimal_places=2, default=Decimal(5000)
    )
    fee_due_month = models.PositiveSmallIntegerField(
        _("fees due by the end of month"), default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    shows_demo_notice = models.BooleanField(
        _("show the demo-data notice"),
        default=False,
        help_text=_("Set when the demo data is loaded: figures other than geography are synthetic."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self) -> str:
        return str(_("Network settings"))


class GrowthTarget(TimeStampedModel):
    deadline = models.DateField(_("deadline"), unique=True)
    members = models.PositiveIntegerField(_("member cities"))
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("growth target")
        verbose_name_plural = _("growth targets")
        ordering = ["deadline"]

    def __str__(self) -> str:
        return f"{self.members} · {self.deadline:%Y-%m-%d}"


class NationalNetwork(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    country = models.CharField(_("country"), max_length=2)
    founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    lead_city = models.ForeignKey(
        "City",
        verbose_name=_("lead city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_networks",
    )

    class Meta:
        verbose_name = _("national network")
        verbose_name_plural = _("national networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:network_detail", args=[self.slug])


class CityQuerySet(models.QuerySet["City"]):
    def public(self) -> Self:
        """The cities the public site, open data, the sitemap and the API show to everyone: members and
        candidates, and any city with published Index results whatever its status now (a suspended or
        withdrawn city keeps the results it agreed to publish, so its page stays). The one rule; see
        docs/permissions.md."""
        # Publication is decided by the Index (which depends on the register, not the other way round):
        # imported here so that the rule stays one expression.
        from icc.index.models import Response
        from icc.index.selectors.publication import PUBLISHED_RESPONSE

        with_results = Exists(Response.objects.filter(PUBLISHED_RESPONSE, city=OuterRef("pk")))
        return self.filter(Q(status__in=PUBLIC_CITY_STATUSES) | Q(with_results))


class CityManager(models.Manager["City"]):
    def get_queryset(self) -> CityQuerySet:
        return CityQuerySet(self.model, using=self._db)

    def public(self) -> CityQuerySet:
        return self.get_queryset().public()


class City(TimeStampedModel):
    name_en: str  # added by modeltranslation, like name_fr
    name_fr: str
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(
        _("name for duplicate checks"),
        max_length=200,
        editable=False,
        help_text=_("Case and accents folded."),
    )
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    is_capital = models.BooleanField(_("capital city"), default=False)
    website = models.URLField(_("website"), blank=True)

    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population: year"), null=True, blank=True)
    population_source = models.CharField(_("population: source"), max_length=300, blank=True)
    foreign_residents_share = models.DecimalField(
        _("foreign residents (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SHARE_VALIDATORS,
    )
    foreign_residents_year = models.PositiveSmallIntegerField(
        _("foreign residents: year"), null=True, blank=True
    )
    foreign_residents_source = models.CharField(_("foreign residents: source"), max_length=300, blank=True)
    foreign_born_share = models.DecimalField(
        _("foreign-born residents (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SHARE_VALIDATORS,
    )
    foreign_born_year = models.PositiveSmallIntegerField(_("foreign-born: year"), null=True, blank=True)
    foreign_born_source = models.CharField(_("foreign-born: source"), max_length=300, blank=True)
    minorities_share = models.DecimalField(
        _("national minorities (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SHARE_VALIDATORS,
    )
    minorities_year = models.PositiveSmallIntegerField(_("national minorities: year"), null=True, blank=True)
    minorities_source = models.CharField(_("national minorities: source"), max_length=300, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=CityStatus.choices, default=CityStatus.ENQUIRY
    )
    status_since = models.DateField(_("status since"), default=datetime.date.today)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    eligibility_justification = models.TextField(
        _("justification for admission despite eligibility rules"), blank=True
    )
    national_network = models.ForeignKey(
        NationalNetwork,
        verbose_name=_("national network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cities",
    )
    support_group_established = models.DateField(
        _("intercultural support group set up on"), null=True, blank=True
    )
    support_group_description = models.TextField(_("intercultural support group"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True)

    objects: ClassVar[CityManager] = CityManager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name_key"], name="city_unique_name_in_country")
        ]
        indexes = [models.Index(fields=["status", "country"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:city_detail", args=[self.slug])

    @property
    def public_status(self) -> str | None:
        """ "member" or "candidate"; None for an internal status, which public channels never name."""
        return self.status if self.status in PUBLIC_CITY_STATUSES else None

    @property
    def diversity_share(self) -> Decimal | None:
        """The highest of the three diversity figures: the eligibility rule accepts any one of them."""
        shares = [
            s
            for s in (self.foreign_residents_share, self.foreign_born_share, self.minorities_share)
            if s is not None
        ]
        return max(shares) if shares else None


class CityContact(TimeStampedModel):
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    in_support_group = models.BooleanField(_("member of the intercultural support group"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AccessionStep(TimeStampedModel):
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="accession_steps"
    )
    step = models.CharField(_("step"), max_length=32, choices=AccessionStepKind.choices)
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accession step")
        verbose_name_plural = _("accession steps")
        ordering = ["city", "date", "created"]
        constraints = [models.UniqueConstraint(fields=["city", "step"], name="accession_step_once_per_city")]

    def __str__(self) -> str:
        return f"{self.city} · {self.get_step_display()}"


def _accession_document_path(instance: "AccessionDocument", filename: str) -> str:
    return f"accession/{instance.step.city_id}/{filename}"


class AccessionDocument(TimeStampedModel):
    step = models.ForeignKey(
        AccessionStep, verbose_name=_("accession step"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_accession_document_path, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("accession document")
        verbose_name_plural = _("accession documents")
        ordering = ["created"]

    def __str__(self) -> str:
        return self.title


class AnnualFee(TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=9, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual fee")
        verbose_name_plural = _("annual fees")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount} EUR"


class FeeStatus(models.TextChoices):
    DUE = "due", _("Due")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")
    # "Overdue" is not stored: a fee is overdue when it is due and its due date has passed.


# A fee is settled by payment or exemption; a settled fee goes back to "due" only to correct a mistake.
FEE_WORKFLOW = Workflow(
    name="membership fee",
    labels=dict(FeeStatus.choices),
    transitions={
        FeeStatus.DUE: [FeeStatus.PAID, FeeStatus.WAIVED],
        FeeStatus.PAID: [FeeStatus.DUE],
        FeeStatus.WAIVED: [FeeStatus.DUE],
    },
)


class MembershipPeriod(TimeStampedModel):
    """One city's membership year and the fee it owes for it; created once, never replaced."""

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="membership_periods"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("fee (EUR)"), max_digits=9, decimal_places=2)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=8, choices=FeeStatus.choices, default=FeeStatus.DUE)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    invoice_reference = models.CharField(_("invoice reference"), max_length=100, blank=True)
    exemption_reason = models.TextField(_("reason for the exemption"), blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        ordering = ["-year", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="membership_period_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.year}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status == FeeStatus.DUE and self.due_date < (today or datetime.date.today())

    @property
    def display_status(self) -> str:
        return str(_("Overdue")) if self.is_overdue() else str(self.get_status_display())


class PlanKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Action plan")
    ANNUAL_REPORT = "annual_report", _("Annual report")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("status", "Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with comments")


PLAN_WORKFLOW = Workflow(
    name="national network plan",
    labels=dict(PlanStatus.choices),
    transitions={
        PlanStatus.DRAFT: [PlanStatus.SUBMITTED],
        PlanStatus.SUBMITTED: [PlanStatus.APPROVED, PlanStatus.RETURNED],
        PlanStatus.RETURNED: [PlanStatus.SUBMITTED],
        PlanStatus.APPROVED: [],
    },
)


def _plan_document_path(instance: "NetworkPlan", filename: str) -> str:
    return f"networks/{instance.network_id}/{instance.year}/{filename}"


class NetworkPlan(TimeStampedModel):
    """A national network's yearly action plan or yearly report, approved by the secretariat."""

    network = models.ForeignKey(
        NationalNetwork, verbose_name=_("national network"), on_delete=models.CASCADE, related_name="plans"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(_("document"), upload_to=_plan_document_path, blank=True, max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
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
    secretariat_comments = models.TextField(_("comments from the secretariat"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan or report")
        verbose_name_plural = _("action plans and reports")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["network", "kind", "year"], name="network_plan_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.network} · {self.get_kind_display()} {self.year}"
