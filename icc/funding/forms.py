"""Forms of funding and partners. They only parse input; the rules and the writes live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.activities.models import Event
from icc.funding.models import (
    APPLICATION_WORKFLOW,
    BudgetLine,
    Donor,
    FundingApplication,
    FundingProject,
    OtherCost,
    Partner,
    PartnerActivity,
    PartnerAgreement,
    PartnerContact,
    PartnerContribution,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates(*names: str) -> dict[str, Any]:
    return {name: DATE_WIDGET for name in names}


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["year", "source", "project", "donor", "planned", "actual", "note"]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = FundingProject
        fields = ["name", "starts_on", "ends_on", "amount", "cofunding_rate", "note"]
        widgets = _dates("starts_on", "ends_on")


class DonorForm(forms.ModelForm):
    class Meta:
        model = Donor
        fields = ["name", "kind", "country", "website", "note"]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = [
            "donor",
            "title",
            "year",
            "amount_asked",
            "amount_granted",
            "submission_deadline",
            "reporting_deadline",
            "note",
        ]
        widgets = _dates("submission_deadline", "reporting_deadline")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=list(APPLICATION_WORKFLOW.labels.items()))
    amount_granted = forms.DecimalField(
        label=_("Amount granted (EUR)"), max_digits=12, decimal_places=2, min_value=0, required=False
    )


class OtherCostForm(forms.ModelForm):
    receipt = forms.FileField(label=_("Receipt"), required=False, help_text=_("PDF or image, optional."))

    class Meta:
        model = OtherCost
        fields = ["category", "date", "amount", "note"]
        widgets = _dates("date")


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "country", "website", "description_en", "description_fr", "public"]
        labels = {"description_en": _("Description (English)"), "description_fr": _("Description (French)")}


class AgreementForm(forms.ModelForm):
    document = forms.FileField(label=_("Signed document"), required=False)

    class Meta:
        model = PartnerAgreement
        fields = ["title", "starts_on", "ends_on"]
        widgets = _dates("starts_on", "ends_on")


class ContributionForm(forms.ModelForm):
    class Meta:
        model = PartnerContribution
        fields = ["year", "kind", "amount", "description"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = ["name", "role", "email"]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PartnerActivity
        fields = ["event", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["event"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Event.objects.order_by("-starts_at")


class CostImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: category, date (YYYY-MM-DD), amount (EUR), note (optional)."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file (dry run): write nothing"), required=False, initial=True
    )


def values_of(form: forms.BaseForm, *skip: str) -> dict[str, Any]:
    """The cleaned values a service takes, without the form-only fields (files)."""
    return {name: value for name, value in form.cleaned_data.items() if name not in skip}
