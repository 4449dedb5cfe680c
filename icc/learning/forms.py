"""Forms of the initiation course: they only shape input; the services decide (icc/learning/services.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.learning.services import ChoiceInput

CHOICES_PER_QUESTION = 4


class CourseForm(forms.Form):
    slug = forms.SlugField(label=_("Short name in the address"), max_length=80)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200)
    summary_en = forms.CharField(
        label=_("Summary (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    summary_fr = forms.CharField(
        label=_("Summary (French)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class VersionForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200)
    body_en = forms.CharField(
        label=_("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("Plain text; a blank line starts a new paragraph."),
    )
    body_fr = forms.CharField(
        label=_("Text (French)"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "A YouTube or Vimeo address; shown as a link and a player that sets no cookie before play."
        ),
    )
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class QuestionForm(forms.Form):
    text_en = forms.CharField(label=_("Question (English)"), max_length=500)
    text_fr = forms.CharField(label=_("Question (French)"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, CHOICES_PER_QUESTION + 1):
            self.fields[f"choice{i}_en"] = forms.CharField(
                label=_("Choice %(n)s (English)") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"choice{i}_fr"] = forms.CharField(
                label=_("Choice %(n)s (French)") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"choice{i}_correct"] = forms.BooleanField(
                label=_("Choice %(n)s is right") % {"n": i}, required=False
            )
            self.fields[f"choice{i}_feedback_en"] = forms.CharField(
                label=_("Feedback on choice %(n)s (English)") % {"n": i}, max_length=500, required=False
            )
            self.fields[f"choice{i}_feedback_fr"] = forms.CharField(
                label=_("Feedback on choice %(n)s (French)") % {"n": i}, max_length=500, required=False
            )

    def choices(self) -> list[ChoiceInput]:
        d = self.cleaned_data
        return [
            ChoiceInput(
                text_en=d[f"choice{i}_en"],
                text_fr=d[f"choice{i}_fr"],
                correct=d[f"choice{i}_correct"],
                feedback_en=d[f"choice{i}_feedback_en"],
                feedback_fr=d[f"choice{i}_feedback_fr"],
            )
            for i in range(1, CHOICES_PER_QUESTION + 1)
        ]


class ImageForm(forms.Form):
    file = forms.FileField(label=_("Image (PNG or JPEG)"))
    alt_en = forms.CharField(label=_("Alternative text (English)"), max_length=300, required=False)
    alt_fr = forms.CharField(label=_("Alternative text (French)"), max_length=300, required=False)
