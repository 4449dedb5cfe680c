from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from icc.accounts.models import RoleKind
from icc.core.models import Gender


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    city: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("City"),
        queryset=None,
        required=False,
        help_text=_("For city coordinators and contributors."),
    )
    national_network: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("National network"),
        queryset=None,
        required=False,
        help_text=_("For national network coordinators."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args: object, team_cities: Any = None, **kwargs: object) -> None:
        """`team_cities`: a city coordinator's own cities; the form then offers the contributor role only."""
        from icc.network.models import City, NationalNetwork

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["city"].queryset = City.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["national_network"].queryset = NationalNetwork.objects.order_by("name")  # type: ignore[attr-defined]
        if team_cities is not None:
            self.fields["kind"].choices = [(RoleKind.CITY_CONTRIBUTOR, RoleKind.CITY_CONTRIBUTOR.label)]  # type: ignore[attr-defined]
            self.fields["kind"].help_text = _("City coordinators invite contributors for their own cities.")
            city = self.fields["city"]
            city.queryset = team_cities  # type: ignore[attr-defined]
            city.required = True
            city.help_text = ""
            city.empty_label = None  # type: ignore[attr-defined]
            del self.fields["national_network"]


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ; type the same password twice."))
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Lyon's dashboard”.")
    )
    read_only = forms.BooleanField(
        label=_("Read only"),
        required=False,
        initial=True,
        help_text=_("Untick to let the token change what you may change (answers, the register)."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a token that works until you revoke it."),
    )


class GenderForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("Your gender (optional)"),
        choices=[("", _("I leave it empty")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Self-declared and optional. Only you and the secretariat see it; elsewhere it is counted only "
            "in aggregate (the gender balance of experts, participants and report authors), with counts "
            "under 5 shown as “<5”."
        ),
    )
