"""The pool's forms: an expert's record (the secretariat's, and the expert's own corrections), the filters of
the list, a document, a training session, a target. The forms only read the input; the services check it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from icc.core.countries import country_choices
from icc.core.forms import apply_validation_error
from icc.experts.models import (
    DocumentKind,
    Expert,
    ExpertStatus,
    Gender,
    LanguageLevel,
    PoolTarget,
    TargetKind,
)
from icc.experts.selectors.pool import area_choices, language_choices, mentor_choices, themes
from icc.experts.services.pool import ExpertData, LanguageEntry

EXTRA_LANGUAGE_ROWS = 3
MAX_LANGUAGE_ROWS = 15


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class ExpertForm(forms.Form):
    """An expert's record. `self_service`: the expert's own corrections (no status, mentor or account)."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    gender = forms.ChoiceField(
        label=_("Gender (self-declared, optional)"),
        required=False,
        choices=_blank(Gender.choices),
        help_text=_("Only the secretariat sees it; the pool figures count it without naming anyone."),
    )
    country = forms.ChoiceField(label=_("Country of residence"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ExpertStatus.choices)
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Expert.objects.none(), required=False)
    account_email = forms.EmailField(
        label=_("Account (e-mail address)"),
        required=False,
        help_text=_(
            "The e-mail address of the person's account, so that they can see and correct their record."
        ),
    )
    areas = forms.MultipleChoiceField(
        label=_("Expertise: Index areas"), required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Expertise: themes"),
        queryset=themes(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries_known = forms.MultipleChoiceField(
        label=_("Countries known"),
        required=False,
        help_text=_("Countries the expert has worked or lived in (hold Ctrl or ⌘ to choose several)."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    availability_note = forms.CharField(
        label=_("Availability"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    biography = forms.CharField(
        label=_("Short biography"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    SECRETARIAT_ONLY = ("status", "mentor", "account_email")

    def __init__(
        self, *args: Any, expert: Expert | None = None, self_service: bool = False, **kwargs: Any
    ) -> None:
        self.expert = expert
        self.self_service = self_service
        if expert is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(expert)
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.fields["country"].choices = _blank(countries)  # type: ignore[attr-defined]
        self.fields["countries_known"].choices = countries  # type: ignore[attr-defined]
        self.fields["areas"].choices = area_choices()  # type: ignore[attr-defined]
        self.fields["themes"].queryset = themes()  # type: ignore[attr-defined]
        self.fields["mentor"].queryset = mentor_choices(exclude=expert)  # type: ignore[attr-defined]
        if self_service:
            for name in self.SECRETARIAT_ONLY:
                del self.fields[name]
        existing = len(self.initial.get("languages", []))
        rows = min(MAX_LANGUAGE_ROWS, max(existing + EXTRA_LANGUAGE_ROWS, self._posted_rows()))
        self.language_rows: list[tuple[str, str, str]] = []
        for i, entry in enumerate(list(self.initial.get("languages", [])) + [None] * (rows - existing)):
            names = (f"language_{i}", f"level_{i}", f"working_{i}")
            self.fields[names[0]] = forms.ChoiceField(
                label=_("Language %(n)s") % {"n": i + 1}, required=False, choices=_blank(language_choices())
            )
            self.fields[names[1]] = forms.ChoiceField(
                label=_("Level of language %(n)s") % {"n": i + 1},
                required=False,
                choices=_blank(LanguageLevel.choices),
            )
            self.fields[names[2]] = forms.BooleanField(
                label=_("Working language %(n)s") % {"n": i + 1}, required=False
            )
            if entry is not None:
                self.initial[names[0]], self.initial[names[1]], self.initial[names[2]] = entry
            self.language_rows.append(names)

    @property
    def main_fields(self) -> list[Any]:
        """The bound fields other than the language rows, in order."""
        in_rows = {name for row in self.language_rows for name in row}
        return [self[name] for name in self.fields if name not in in_rows]

    @property
    def language_bound_rows(self) -> list[tuple[Any, Any, Any]]:
        return [(self[a], self[b], self[c]) for a, b, c in self.language_rows]

    def _posted_rows(self) -> int:
        data = self.data or {}
        return sum(1 for i in range(MAX_LANGUAGE_ROWS) if f"language_{i}" in data)

    @staticmethod
    def initial_for(expert: Expert) -> dict[str, Any]:
        return {
            "full_name": expert.full_name,
            "email": expert.email,
            "phone": expert.phone,
            "gender": expert.gender,
            "country": expert.country,
            "status": expert.status,
            "mentor": expert.mentor_id,
            "account_email": expert.user.email if expert.user else "",
            "areas": [row.area for row in expert.expertise.all() if row.area],
            "themes": [row.theme_id for row in expert.expertise.all() if row.theme_id],
            "countries_known": [row.country for row in expert.countries_known.all()],
            "availability_note": expert.availability_note,
            "biography": expert.biography,
            "languages": [(row.language, row.level, row.working) for row in expert.languages.all()],
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for language, level, _working in self.language_rows:
            if cleaned.get(language) and not cleaned.get(level):
                self.add_error(level, _("Give the level of this language, or clear the language."))
            elif cleaned.get(level) and not cleaned.get(language):
                self.add_error(language, _("Choose the language this level is for, or clear the level."))
        return cleaned

    def data_for_service(self) -> ExpertData:
        c = self.cleaned_data
        languages = [
            LanguageEntry(c[language], c[level], bool(c.get(working)))
            for language, level, working in self.language_rows
            if c.get(language)
        ]
        data = ExpertData(
            full_name=c["full_name"],
            email=c.get("email", ""),
            phone=c.get("phone", ""),
            gender=c.get("gender", ""),
            country=c.get("country", ""),
            availability_note=c.get("availability_note", ""),
            biography=c.get("biography", ""),
            languages=languages,
            areas=list(c.get("areas") or []),
            themes=list(c.get("themes") or []),
            countries_known=list(c.get("countries_known") or []),
        )
        if not self.self_service:
            data.status = c["status"]
            data.mentor = c.get("mentor")
            data.mentor_given = True
            data.account_email = c.get("account_email", "")
        return data

    def show_errors(self, error: ValidationError) -> None:
        """A service's errors on the fields they name; the languages' on the first language row."""
        if hasattr(error, "error_dict") and "languages" in error.error_dict:
            for message in error.message_dict["languages"]:
                self.add_error(self.language_rows[0][0], message)
            error = ValidationError({k: v for k, v in error.message_dict.items() if k != "languages"})
            if not error.error_dict:
                return
        apply_validation_error(self, error)


class PoolFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(ExpertStatus.choices))
    language = forms.ChoiceField(label=_("Speaks"), required=False)
    area = forms.ChoiceField(label=_("Index area"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=_blank(Gender.choices))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _blank(language_choices())  # type: ignore[attr-defined]
        self.fields["area"].choices = _blank(area_choices())  # type: ignore[attr-defined]
        self.fields["theme"].choices = _blank((theme.key, theme.name) for theme in themes())  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"))


class TrainingForm(forms.Form):
    session = forms.CharField(label=_("Training session"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    attended = forms.BooleanField(label=_("Attended"), required=False, initial=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class TargetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Target"), choices=TargetKind.choices)
    value = forms.DecimalField(label=_("Target value"), max_digits=7, decimal_places=1)
    due_on = forms.DateField(label=_("To be reached by"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    @staticmethod
    def initial_for(target: PoolTarget) -> dict[str, Any]:
        return {"kind": target.kind, "value": target.value, "due_on": target.due_on, "note": target.note}


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm the expert asked for erasure; this cannot be undone."), required=True
    )
