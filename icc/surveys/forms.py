"""Forms: a city's survey (dates, target, population structure, consent), the import of offline answers,
and the public questionnaire built from the questionnaire's document."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.core.throttling import HONEYPOT_FIELD as HONEYPOT
from icc.surveys.models import Survey, SurveyQuestionnaire
from icc.surveys.questionnaire import AGE_BANDS, DONT_KNOW_LABEL, text_in
from icc.surveys.questionnaire import SurveyQuestionnaire as Parsed
from icc.surveys.statistics import DONT_KNOW


def _percent(label: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, min_value=0, max_value=100, decimal_places=2, required=False)


class SurveyForm(forms.Form):
    city: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("City"), queryset=None)
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=SurveyQuestionnaire.objects.all()
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}))
    target_answers = forms.IntegerField(
        label=_("Target number of answers"),
        min_value=10,
        help_text=_("At least 400 gives intervals of about ±5 points."),
    )
    age_16_29 = _percent(_("Residents aged 16 to 29 (%)"))
    age_30_44 = _percent(_("Residents aged 30 to 44 (%)"))
    age_45_64 = _percent(_("Residents aged 45 to 64 (%)"))
    age_65 = _percent(_("Residents aged 65 or over (%)"))
    gender_woman = _percent(_("Women (%)"))
    gender_man = _percent(_("Men (%)"))
    population_source = forms.CharField(
        label=_("Source of the population figures"),
        max_length=300,
        required=False,
        help_text=_("E.g. national census 2021, residents aged 16 or over."),
    )
    consent_text_en = forms.CharField(
        label=_("Consent text (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consent_text_fr = forms.CharField(
        label=_("Consent text (French)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    AGE_FIELDS = dict(zip(AGE_BANDS, ("age_16_29", "age_30_44", "age_45_64", "age_65"), strict=True))
    GENDER_FIELDS = {"woman": "gender_woman", "man": "gender_man"}

    def __init__(self, *args: Any, cities: Any, survey: Survey | None = None, **kwargs: Any) -> None:
        if survey is not None and "initial" not in kwargs:
            initial: dict[str, Any] = {
                name: getattr(survey, name)
                for name in (
                    "title_en",
                    "title_fr",
                    "opens_on",
                    "closes_on",
                    "target_answers",
                    "population_source",
                    "consent_text_en",
                    "consent_text_fr",
                )
            }
            initial["city"] = survey.city_id
            initial["questionnaire"] = survey.questionnaire_id
            for band, name in self.AGE_FIELDS.items():
                initial[name] = (survey.population.get("age") or {}).get(band)
            for gender, name in self.GENDER_FIELDS.items():
                initial[name] = (survey.population.get("gender") or {}).get(gender)
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities  # type: ignore[attr-defined]
        if survey is not None:
            del self.fields["city"]
            del self.fields["questionnaire"]

    def population(self) -> dict[str, dict[str, float]]:
        age = {
            band: float(self.cleaned_data[name])
            for band, name in self.AGE_FIELDS.items()
            if self.cleaned_data.get(name) is not None
        }
        gender = {
            g: float(self.cleaned_data[name])
            for g, name in self.GENDER_FIELDS.items()
            if self.cleaned_data.get(name) is not None
        }
        return {k: v for k, v in (("age", age), ("gender", gender)) if v}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))


class AnswerForm(forms.Form):
    """The public questionnaire: every question optional, radio buttons, "don't know" where allowed."""

    def __init__(self, *args: Any, questionnaire: Parsed, language: str, consent: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.groups: list[tuple[str, list[str]]] = []
        for area in questionnaire.areas:
            names = []
            for question in area.questions:
                choices = [(o.id, text_in(o.label, language)) for o in question.options]
                if question.dont_know:
                    choices.append((DONT_KNOW, text_in(DONT_KNOW_LABEL, language)))
                self.fields[question.id] = forms.ChoiceField(
                    label=text_in(question.text, language),
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                )
                names.append(question.id)
            self.groups.append((text_in(area.title, language), names))
        self.fields["consent"] = forms.BooleanField(label=consent, required=True)
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def answers(self) -> dict[str, str]:
        return {q.id: self.cleaned_data.get(q.id) or "" for q in self.questionnaire.questions}
