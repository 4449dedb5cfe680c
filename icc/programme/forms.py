"""Forms of the programme's pages: the review of a risk, a mitigation action, the annual report's request."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from icc.accounts.models import RoleKind, User
from icc.core.history import REASON_FORM_MAX_LENGTH
from icc.programme.models import ActionStatus, RiskStatus
from icc.programme.services import RiskData


class RiskForm(forms.Form):
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)]
    )
    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)])
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices)
    review_on = forms.DateField(label=_("Next review"), widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    note = forms.CharField(
        label=_("What changed (kept in the history)"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, risk: Any, may_change_owner: bool, **kwargs: Any) -> None:
        initial = {
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "status": risk.status,
            "review_on": risk.review_on,
            "owner": risk.owner_id,
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        owners = User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT)
        if risk.owner_id:
            owners = owners | User.objects.filter(pk=risk.owner_id)
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ModelChoiceField)
        owner_field.queryset = owners.distinct().order_by("full_name", "email")
        if not may_change_owner:
            self.fields["owner"].disabled = True

    def data_for_service(self) -> RiskData:
        data = self.cleaned_data
        return RiskData(
            likelihood=data["likelihood"],
            impact=data["impact"],
            review_on=data["review_on"],
            status=data["status"],
            owner=data["owner"],
            note=data.get("note") or "",
        )


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Mitigation action"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
