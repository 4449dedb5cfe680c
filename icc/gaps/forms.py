"""The forms of a city's gap data: a file to import, a group to name, both groups' figures for an
indicator and period. The services check the figures (icc.gaps.services.observations); these forms read
the fields and show the services' errors on them."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.gaps.models import GapGroup, Indicator, MissingReason
from icc.gaps.services.imports import MAX_IMPORT_MB
from icc.network.models import City


class GapImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8) or XLSX, at most %(mb)s MB, in the gap format.") % {"mb": MAX_IMPORT_MB},
    )


class GroupForm(forms.Form):
    key = forms.CharField(
        label=_("Identifier"),
        max_length=60,
        help_text=_(
            "As in your data files: lower-case letters, digits and underscores, e.g. non_eu_nationals."
        ),
    )
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("As your pages should show it."))
    description = forms.CharField(
        label=_("Who belongs to it"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


MISSING_CHOICES = [("", _("The counts are given")), *MissingReason.choices]


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0)


class EntryForm(forms.Form):
    """Both groups' figures for one indicator and period: counts, or why they are missing."""

    indicator: forms.ModelChoiceField[Indicator] = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none()
    )
    period = forms.CharField(
        label=_("Period"), max_length=9, help_text=_("A year (2024) or the first and last years (2022-2024).")
    )
    reference_group: forms.ModelChoiceField[GapGroup] = forms.ModelChoiceField(
        label=_("Reference group"),
        queryset=GapGroup.objects.none(),
        help_text=_("The group the other is compared with, e.g. native-born residents."),
    )
    reference_numerator = _count(_("Reference group: people with the outcome"))
    reference_denominator = _count(_("Reference group: people in the group"))
    reference_missing = forms.ChoiceField(
        label=_("Reference group: if there are no counts, why"), choices=MISSING_CHOICES, required=False
    )
    focal_group: forms.ModelChoiceField[GapGroup] = forms.ModelChoiceField(
        label=_("Focal group"), queryset=GapGroup.objects.none()
    )
    focal_numerator = _count(_("Focal group: people with the outcome"))
    focal_denominator = _count(_("Focal group: people in the group"))
    focal_missing = forms.ChoiceField(
        label=_("Focal group: if there are no counts, why"), choices=MISSING_CHOICES, required=False
    )
    source_note = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("The survey or register and its year, e.g. “Labour Force Survey 2024, city sample”."),
    )

    def __init__(self, *args: Any, city: City, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(is_active=True)  # type: ignore[attr-defined]
        groups = GapGroup.objects.filter(city=city).order_by("name")
        self.fields["reference_group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["focal_group"].queryset = groups  # type: ignore[attr-defined]
