"""People, the roles they hold and the invitations that grant those roles."""

import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from icc.core.models import Gender, TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with their e-mail address."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # Self-declared, optional, changed only by the person (icc.accounts.services.user_gender_declare); seen by
    # the person and the secretariat, and by others only in aggregate through icc/core/gender.py.
    gender = models.CharField(
        _("gender (self-declared)"), max_length=12, choices=Gender.choices, blank=True, default=""
    )
    # The person's record over time (who changed their name, language or gender, and when); sign-ins,
    # passwords and staff flags are not part of it.
    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "is_superuser", "is_staff", "is_active", "date_joined"]
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]
    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class RoleKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    CITY_COORDINATOR = "city_coordinator", _("City coordinator")
    CITY_CONTRIBUTOR = "city_contributor", _("City contributor")
    EXPERT = "expert", _("Expert")
    NETWORK_COORDINATOR = "network_coordinator", _("National network coordinator")


CITY_ROLES = frozenset({RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR})
NETWORK_ROLES = frozenset({RoleKind.NETWORK_COORDINATOR})


class RoleScope(models.Model):
    """What a role or an invitation to one acts for: a city, a national network, or the whole programme."""

    kind = models.CharField(_("role"), max_length=32, choices=RoleKind.choices)
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE
    )
    national_network = models.ForeignKey(
        "network.NationalNetwork",
        verbose_name=_("national network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )

    class Meta:
        abstract = True

    @property
    def scope_label(self) -> str:
        return str(self.city or self.national_network or "")


_SCOPE_MATCHES_KIND = (
    # Lists in a fixed order, not the frozensets: their order varies between runs, and makemigrations
    # would then see a changed constraint.
    (
        Q(kind__in=[RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR])
        & Q(city__isnull=False)
        & Q(national_network__isnull=True)
    )
    | (Q(kind__in=[RoleKind.NETWORK_COORDINATOR]) & Q(city__isnull=True) & Q(national_network__isnull=False))
    | (
        Q(kind__in=[RoleKind.SECRETARIAT, RoleKind.EXPERT])
        & Q(city__isnull=True)
        & Q(national_network__isnull=True)
    )
)


class Role(TimeStampedModel, RoleScope):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles")
    granted_by = models.ForeignKey(
        User, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Changes of access are audited like everything else: the person's page lists grants and revocations.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(condition=_SCOPE_MATCHES_KIND, name="role_scope_matches_kind"),
            # Three partial constraints rather than nulls_distinct, which SQLite lacks.
            models.UniqueConstraint(
                fields=["user", "kind", "city"], condition=Q(city__isnull=False), name="role_unique_city"
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "national_network"],
                condition=Q(national_network__isnull=False),
                name="role_unique_network",
            ),
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(city__isnull=True, national_network__isnull=True),
                name="role_unique_programme",
            ),
        ]

    def __str__(self) -> str:
        scope = self.scope_label
        return f"{self.get_kind_display()} · {scope}" if scope else str(self.get_kind_display())


class Invitation(TimeStampedModel, RoleScope):
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(_("language of the invitation"), max_length=8, choices=settings.LANGUAGES)
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # The token is the link's secret: the history keeps who was invited to what, not the link.
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=_SCOPE_MATCHES_KIND, name="invitation_scope_matches_kind")
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


# A token reads "icc_" + 40 URL-safe characters; the marker and the next 8 characters are shown in lists.
API_TOKEN_MARKER = "icc_"  # noqa: S105 (a marker, not a secret)
API_TOKEN_PREFIX_LENGTH = 8


def api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(TimeStampedModel):
    """A personal token for the JSON API: it acts as its user, with the user's roles.

    Only a SHA-256 of the secret is stored; the secret itself is shown once, when the token is created.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “Lyon's BI tool”.")
    )
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    secret_sha256 = models.CharField(_("SHA-256 of the secret"), max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(
        _("read only"), default=True, help_text=_("A read-only token cannot change anything.")
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Creation and revocation are audited; the secret's hash and each use (last_used_at) are not.
    history = HistoricalRecords(excluded_fields=["secret_sha256", "last_used_at"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())
