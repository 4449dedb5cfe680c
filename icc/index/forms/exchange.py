"""Forms of the offline-work pages: the workbook upload and the confirmation of its changes."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ResponseImportForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook with the answers"),
        help_text=_("The XLSX workbook downloaded from this response, filled in."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class ImportApplyForm(forms.Form):
    # What the person checked: the apply refuses if answers were saved since.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
