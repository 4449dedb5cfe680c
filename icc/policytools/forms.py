"""Forms of the policy tools: the public diversity-advantage questionnaire (built from the checklist
document, with a honeypot field) and the form that saves a result with an e-mail address."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.policytools import selectors
from icc.policytools.models import Checklist

# A field people never see (hidden by CSS and from assistive technology): only robots fill it in.
HONEYPOT = "website"


class BusinessAnswersForm(forms.Form):
    def __init__(self, *args: Any, checklist: Checklist, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = selectors.checklist_rows(checklist.document, {})
        for section in self.sections:
            for question in section.questions:
                self.fields[question.id] = forms.TypedChoiceField(
                    label=f"{question.number}. {question.text}",
                    choices=[(str(points), label) for points, label in question.grades],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose one answer for this question.")},
                )
        self.fields[HONEYPOT] = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def section_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(s.title, [self[q.id] for q in s.questions]) for s in self.sections]


class SaveResultForm(forms.Form):
    organisation = forms.CharField(
        label=_("Name of your business (optional)"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("We send the private link to your result there.")
    )
    consent = forms.BooleanField(
        label=_("I agree that the Council of Europe keeps my answers and e-mail address until I erase them"),
        required=False,
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))
