"""Evidence of impact: the forms of the secretariat's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.impact.services import DEFAULT_RUNS


class OutcomeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File of outcome figures (CSV or XLSX)"),
        help_text=_("Columns: city, year, outcome, value, unit, source, licence. Download the template."),
    )


class RunForm(forms.Form):
    runs = forms.IntegerField(
        label=_("Monte Carlo weightings"), min_value=1, max_value=5000, initial=DEFAULT_RUNS
    )
    seed = forms.IntegerField(label=_("Random seed"), min_value=0, max_value=2**31 - 1, initial=0)


class PublishForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    summary_en = forms.CharField(
        label=_("Summary (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    summary_fr = forms.CharField(
        label=_("Summary (French)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
