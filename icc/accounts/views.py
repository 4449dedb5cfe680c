import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.accounts import services
from icc.accounts.forms import AcceptInvitationForm, ApiTokenForm, GenderForm, InvitationForm
from icc.accounts.models import ApiToken, Invitation, Role, User
from icc.accounts.rules import may_manage_role
from icc.accounts.selectors import (
    access_history,
    account_exists,
    api_tokens_of,
    gender_history,
    open_invitations,
    people_list,
    person_for_user,
    team_cities_of,
)
from icc.accounts.signin import account_unlock
from icc.core.forms import apply_validation_error
from icc.core.http import safe_next


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        account_unlock(email=form.user.email)
        return response


def _require_people_manager(request: HttpRequest) -> None:
    if not request.user.has_perm("accounts.manage_people"):
        raise PermissionDenied


@login_required
def people(request: HttpRequest) -> HttpResponse:
    _require_people_manager(request)
    return render(
        request, "accounts/people.html", {"people": people_list(), "invitations": open_invitations()}
    )


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)  # type: ignore[arg-type]
    return render(
        request,
        "accounts/person.html",
        {
            "person": person,
            "roles": person.roles.select_related("city", "national_network"),
            "tokens": api_tokens_of(person),
            "entries": access_history(person),
            "can_manage": request.user.has_perm("accounts.manage_people"),
            "gender_form": GenderForm(initial={"gender": person.gender}) if person == request.user else None,
            "gender_entries": gender_history(person),
        },
    )


@login_required
@require_POST
def gender_declare(request: HttpRequest) -> HttpResponse:
    """The signed-in person states their own gender (their page's form); nobody sets another's."""
    me: User = request.user  # type: ignore[assignment]  # login_required
    form = GenderForm(request.POST)
    if form.is_valid():
        try:
            services.user_gender_declare(user=me, gender=form.cleaned_data["gender"], by=me)
            messages.success(request, _("Saved: your gender is as you stated it."))
            return redirect("accounts:person", pk=request.user.pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
    person = person_for_user(me, me.pk)
    return render(
        request,
        "accounts/person.html",
        {
            "person": person,
            "roles": person.roles.select_related("city", "national_network"),
            "tokens": api_tokens_of(person),
            "entries": access_history(person),
            "can_manage": request.user.has_perm("accounts.manage_people"),
            "gender_form": form,
            "gender_entries": gender_history(person),
        },
        status=400,
    )


def _people_or_home(request: HttpRequest) -> str:
    return reverse(
        "accounts:people" if request.user.has_perm("accounts.manage_people") else "network:dashboard"
    )


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    """The secretariat invites to any role; a city coordinator invites contributors for their own cities."""
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied
    team_cities = None if request.user.has_perm("accounts.manage_people") else team_cities_of(request.user)  # type: ignore[arg-type]
    initial: dict[str, Any] = {"language": request.LANGUAGE_CODE}
    if request.GET.get("city", "").isdigit():
        initial["city"] = int(request.GET["city"])
    form = InvitationForm(request.POST or None, initial=initial, team_cities=team_cities)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect(safe_next(request, _people_or_home(request)))
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "next": safe_next(request, ""), "for_team": team_cities is not None},
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk)
    if not may_manage_role(request.user, kind=invitation.kind, city=invitation.city_id):
        raise PermissionDenied
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Invitation revoked."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(safe_next(request, _people_or_home(request)))


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(Role.objects.select_related("user", "city", "national_network"), pk=pk)
    if not may_manage_role(request.user, kind=role.kind, city=role.city_id):
        raise PermissionDenied
    try:
        services.role_revoke(role=role, by=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("Role “%(role)s” removed from %(name)s.") % {"role": role, "name": role.user}
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(safe_next(request, _people_or_home(request)))


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Three cases, and the link alone never signs anyone in: the invited person is signed in (they confirm);
    someone else is signed in (told so, nothing granted); nobody is. Then, if the invited address has an
    account, its owner signs in with their own password first; otherwise the new person sets a password."""
    invitation = Invitation.objects.select_related("city", "national_network").filter(token=token).first()
    if invitation is None or not invitation.is_open:
        return render(request, "accounts/invitation_invalid.html", status=410 if invitation else 404)
    context: dict[str, object] = {"invitation": invitation, "form": None}
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            context["signed_in_as"] = request.user
            return render(
                request,
                "accounts/invitation_accept.html",
                context,
                status=403 if request.method == "POST" else 200,
            )
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("network:dashboard")
            messages.success(
                request, _("You now hold the role “%(role)s”.") % {"role": _role_label(invitation)}
            )
            return redirect("network:dashboard")
        return render(request, "accounts/invitation_accept.html", context)
    if account_exists(invitation.email):
        # Whatever is posted here, nothing is granted: the owner signs in on the sign-in page (throttled)
        # and comes back to this page to confirm.
        context["login_url"] = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
        return render(request, "accounts/invitation_accept.html", context)
    form = AcceptInvitationForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome, %(name)s. Your account is ready.") % {"name": user.full_name}
            )
            return redirect("network:dashboard")
    context["form"] = form
    return render(request, "accounts/invitation_accept.html", context)


def _role_label(invitation: Invitation) -> str:
    scope = invitation.scope_label
    return f"{invitation.get_kind_display()} · {scope}" if scope else str(invitation.get_kind_display())


# Personal API tokens: everyone signed in manages their own; nobody sees another person's tokens.


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/tokens/list.html", {"tokens": api_tokens_of(request.user)})  # type: ignore[arg-type]


@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expires_on: datetime.date | None = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.max))
            if expires_on
            else None
        )
        try:
            created = services.api_token_create(
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
                expires_at=expires_at,
            )
        except ValidationError as exc:
            if "expires_at" in getattr(exc, "error_dict", {}):
                exc = ValidationError({"expires_on": exc.error_dict["expires_at"]})
            apply_validation_error(form, exc)
        else:
            # Rendered, not redirected: the secret is shown this once and kept nowhere, not even the session.
            return render(request, "accounts/tokens/created.html", {"created": created})
    return render(request, "accounts/tokens/create.html", {"form": form})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    try:
        services.api_token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Token “%(name)s” revoked; it no longer works.") % {"name": token.name})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:token_list")
