"""Funding and partners (issue 15).

Funding: the budget of each year by source. What the secretariat enters: `BudgetLine`s (ordinary budget, an
EU joint project's share, a donor's voluntary contribution, national networks' own resources; planned and
actual), `FundingProject`s (EU co-funded projects: dates, amount, co-funding rate), `OtherCost`s (costs that
no other record holds, with an optional `CostReceipt`), `Donor`s and their `FundingApplication`s (a workflow,
declared once in APPLICATION_WORKFLOW). What is read from the other apps, never typed again: fee income
(icc.network's membership fees), expert fees and travel (icc.experts' expense claims) and events' travel
funding (icc.activities' funding requests and claims): see icc/funding/selectors.py.

Partners: `Partner` organisations (public or not: `Partner.objects.public()`), their `PartnerAgreement`s
(dates, `AgreementDocument` files), `PartnerContribution`s (cash, counted in the year's income, or in kind),
`PartnerContact`s (personal data: the secretariat alone reads them) and `PartnerActivity` links to the
activities' events they took part in (the relation is held here, not in icc.activities).
"""

import datetime
from decimal import Decimal
from typing import Any, Self

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import StoredFile, TimeStampedModel
from icc.core.workflow import Workflow

FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_AMOUNT = Decimal("999999999.99")


def _money(verbose: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_AMOUNT)],
        **kwargs,
    )


def _year(verbose: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )


# ---------------------------------------------------------------------------------------------- budget


class IncomeSource(models.TextChoices):
    """The sources of income. Those entered as budget lines; fee income and partners' cash contributions
    are read from their records (see selectors.INCOME_ORDER)."""

    ORDINARY = "ordinary", _("Council of Europe ordinary budget")
    EU = "eu", _("EU co-funding")
    DONOR = "donor", _("voluntary contributions")
    NETWORKS = "networks", _("national networks' own resources")


