"""Reads about people and what they may act for."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from icc.accounts.models import ApiToken, Invitation, Role, RoleKind, User, api_token_hash
from icc.core.history import Change, HistoryEntry, reason_display
from icc.core.models import Gender


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


# Which reason a history row without one stands for (rows written before reasons were recorded, or by
# code that saved the model directly, such as test factories).
_DEFAULT_REASONS = {
    ("role", "+"): "accounts.role_granted",
    ("role", "-"): "accounts.role_revoked",
    ("invitation", "+"): "accounts.invitation_sent",
    ("apitoken", "+"): "accounts.token_created",
}


def _role_label(record: Any) -> str:
    kind = str(dict(RoleKind.choices).get(record.kind, record.kind))
    scope = record.city or record.national_network
    return f"{kind} · {scope}" if scope else kind


def _describe(name: str, record: Any) -> str:
    if name == "role":
        return _role_label(record)
    if name == "invitation":
        return f"{_role_label(record)} ({record.email})"
    access = _("read only") if record.read_only else _("read and write")
    return f"“{record.name}” ({record.prefix}…), {access}"


def access_history(person: User, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: the roles granted to and revoked from `person`, the invitations sent to their address
    (sent, accepted, revoked) and their API tokens (created, revoked), each with who did it and when, in
    the reader's language."""
    sources = {
        "role": Role.history.filter(user=person).select_related("history_user", "city", "national_network"),
        "invitation": Invitation.history.filter(email__iexact=person.email).select_related(
            "history_user", "city", "national_network"
        ),
        "apitoken": ApiToken.history.filter(user=person).select_related("history_user"),
    }
    rows = [
        (name, record)
        for name, queryset in sources.items()
        for record in queryset.order_by("-history_date", "-history_id")[:limit]
    ]
    rows.sort(key=lambda row: row[1].history_date, reverse=True)
    entries = []
    for name, record in rows[:limit]:
        stored = record.history_change_reason or _DEFAULT_REASONS.get((name, record.history_type), "")
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else _("the system"),
                action=reason_display(stored) or _("changed"),
                reason=_describe(name, record),
            )
        )
    return entries


def person_for_user(user: User, pk: int) -> User:
    """A person's page: the secretariat sees everyone's, each person their own; others may not know it."""
    if pk != user.pk and not user.has_perm("accounts.manage_people"):
        raise Http404
    return get_object_or_404(User, pk=pk)


def team_cities_of(user: User) -> QuerySet[Any]:
    """The cities whose team `user` runs as their coordinator (the invite form offers these)."""
    from icc.network.models import City

    return City.objects.filter(pk__in=user_roles_summary(user).coordinated_city_ids).order_by("name")


def city_open_invitations(city: Any) -> QuerySet[Invitation]:
    return open_invitations().filter(city=city)


def gender_history(person: User, limit: int = 50) -> list[HistoryEntry]:
    """Newest first: when the person's self-declared gender changed and by whom (the person), with the
    values; shown only on the person's page, which only they and the secretariat may open."""
    records = list(
        User.history.filter(id=person.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .only("gender", "history_date", "history_user", "history_change_reason", "history_type")[: limit + 1]
    )
    labels = dict(Gender.choices)
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        before = older.gender if older is not None else ""
        if newer.gender == before:
            continue
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                who=str(newer.history_user) if newer.history_user else _("the system"),
                action=reason_display(newer.history_change_reason) or _("changed"),
                reason="",
                changes=[
                    Change(
                        field=str(_("gender (self-declared)")),
                        old=str(labels.get(before, "–")) if before else "–",
                        new=str(labels.get(newer.gender, "–")) if newer.gender else "–",
                    )
                ],
            )
        )
    return entries[:limit]
