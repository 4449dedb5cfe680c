"""Forms of the register. They only parse input; rules live in the services."""

import copy
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from icc.core.countries import country_choices
from icc.core.history import REASON_FORM_MAX_LENGTH
from icc.network.models import (
    City,
    CityContact,
    CityStatus,
    GrowthTarget,
    NationalNetwork,
    NetworkPlan,
    NetworkSettings,
    PlanKind,
    PlanStatus,
)
from icc.network.services.cities import CITY_FACT_FIELDS, SECRETARIAT_ONLY_FIELDS, city_validate


class CountryField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=lambda: [("", "—"), *country_choices()], **kwargs)


class CityForm(forms.ModelForm):
    country = CountryField(label=_("Country"))

    class Meta:
        model = City
        fields = [*CITY_FACT_FIELDS, *SECRETARIAT_ONLY_FIELDS]
        widgets = {
            "support_group_established": forms.DateInput(attrs={"type": "date"}),
            "support_group_description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"name_en": _("Name (English)"), "name_fr": _("Name (French)")}

    def __init__(self, *args: Any, can_see_internal: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_see_internal:
            for name in SECRETARIAT_ONLY_FIELDS:
                del self.fields[name]
        self.fields["name_fr"].help_text = _("Leave empty when the name is the same in French.")
        # Blank in the model (a translated field), required by the service: the form says so up front.
        self.fields["name_en"].required = True
        self.fields["name_en"].error_messages["required"] = _("Give the city's name in English.")

    # A long form read in parts (GOV.UK: group related questions in a fieldset with a legend).
    GROUPS = (
        (_("Name and place"), ("name_en", "name_fr", "country", "region", "latitude", "longitude",
                               "is_capital", "website")),
        (_("Population"), ("population", "population_year", "population_source")),
        (_("Diversity"), ("foreign_residents_share", "foreign_residents_year", "foreign_residents_source",
                          "foreign_born_share", "foreign_born_year", "foreign_born_source",
                          "minorities_share", "minorities_year", "minorities_source")),
        (_("Intercultural support group"), ("support_group_established", "support_group_description")),
        (_("For the secretariat"), ("national_network", "notes")),
    )  # fmt: skip

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields by group, each group only with the fields this person may change."""
        grouped = [
            (str(legend), [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
        ]
        placed = {name for _legend, names in self.GROUPS for name in names}
        rest = [self[name] for name in self.fields if name not in placed]  # a field added later still shows
        if rest:
            grouped.append((str(_("Other")), rest))
        return [(legend, fields) for legend, fields in grouped if fields]

    def _post_clean(self) -> None:
        # The service's rules (city_validate: name, duplicates, plausibility) run here on what was typed, so
        # that every error shows in one pass (a wrong country no longer hides a missing name until the next
        # try); the service runs them again when it saves. Model validation itself stays in the service.
        instance = copy.copy(self.instance)
        construct_instance(self, instance, fields=[f for f in self.cleaned_data if f in self.fields])
        instance.country = (instance.country or "").upper()
        try:
            city_validate(instance)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                target = field if field in self.fields else None
                if target is not None and target in self.errors:
                    continue  # the field's own parsing error says it already
                if field == "country" and "country" not in self.cleaned_data:
                    continue
                for message in messages:
                    self.add_error(target, message)


class CityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CityStatus.choices)
    date = forms.DateField(label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        help_text=_("Required when suspending or withdrawing a city."),
    )

    def __init__(self, *args: Any, allowed: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = allowed  # type: ignore[attr-defined]


class ContactForm(forms.ModelForm):
    class Meta:
        model = CityContact
        fields = ["name", "position", "department", "email", "phone", "in_support_group"]


class OpenFeeYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))


class FeePaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    invoice_reference = forms.CharField(label=_("Invoice reference"), max_length=100, required=False)


class FeeWaiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the exemption"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        help_text=_("Required, e.g. the city's difficult financial situation."),
    )


class FeeReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        help_text=_("Required: what was wrong. The fee becomes due again."),
    )


class FeeUpdateForm(forms.Form):
    amount = forms.DecimalField(label=_("Fee (EUR)"), max_digits=9, decimal_places=2)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class NetworkSettingsForm(forms.ModelForm):
    class Meta:
        model = NetworkSettings
        fields = [
            "min_population",
            "min_diversity_share",
            "admissions_per_quarter_cap",
            "underrepresented_max_members",
            "default_annual_fee",
            "fee_due_month",
        ]

    def _post_clean(self) -> None:
        # The service checks every rule and names the field and the fix.
        pass


class GrowthTargetForm(forms.ModelForm):
    class Meta:
        model = GrowthTarget
        fields = ["deadline", "members", "label_en", "label_fr"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}
        labels = {"label_en": _("Label (English)"), "label_fr": _("Label (French)")}
        help_texts = {"label_en": _("Optional, e.g. “Medium-term strategy 2016-2019”.")}

    def _post_clean(self) -> None:
        pass


class AnnualFeeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    amount = forms.DecimalField(label=_("Amount (EUR)"), max_digits=9, decimal_places=2)


ACCESSION_DOCUMENT_SLOTS = 3


class AccessionStepForm(forms.Form):
    """The city's next accession step, with up to three documents; the service checks the rules."""

    expected_step = forms.CharField(widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(
        label=_("Justification for admitting the city despite the eligibility rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_over_cap = forms.BooleanField(
        label=_("Admit the city anyway, above the cap on admissions per quarter"), required=False
    )

    def __init__(self, *args: Any, needs_justification: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not needs_justification:
            del self.fields["justification"]
        for n in range(1, ACCESSION_DOCUMENT_SLOTS + 1):
            self.fields[f"doc_title_{n}"] = forms.CharField(
                label=_("Title of document %(n)s") % {"n": n}, required=False, max_length=200
            )
            self.fields[f"doc_file_{n}"] = forms.FileField(label=_("File %(n)s") % {"n": n}, required=False)

    def document_slots(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"doc_title_{n}"], self[f"doc_file_{n}"]) for n in range(1, ACCESSION_DOCUMENT_SLOTS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in range(1, ACCESSION_DOCUMENT_SLOTS + 1):
            title, file = cleaned.get(f"doc_title_{n}"), cleaned.get(f"doc_file_{n}")
            if file and not title:
                self.add_error(f"doc_title_{n}", _("Give this document a title."))
            if title and not file:
                self.add_error(f"doc_file_{n}", _("Choose the file for this title, or clear the title."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "step": data["expected_step"],
            "date": data["date"],
            "note": data.get("note", ""),
            "justification": data.get("justification", ""),
            "confirm_over_cap": data.get("confirm_over_cap", False),
            "documents": [
                (data[f"doc_title_{n}"], data[f"doc_file_{n}"])
                for n in range(1, ACCESSION_DOCUMENT_SLOTS + 1)
                if data.get(f"doc_file_{n}")
            ],
        }


class AccessionUndoForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the step undone?"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required; kept in the history of the accession steps."),
    )


class NetworkForm(forms.ModelForm):
    """A national network's facts. The secretariat also sets the member cities and the lead city;
    the network's coordinators see only the description and the website (`coordinator_only`)."""

    country = CountryField(label=_("Country"))
    cities: forms.ModelMultipleChoiceField[City] = forms.ModelMultipleChoiceField(
        label=_("Member cities"),
        queryset=City.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cities of the network's country; a city can belong to one national network only."),
    )

    class Meta:
        model = NationalNetwork
        fields = [
            "name_en",
            "name_fr",
            "country",
            "founded",
            "website",
            "description_en",
            "description_fr",
            "lead_city",
        ]
        labels = {
            "name_en": _("Name (English)"),
            "name_fr": _("Name (French)"),
            "description_en": _("Description (English)"),
            "description_fr": _("Description (French)"),
        }
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_fr": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, coordinator_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network = self.instance
        if coordinator_only:
            for name in list(self.fields):
                if name not in ("description_en", "description_fr", "website"):
                    del self.fields[name]
            return
        if network.pk is None:
            # A new network has no members yet: members and lead city are set on its edit page.
            del self.fields["cities"]
            del self.fields["lead_city"]
            return
        same_country = City.objects.filter(country=network.country).select_related("national_network")
        self.fields["cities"].queryset = same_country.order_by("name")  # type: ignore[attr-defined]
        self.fields["cities"].label_from_instance = lambda city: (  # type: ignore[attr-defined]
            f"{city} ({city.national_network})"
            if city.national_network_id not in (None, network.pk)
            else str(city)
        )
        self.order_fields([name for name in self.fields if name != "lead_city"] + ["lead_city"])
        self.fields["cities"].initial = list(network.cities.values_list("pk", flat=True))
        self.fields["lead_city"].queryset = same_country.order_by("name")  # type: ignore[attr-defined]
        self.fields["lead_city"].help_text = _("Must be one of the member cities.")
        self.fields["name_fr"].help_text = _("Leave empty when the name is the same in French.")

    def _post_clean(self) -> None:
        # Model validation runs in the service, which knows every rule (duplicates, membership).
        pass


class NetworkPlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    year = forms.IntegerField(label=_("Year"))
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("A summary or an attached document is needed before the plan is submitted."),
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT) or Excel (XLSX)."),
    )
    remove_document = forms.BooleanField(label=_("Remove the attached document"), required=False)

    def __init__(self, *args: Any, plan: NetworkPlan | None = None, **kwargs: Any) -> None:
        if plan is not None:
            kwargs.setdefault(
                "initial",
                {"kind": plan.kind, "year": plan.year, "title": plan.title, "summary": plan.summary},
            )
        super().__init__(*args, **kwargs)
        if plan is None or not plan.document:
            del self.fields["remove_document"]


class PlanDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(PlanStatus.APPROVED, _("Approve")), (PlanStatus.RETURNED, _("Return with comments"))],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments to the network"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Required when returning the plan: say what the network should change."),
    )


class CityImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of cities"),
        help_text=_("CSV (UTF-8) or XLSX, with the column names in the first row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
