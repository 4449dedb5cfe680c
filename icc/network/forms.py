"""Forms of the register. They only parse input; rules live in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.core.countries import country_choices
from icc.network.models import City, CityContact, CityStatus
from icc.network.services.cities import CITY_FACT_FIELDS


class CountryField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=lambda: [("", "—"), *country_choices()], **kwargs)


class CityForm(forms.ModelForm):
    country = CountryField(label=_("Country"))

    class Meta:
        model = City
        fields = [*CITY_FACT_FIELDS, "notes"]
        widgets = {
            "support_group_established": forms.DateInput(attrs={"type": "date"}),
            "support_group_description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"name_en": _("Name (English)"), "name_fr": _("Name (French)")}

    def __init__(self, *args: Any, can_see_internal: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_see_internal:
            del self.fields["notes"]
        self.fields["name_fr"].help_text = _("Leave empty when the name is the same in French.")

    def _post_clean(self) -> None:
        # Model validation runs in the service, which knows every rule (duplicates, plausibility).
        pass


class CityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CityStatus.choices)
    date = forms.DateField(label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when suspending or withdrawing a city."),
    )

    def __init__(self, *args: Any, allowed: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = allowed  # type: ignore[attr-defined]


class ContactForm(forms.ModelForm):
    class Meta:
        model = CityContact
        fields = ["name", "position", "department", "email", "phone", "in_support_group"]
