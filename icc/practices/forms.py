"""Forms of the back office: the practice, the review's question, answer and decision, files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.core.history import REASON_FORM_MAX_LENGTH
from icc.network.models import City
from icc.practices.index_areas import area_choices, question_choices
from icc.practices.models import AdoptionStage, PolicyBrief, Practice, TargetGroup, Theme
from icc.practices.services import CONTENT_FIELDS


class PracticeForm(forms.ModelForm):
    areas = forms.MultipleChoiceField(
        label=_("Index areas"), choices=area_choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    questions = forms.MultipleChoiceField(
        label=_("Index questions it answers"),
        choices=question_choices,
        required=False,
        help_text=_("The questions of the current questionnaire the practice improves the answer to."),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Practice
        fields = list(CONTENT_FIELDS)
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "key_figures": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, cities: Any = None, published: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("title_en", "title_fr"):
            self.fields[name].help_text = _("Write the practice in English, in French or in both.")
        if cities is not None:
            self.fields["city"] = forms.ModelChoiceField(label=_("City"), queryset=cities)
            self.order_fields(["city"])
        if published:
            self.fields["note"] = forms.CharField(
                label=_("What changed"),
                max_length=500,
                help_text=_("Your edit is published at once as a new version; readers see this note."),
            )

    def content(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in CONTENT_FIELDS}


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Question for the city"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PublishForm(forms.Form):
    note = forms.CharField(label=_("Note for the version history"), max_length=500, required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the city reads it)"),
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Up to 1,000 characters."),
    )


class ImageForm(forms.Form):
    file = forms.FileField(label=_("Image (PNG or JPEG)"))
    alt_en = forms.CharField(label=_("Alternative text (English)"), max_length=300, required=False)
    alt_fr = forms.CharField(label=_("Alternative text (French)"), max_length=300, required=False)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF, DOCX, ODT, XLSX, PNG or JPEG)"))
    title = forms.CharField(label=_("Title"), max_length=200)


class BriefForm(forms.ModelForm):
    areas = forms.MultipleChoiceField(
        label=_("Index areas"), choices=area_choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Practices of the collection"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Published practices the brief points to."),
    )

    class Meta:
        model = PolicyBrief
        fields = ["field", "title_en", "title_fr", "summary_en", "summary_fr", "body_en", "body_fr", "areas"]
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "body_en": forms.Textarea(attrs={"rows": 14}),
            "body_fr": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["practices"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Practice.objects.public().select_related("city").order_by("city__name", "pk")
        field.label_from_instance = lambda p: f"{p.city.name}: {p.title}"  # type: ignore[method-assign,assignment]
        if self.instance.pk:
            self.initial["practices"] = list(self.instance.practices.values_list("pk", flat=True))

    def content(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class BriefReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What to change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AdoptionForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.order_by("name"))
    stage = forms.ChoiceField(label=_("Stage reached"), choices=AdoptionStage.choices)
    on = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(
        label=_("Evidence"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_url = forms.URLField(label=_("Evidence: address"), required=False)
    correction = forms.BooleanField(label=_("Correct a mistake: go back to this stage"), required=False)
