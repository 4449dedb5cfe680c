"""Reads about people and what they may act for."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from icc.accounts.models import ApiToken, Invitation, Role, RoleKind, User, api_token_hash


@dataclass
class RolesSummary:
    """What the navigation and the access predicates need to know about one person, read once."""

    authenticated: bool = False
    secretariat: bool = False
    expert: bool = False
    coordinated_city_ids: set[int] = field(default_factory=set)
    contributed_city_ids: set[int] = field(default_factory=set)
    coordinated_network_ids: set[int] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)

    @property
    def city_ids(self) -> set[int]:
        return self.coordinated_city_ids | self.contributed_city_ids


def user_roles_summary(user: User | AnonymousUser) -> RolesSummary:
    if not user.is_authenticated:
        return RolesSummary()
    cached: RolesSummary | None = getattr(user, "_roles_summary", None)
    if cached is not None:
        return cached
    summary = RolesSummary(authenticated=True, secretariat=bool(user.is_superuser))
    for role in Role.objects.filter(user=user).select_related("city", "national_network"):
        summary.roles.append(role)
        if role.kind == RoleKind.SECRETARIAT:
            summary.secretariat = True
        elif role.kind == RoleKind.EXPERT:
            summary.expert = True
        elif role.kind == RoleKind.CITY_COORDINATOR and role.city_id:
            summary.coordinated_city_ids.add(role.city_id)
        elif role.kind == RoleKind.CITY_CONTRIBUTOR and role.city_id:
            summary.contributed_city_ids.add(role.city_id)
        elif role.kind == RoleKind.NETWORK_COORDINATOR and role.national_network_id:
            summary.coordinated_network_ids.add(role.national_network_id)
    user._roles_summary = summary  # type: ignore[attr-defined]
    return summary


def forget_roles(user: User) -> None:
    """Drop the per-request cache after roles change."""
    if hasattr(user, "_roles_summary"):
        del user._roles_summary


def people_list() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .prefetch_related("roles__city", "roles__national_network")
        .order_by("full_name")
    )


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def open_invitations() -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("city", "national_network", "invited_by")
        .order_by("-created")
    )


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created")


def api_token_for_secret(secret: str) -> ApiToken | None:
    """The token whose secret this is, with its user, whatever its state (the caller says why it is
    refused); None when no token has this secret."""
    return ApiToken.objects.select_related("user").filter(secret_sha256=api_token_hash(secret)).first()
