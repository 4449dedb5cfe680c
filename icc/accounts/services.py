"""Writes about people: invitations, accepting them, granting and revoking roles."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from icc.accounts.models import (
    API_TOKEN_MARKER,
    API_TOKEN_PREFIX_LENGTH,
    CITY_ROLES,
    NETWORK_ROLES,
    ApiToken,
    Invitation,
    Role,
    RoleKind,
    User,
    api_token_hash,
)
from icc.core.history import reason, record_change
from icc.core.models import Gender
from icc.core.text import text_problem

# Changes of access, as the history of roles, invitations and tokens records them (icc.core.history);
# registered by AccountsConfig.ready().
ACCESS_REASONS = {
    "accounts.role_granted": gettext_lazy("role granted"),
    "accounts.role_revoked": gettext_lazy("role revoked"),
    "accounts.invitation_sent": gettext_lazy("invitation sent"),
    "accounts.invitation_accepted": gettext_lazy("invitation accepted"),
    "accounts.invitation_revoked": gettext_lazy("invitation revoked"),
    "accounts.token_created": gettext_lazy("API token created"),
    "accounts.token_revoked": gettext_lazy("API token revoked"),
    "accounts.gender_declared": gettext_lazy("self-declared gender changed"),
}


def _check_may_manage(by: User | None, kind: str, city: Any) -> None:
    """Refuses, keyed by field, what `by` may not grant or take away (icc.accounts.rules.may_manage_role);
    `by` None is the platform itself (the demo, a command)."""
    from icc.accounts.rules import may_manage_role

    if by is None or may_manage_role(by, kind=kind, city=city):
        return
    if kind != RoleKind.CITY_CONTRIBUTOR:
        raise ValidationError(
            {
                "kind": _(
                    "City coordinators give the contributor role only; ask the secretariat for other roles."
                )
            }
        )
    raise ValidationError({"city": _("Choose a city you coordinate.")})


def _check_scope(kind: str, city: Any, national_network: Any) -> None:
    if kind not in RoleKind.values:
        raise ValidationError({"kind": _("Choose one of the listed roles.")})
    if kind in CITY_ROLES and city is None:
        raise ValidationError({"city": _("A city role needs the city it is for.")})
    if kind in NETWORK_ROLES and national_network is None:
        raise ValidationError({"national_network": _("A national network coordinator needs the network.")})
    if kind not in CITY_ROLES and city is not None:
        raise ValidationError({"city": _("Only city coordinators and contributors are given a city.")})
    if kind not in NETWORK_ROLES and national_network is not None:
        raise ValidationError(
            {"national_network": _("Only network coordinators are given a national network.")}
        )


@transaction.atomic
def role_grant(
    *, user: User, kind: str, by: User | None, city: Any = None, national_network: Any = None
) -> Role:
    """Give `user` the role; a role they already hold is returned unchanged (and not recorded again)."""
    _check_scope(kind, city, national_network)
    scope = {"user": user, "kind": kind, "city": city, "national_network": national_network}
    existing = Role.objects.filter(**scope).first()
    if existing is not None:
        return existing
    role = Role(**scope, granted_by=by)
    record_change(role, by=by, reason=reason("accounts.role_granted"))
    try:
        with transaction.atomic():
            role.save()
    except IntegrityError:  # granted at the same moment by someone else
        return Role.objects.get(**scope)
    return role


@transaction.atomic
def role_revoke(*, role: Role, by: User | None) -> None:
    _check_may_manage(by, role.kind, role.city_id)
    if role.kind == RoleKind.SECRETARIAT and Role.objects.filter(kind=RoleKind.SECRETARIAT).count() <= 1:
        raise ValidationError(_("This is the last secretariat role; grant it to someone else first."))
    record_change(role, by=by, reason=reason("accounts.role_revoked"))
    role.delete()


@transaction.atomic
def user_gender_declare(*, user: User, gender: str, by: User) -> User:
    """The person states (or changes, or clears) their own gender: optional and self-declared, so nobody
    else may set it, not even the secretariat. Recorded in the person's history; an unchanged value writes
    nothing."""
    if by.pk != user.pk:
        raise ValidationError(
            {"gender": _("Only the person themself states their gender, on their own page.")}
        )
    if gender not in ("", *Gender.values):
        choices = ", ".join(str(label) for label in Gender.labels)
        raise ValidationError(
            {"gender": _("Choose one of: %(choices)s, or leave it empty.") % {"choices": choices}}
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.gender == gender:
        return user
    user.gender = gender
    user.full_clean(exclude=["password"])
    record_change(user, by=by, reason=reason("accounts.gender_declared"))
    user.save(update_fields=["gender"])
    return user


def _send_invitation(invitation: Invitation) -> None:
    link = settings.SITE_URL + reverse("accounts:invitation_accept", args=[invitation.token])
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "link": link,
            "days": settings.INVITATION_VALID_DAYS,
            "has_account": User.objects.filter(email__iexact=invitation.email).exists(),
        }
        subject = _("Invitation to the Intercultural Cities platform")
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def invitation_create(
    *,
    email: str,
    full_name: str,
    kind: str,
    by: User | None,
    language: str = "en",
    city: Any = None,
    national_network: Any = None,
) -> Invitation:
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("Give the e-mail address to send the invitation to.")})
    if not full_name.strip():
        raise ValidationError({"full_name": _("Give the person's full name.")})
    _check_scope(kind, city, national_network)
    _check_may_manage(by, kind, city)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose English or French.")})
    invitation = Invitation(
        email=email,
        full_name=full_name.strip(),
        kind=kind,
        city=city,
        national_network=national_network,
        language=language,
        invited_by=by,
        token=secrets.token_urlsafe(32),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    record_change(invitation, by=by, reason=reason("accounts.invitation_sent"))
    invitation.save()
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User | None) -> None:
    _check_may_manage(by, invitation.kind, invitation.city_id)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted; revoke the role instead."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was already revoked."))
    invitation.revoked_at = timezone.now()
    record_change(invitation, by=by, reason=reason("accounts.invitation_revoked"))
    invitation.save(update_fields=["revoked_at", "updated"])


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    password: str | None = None,
    full_name: str | None = None,
) -> User:
    """Grant the invited role: to `user`, the signed-in person, who must own the invited address; or, when
    nobody has that address yet and no `user` is given, to a new account created with `password`.

    Knowing the link never stands for knowing a password: an existing account is only ever `user`, whom
    the caller has authenticated."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(
            _("This invitation has expired, was revoked or was already used. Ask for a new one.")
        )
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                {
                    "email": _(
                        "An account with the address %(email)s exists; sign in as that person to accept."
                    )
                    % {"email": invitation.email}
                }
            )
        new_user = User(
            email=invitation.email,
            full_name=(full_name or invitation.full_name).strip(),
            language=invitation.language,
        )
        if problem := text_problem(new_user.full_name, name=True):
            raise ValidationError({"full_name": problem})
        if not password:
            raise ValidationError({"password1": _("Choose a password.")})
        validate_password(password, new_user)
        new_user.set_password(password)
        try:
            with transaction.atomic():
                new_user.save()
        except IntegrityError as exc:
            raise ValidationError(
                {"email": _("An account with this e-mail address exists; sign in first.")}
            ) from exc
        user = new_user
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s; sign out and open the link again.")
            % {"email": invitation.email}
        )
    role_grant(
        user=user,
        kind=invitation.kind,
        by=invitation.invited_by,
        city=invitation.city,
        national_network=invitation.national_network,
    )
    invitation.accepted_at = timezone.now()
    record_change(invitation, by=user, reason=reason("accounts.invitation_accepted"))
    invitation.save(update_fields=["accepted_at", "updated"])
    return user


