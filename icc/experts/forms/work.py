"""Forms of expert work. They only parse input; the rules live in icc/experts/services/."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.core.history import REASON_FORM_MAX_LENGTH
from icc.experts.models import Assignment, AssignmentStatus, ClaimStatus, Expert, WorkKind
from icc.network.models import City, NationalNetwork

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"min_value": 0, "max_digits": 10, "decimal_places": 2}


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = [
            "kind",
            "title",
            "city",
            "national_network",
            "starts_on",
            "ends_on",
            "coe_representative",
            "fee_planned",
            "expenses_planned",
            "description",
        ]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "city": _(
                "The city visited or helped; leave empty for work with a national network or a cluster."
            ),
            "national_network": _("Only for work with a national network as a whole."),
            "coe_representative": _("The secretariat member who goes with the experts."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = WorkKind.objects.order_by("order", "key")  # type: ignore[attr-defined]
        self.fields["city"].queryset = City.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["national_network"].queryset = NationalNetwork.objects.order_by("name")  # type: ignore[attr-defined]

    def validate_constraints(self) -> None:
        """The service checks the dates and the rest with messages naming the field and the fix; the
        database constraints behind them would only say "violated"."""


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AssignmentStatus.choices)
    cancel_reason = forms.CharField(
        label=_("Why it is cancelled"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to cancel; up to 1,000 characters."),
    )
    clash_reason = forms.CharField(
        label=_("Reason to confirm despite a date clash"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when an expert has other work on overlapping dates; recorded in the history."),
    )

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            labels = dict(AssignmentStatus.choices)
            self.fields["status"].choices = [(s, labels[s]) for s in allowed]  # type: ignore[attr-defined]


class TeamAddForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Expert.objects.none())
    lead = forms.BooleanField(label=_("Lead expert"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = Expert.objects.active().not_erased().order_by("full_name")  # type: ignore[attr-defined]


class DeclarationForm(forms.Form):
    none = forms.BooleanField(label=_("I have no conflict of interest with this work"), required=False)
    statement = forms.CharField(
        label=_("My conflicts of interest"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Links with the city, its officials or organisations met, paid work, family: anything "
            "that could make your judgement seem less than independent."
        ),
    )


class InterestForm(forms.Form):
    available = forms.BooleanField(label=_("I am available on these dates"), required=False, initial=True)
    note = forms.CharField(
        label=_("Note to the secretariat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ClaimForm(forms.Form):
    travel = forms.DecimalField(label=_("Travel (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    subsistence = forms.DecimalField(label=_("Subsistence (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    fee = forms.DecimalField(label=_("Fee (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    receipts = MultipleFileField(
        label=_("Receipts"), required=False, help_text=_("PDF, PNG or JPEG; several files at once.")
    )


DECISIONS = [
    (ClaimStatus.APPROVED, _("Approve as claimed")),
    (ClaimStatus.CORRECTED, _("Correct the amounts")),
    (ClaimStatus.RETURNED, _("Return to the expert")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to correct or return; the expert reads it."),
    )
    travel = forms.DecimalField(label=_("Travel (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    subsistence = forms.DecimalField(label=_("Subsistence (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    fee = forms.DecimalField(label=_("Fee (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