class FundingProject(TimeStampedModel):
    """An EU joint project co-funding the programme: its whole amount and the EU's share (the rate)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    amount = _money(_("total amount (EUR)"))
    cofunding_rate = models.DecimalField(
        _("EU co-funding rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("The EU's share of the project's amount, in percent (e.g. 80)."),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("EU joint project")
        verbose_name_plural = _("EU joint projects")
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def eu_amount(self) -> Decimal:
        return (self.amount * self.cofunding_rate / Decimal(100)).quantize(Decimal("0.01"))


class DonorKind(models.TextChoices):
    STATE = "state", _("member state")
    FOUNDATION = "foundation", _("foundation")
    ORGANISATION = "organisation", _("international organisation")
    COMPANY = "company", _("company")
    OTHER = "other", _("other")


class Donor(TimeStampedModel):
    """An organisation that gives or may give voluntary contributions."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=DonorKind.choices, default=DonorKind.FOUNDATION)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO code, e.g. NO."))
    website = models.URLField(_("website"), blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    REPORTING = "reporting", _("reporting")
    CLOSED = "closed", _("closed")


APPLICATION_WORKFLOW = Workflow(
    name="funding application",
    labels=dict(ApplicationStatus.choices),
    transitions={
        ApplicationStatus.DRAFT: [ApplicationStatus.SUBMITTED, ApplicationStatus.CLOSED],
        ApplicationStatus.SUBMITTED: [ApplicationStatus.GRANTED, ApplicationStatus.REFUSED],
        ApplicationStatus.GRANTED: [ApplicationStatus.REPORTING, ApplicationStatus.CLOSED],
        ApplicationStatus.REPORTING: [ApplicationStatus.CLOSED],
    },
    corrections={
        ApplicationStatus.SUBMITTED: [ApplicationStatus.DRAFT],
        ApplicationStatus.GRANTED: [ApplicationStatus.SUBMITTED],
        ApplicationStatus.REFUSED: [ApplicationStatus.SUBMITTED],
    },
)
# Granted money counts as the donor's income of the application's year from these states on.
GRANTED_STATES = (ApplicationStatus.GRANTED, ApplicationStatus.REPORTING, ApplicationStatus.CLOSED)


class FundingApplication(TimeStampedModel):
    """An application to a donor: the amount asked, the amount granted, its deadlines."""

    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="applications"
    )
    title = models.CharField(_("title"), max_length=200)
    year = _year(_("budget year"))
    amount_asked = _money(_("amount asked (EUR)"))
    amount_granted = _money(_("amount granted (EUR)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    submission_deadline = models.DateField(_("submission deadline"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    reporting_deadline = models.DateField(_("reporting deadline"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.donor})"

    @property
    def granted(self) -> bool:
        return self.status in GRANTED_STATES


class BudgetLine(TimeStampedModel):
    """One source's money for one year: what was planned, what came in (blank until known)."""

    year = _year(_("year"))
    source = models.CharField(_("source"), max_length=10, choices=IncomeSource.choices)
    project = models.ForeignKey(
        FundingProject,
        verbose_name=_("EU joint project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        help_text=_("Required for EU co-funding."),
    )
    donor = models.ForeignKey(
        Donor,
        verbose_name=_("donor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        help_text=_("Required for a voluntary contribution."),
    )
    planned = _money(_("planned (EUR)"))
    actual = _money(_("actual (EUR)"), null=True, blank=True, help_text=_("Blank until the money is known."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-year", "source", "pk"]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_source_display()}"


class CostCategory(models.TextChoices):
    STAFF = "staff", _("staff and consultants")
    MEETINGS = "meetings", _("meetings and venues")
    TRANSLATION = "translation", _("translation and interpretation")
    PUBLICATIONS = "publications", _("publications and communication")
    IT = "it", _("IT and the platform")
    OTHER = "other", _("other")


class OtherCost(TimeStampedModel):
    """A cost that no other record holds (expert claims and events' travel funding are read, not typed)."""

    category = models.CharField(_("category"), max_length=12, choices=CostCategory.choices)
    date = models.DateField(_("date"))
    amount = _money(_("amount (EUR)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("other cost")
        verbose_name_plural = _("other costs")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.date} · {self.get_category_display()} · {self.amount}"


def _receipt_path(instance: "CostReceipt", filename: str) -> str:
    return f"funding/costs/{instance.cost_id}/{filename}"


class CostReceipt(StoredFile):
    cost = models.OneToOneField(
        OtherCost, verbose_name=_("other cost"), on_delete=models.CASCADE, related_name="receipt"
    )
    file = models.FileField(_("file"), upload_to=_receipt_path, max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")


# -------------------------------------------------------------------------------------------- partners


class PartnerKind(models.TextChoices):
    NGO = "ngo", _("non-governmental organisation")
    UNIVERSITY = "university", _("university or research centre")
    FOUNDATION = "foundation", _("foundation")
    INTERNATIONAL = "international", _("international organisation")
    NETWORK = "network", _("network of cities")
    OTHER = "other", _("other")


class PartnerQuerySet(models.QuerySet["Partner"]):
    def public(self) -> Self:
        """Partners the public site and the API show: those the secretariat marked public."""
        return self.filter(public=True)


class Partner(TimeStampedModel):
    """A partner organisation. `description` is translated (description_en, description_fr)."""

    history: Any
    description_en: str
    description_fr: str
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=13, choices=PartnerKind.choices, default=PartnerKind.NGO)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO code, e.g. US."))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(
        _("shown on the public site"), default=False, help_text=_("Listed on the public partners page.")
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerAgreement(TimeStampedModel):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="agreements"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Blank when open-ended."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["partner", "-starts_on"]

    def __str__(self) -> str:
        return self.title

    def in_force(self, today: datetime.date) -> bool:
        return self.starts_on <= today and (self.ends_on is None or today <= self.ends_on)


def _agreement_path(instance: "AgreementDocument", filename: str) -> str:
    return f"funding/agreements/{instance.agreement_id}/{filename}"


class AgreementDocument(StoredFile):
    agreement = models.ForeignKey(
        PartnerAgreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=_agreement_path, max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["agreement", "-created"]


class ContributionKind(models.TextChoices):
    CASH = "cash", _("in cash")
    IN_KIND = "in_kind", _("in kind")


class PartnerContribution(TimeStampedModel):
    """What a partner gives in a year: cash counts in that year's income; in kind is valued, not counted."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contributions"
    )
    year = _year(_("year"))
    kind = models.CharField(_("kind"), max_length=8, choices=ContributionKind.choices)
    amount = _money(_("amount or value (EUR)"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["partner", "-year", "pk"]

    def __str__(self) -> str:
        return f"{self.partner} · {self.year} · {self.get_kind_display()}"


class PartnerContact(TimeStampedModel):
    """A person at a partner organisation: personal data, read by the secretariat alone."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["partner", "name"]

    def __str__(self) -> str:
        return self.name


class PartnerActivity(TimeStampedModel):
    """A partner took part in an event of icc.activities (the relation lives here, on the partners' side)."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="activities"
    )
    event = models.ForeignKey(
        "activities.Event", verbose_name=_("event"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("e.g. co-organiser, speaker."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity taken part in")
        verbose_name_plural = _("activities taken part in")
        ordering = ["partner", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "event"], name="funding_partner_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} · {self.event_id}"