# --------------------------------------------------------------------------------------------------
# Personal API tokens

# Recording every use would write on every API request; once a minute is enough to tell "in use".
API_TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def api_token_create(
    *, user: User, name: str, read_only: bool = True, expires_at: datetime | None = None
) -> CreatedToken:
    """A new token for `user`; the returned secret is the only copy (only its SHA-256 is stored)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name that says what it is for.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must be in the future, or left empty.")})
    secret = API_TOKEN_MARKER + secrets.token_urlsafe(30)
    token = ApiToken(
        user=user,
        name=name,
        read_only=read_only,
        expires_at=expires_at,
        prefix=secret[: len(API_TOKEN_MARKER) + API_TOKEN_PREFIX_LENGTH],
        secret_sha256=api_token_hash(secret),
    )
    token.full_clean()
    record_change(token, by=user, reason=reason("accounts.token_created"))
    token.save()
    return CreatedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.user_id != by.pk:
        raise ValidationError(_("Only the person who owns a token may revoke it."))
    if token.revoked_at is not None:
        raise ValidationError(_("This token was already revoked."))
    token.revoked_at = timezone.now()
    record_change(token, by=by, reason=reason("accounts.token_revoked"))
    token.save(update_fields=["revoked_at", "updated"])
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Record that the token was used (at most once a minute: see API_TOKEN_TOUCH_INTERVAL)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
