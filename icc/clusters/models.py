"""Learning clusters and the policy lab (issue 20).

Learning clusters: `ClusterTheme` (data: a theme and the Index areas it maps to, translated names),
`LearningCluster` (theme, lead expert, terms of reference as a `ClusterDocument`, expected results, dates,
status) with its `ClusterMember` cities (mentor or learner, joined when and why), the lead expert's
`ProgressReport`s reviewed by the secretariat, its meetings (`ClusterMeeting`: an activities Event), and the
strategy's `ClusterTarget`s (clusters to launch per year).

The policy lab: `PolicyLab` (a cohort over one or more years), its open `LabCall`s with their
`LabApplication`s scored per `LabCriterion` (data: weight and maximum) in `LabScore`s, its `LabMember`s,
and its sessions (`LabSession`: an activities Event of kind policy_lab_session, whose registrations record
attendance).
"""

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import Gender, StoredFile, TimeStampedModel
from icc.core.workflow import Workflow
from icc.experts.models import Expert
from icc.network.models import City

# --------------------------------------------------------------------------------------------- clusters


class ClusterTheme(TimeStampedModel):
    """A theme of learning clusters, as data (seeded by a migration): `name` is translated (name_en, name_fr:
    icc/clusters/translation.py) and `areas` lists the Index area keys the theme maps to."""

    history: Any
    name_en: str  # added by modeltranslation, like name_fr
    name_fr: str
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    areas = models.JSONField(
        _("Index areas"), default=list, help_text=_("Keys of the Index areas of the theme, e.g. welcoming.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cluster theme")
        verbose_name_plural = _("cluster themes")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class ClusterStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


CLUSTER_WORKFLOW = Workflow(
    name="learning cluster",
    labels=dict(ClusterStatus.choices),
    transitions={
        ClusterStatus.PLANNED: [ClusterStatus.RUNNING, ClusterStatus.CANCELLED],
        ClusterStatus.RUNNING: [ClusterStatus.COMPLETED, ClusterStatus.CANCELLED],
    },
    corrections={ClusterStatus.COMPLETED: [ClusterStatus.RUNNING]},
)


class LearningClusterQuerySet(models.QuerySet["LearningCluster"]):
    def public(self) -> Self:
        """Clusters the public site and the public API show: launched ones (running or completed)."""
        return self.filter(status__in=(ClusterStatus.RUNNING, ClusterStatus.COMPLETED))


class LearningCluster(TimeStampedModel):
    """A group of cities and a lead expert learning together on one theme. `title` is translated."""

    history: Any
    title_en: str  # added by modeltranslation, like title_fr
    title_fr: str
    theme = models.ForeignKey(
        ClusterTheme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="clusters"
    )
    title = models.CharField(_("title"), max_length=200)
    lead_expert = models.ForeignKey(
        Expert,
        verbose_name=_("lead expert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_clusters",
    )
    expected_results = models.TextField(_("expected results"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ClusterStatus.choices, default=ClusterStatus.PLANNED
    )
    report_every_months = models.PositiveSmallIntegerField(
        _("progress report every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("The lead expert reports on the cluster's progress this often."),
    )

    objects = LearningClusterQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning cluster")
        verbose_name_plural = _("learning clusters")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="clusters_cluster_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def launched_in(self) -> int:
        return self.starts_on.year


class MemberRole(models.TextChoices):
    MENTOR = "mentor", _("mentor")
    LEARNER = "learner", _("learner")


class ClusterMember(TimeStampedModel):
    """A member city of a cluster: mentor or learner, since when, and why (the secretariat's words and the
    matching's reasons and scores when it was chosen from a suggestion)."""

    cluster = models.ForeignKey(
        LearningCluster, verbose_name=_("learning cluster"), on_delete=models.CASCADE, related_name="members"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=MemberRole.choices)
    joined_on = models.DateField(_("joined on"))
    reason = models.TextField(_("why this city"), blank=True)
    matching = models.JSONField(
        _("matching at the time"),
        default=dict,
        blank=True,
        help_text=_("The suggestion the city was chosen from: its theme score, area scores and reasons."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member city of a cluster")
        verbose_name_plural = _("member cities of clusters")
        ordering = ["cluster", "role", "city__name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "city"], name="clusters_member_once")]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.city}"


class DocumentKind(models.TextChoices):
    TERMS_OF_REFERENCE = "terms", _("terms of reference")
    OTHER = "other", _("other document")


def _cluster_document_path(instance: "ClusterDocument", filename: str) -> str:
    return f"clusters/{instance.cluster_id}/{filename}"


class ClusterDocument(StoredFile):
    """The terms of reference (the newest is the one in force) and other documents of a cluster: checked by
    icc.core.uploads, served only through a view that checks access."""

    cluster = models.ForeignKey(
        LearningCluster,
        verbose_name=_("learning cluster"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=DocumentKind.choices, default=DocumentKind.TERMS_OF_REFERENCE
    )
    file = models.FileField(_("file"), upload_to=_cluster_document_path, max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cluster document")
        verbose_name_plural = _("cluster documents")
        ordering = ["cluster", "-created"]


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("returned to the lead expert")
    REVIEWED = "reviewed", _("reviewed")


REPORT_WORKFLOW = Workflow(
    name="progress report",
    labels=dict(ReportStatus.choices),
    transitions={
        ReportStatus.SUBMITTED: [ReportStatus.REVIEWED, ReportStatus.RETURNED],
        ReportStatus.RETURNED: [ReportStatus.SUBMITTED],
    },
)


class ProgressReport(TimeStampedModel):
    """The lead expert's report on a period of the cluster's work, reviewed by the secretariat."""

    cluster = models.ForeignKey(
        LearningCluster, verbose_name=_("learning cluster"), on_delete=models.CASCADE, related_name="reports"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    text = models.TextField(_("progress"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(_("secretariat's note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["cluster", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="clusters_report_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.period_start:%Y-%m}–{self.period_end:%Y-%m}"


class ClusterTarget(TimeStampedModel):
    """The strategy's target: how many learning clusters to launch in a year (data: two in 2016, two in
    2018)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    clusters = models.PositiveSmallIntegerField(_("clusters to launch"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("learning cluster target")
        verbose_name_plural = _("learning cluster targets")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.clusters}"


class ClusterMeeting(TimeStampedModel):
    """A meeting of a cluster: an event of the programme (icc.activities, kind cluster_meeting); its
    registrations are the cities' delegates, counted for the cluster's gender balance."""

    cluster = models.ForeignKey(
        LearningCluster, verbose_name=_("learning cluster"), on_delete=models.CASCADE, related_name="meetings"
    )
    event = models.OneToOneField(
        "activities.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="cluster_meeting"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cluster meeting")
        verbose_name_plural = _("cluster meetings")
        ordering = ["cluster", "event__starts_at"]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.event}"


# --------------------------------------------------------------------------------------------- policy lab


class PolicyLab(TimeStampedModel):
    """A cohort of the "Inclusive integration policy lab": the same members across its 2-3 sessions a year
    from `first_year` to `last_year`. `title` is translated."""

    history: Any
    title_en: str
    title_fr: str
    title = models.CharField(_("title"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("policy lab cohort")
        verbose_name_plural = _("policy lab cohorts")
        ordering = ["-first_year", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")), name="clusters_lab_years")
        ]

    def __str__(self) -> str:
        return self.title


class LabCallQuerySet(models.QuerySet["LabCall"]):
    def open_on(self, day: Any) -> Self:
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class LabCall(TimeStampedModel):
    """An open call for members of a cohort: anyone applies on its public page, no account needed.
    `title` and `introduction` are translated."""

    history: Any
    title_en: str
    title_fr: str
    introduction_en: str
    introduction_fr: str
    lab = models.ForeignKey(
        PolicyLab, verbose_name=_("policy lab cohort"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    places = models.PositiveSmallIntegerField(_("places"), default=20)

    objects = LabCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy lab call")
        verbose_name_plural = _("policy lab calls")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="clusters_call_dates")
        ]

    def __str__(self) -> str:
        return self.title


class LabCriterion(TimeStampedModel):
    """A selection criterion, as data (seeded by a migration): every application is scored 0..max_score on
    each active criterion; `weight` says how much it counts in the total. `name` is translated."""

    history: Any
    key = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class OrganisationType(models.TextChoices):
    NATIONAL = "national", _("national administration")
    ACADEMIA = "academia", _("academia")
    NGO = "ngo", _("NGO")
    CITY = "city", _("city")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("to decide")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class LabApplication(TimeStampedModel):
    """An application to a call, made on the public page without an account."""

    call = models.ForeignKey(
        LabCall, verbose_name=_("policy lab call"), on_delete=models.PROTECT, related_name="applications"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=10, choices=OrganisationType.choices
    )
    country = models.CharField(_("country"), max_length=2)
    gender = models.CharField(_("gender (self-declared)"), max_length=12, choices=Gender.choices, blank=True)
    motivation = models.TextField(_("motivation"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    consent_at = models.DateTimeField(_("consent to the processing of these data given at"))
    contact = models.ForeignKey(
        "activities.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lab_applications",
        help_text=_("The applicant's contact record, made when the application is accepted."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
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
        verbose_name = _("policy lab application")
        verbose_name_plural = _("policy lab applications")
        ordering = ["call", "created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "email"], name="clusters_application_once_per_call"),
            models.CheckConstraint(
                condition=Q(status="submitted") | ~Q(decision_reason=""), name="clusters_decision_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.full_name}"


class LabScore(TimeStampedModel):
    application = models.ForeignKey(
        LabApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        LabCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score of an application")
        verbose_name_plural = _("scores of applications")
        ordering = ["application", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="clusters_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.criterion}: {self.score}"


class LabMember(TimeStampedModel):
    """A member of a cohort: a contact (icc.activities, who may never sign in: name, country and self-declared
    gender are theirs), usually from an accepted application."""

    lab = models.ForeignKey(
        PolicyLab, verbose_name=_("policy lab cohort"), on_delete=models.CASCADE, related_name="members"
    )
    contact = models.ForeignKey(
        "activities.Contact",
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        related_name="lab_memberships",
    )
    application = models.OneToOneField(
        LabApplication,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    organisation_type = models.CharField(
        _("type of organisation"), max_length=10, choices=OrganisationType.choices
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy lab member")
        verbose_name_plural = _("policy lab members")
        ordering = ["lab", "contact__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["lab", "contact"], name="clusters_lab_member_once")]

    def __str__(self) -> str:
        return str(self.contact)


class LabSession(TimeStampedModel):
    """A session of a cohort: an event of the programme (icc.activities, kind policy_lab_session); its
    registrations' attendance makes the cohort's continuity."""

    lab = models.ForeignKey(
        PolicyLab, verbose_name=_("policy lab cohort"), on_delete=models.CASCADE, related_name="sessions"
    )
    event = models.OneToOneField(
        "activities.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="lab_session"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy lab session")
        verbose_name_plural = _("policy lab sessions")
        ordering = ["lab", "event__starts_at"]

    def __str__(self) -> str:
        return f"{self.lab} · {self.event}"
