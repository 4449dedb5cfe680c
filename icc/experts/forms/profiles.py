"""Forms of the visit's record and of the profile's review. The profile's texts are not a Django form: each
area is its own small form saved as it is typed (icc/experts/views/profiles.py, like the Index entry)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.experts.models import StakeholderCategory, Visit
from icc.experts.selectors.profiles import index_areas
from icc.experts.services.profiles import MAX_AGENDA, MAX_COUNT, MAX_TEXT, NOTE_MAX, profile_languages


class VisitRecordForm(forms.Form):
    """The agenda, the people met per category (a number and a note each) and, for visits other than a first
    visit, the visit report."""

    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=MAX_AGENDA,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Day by day: who the experts met, where, and the workshops held."),
    )
    report = forms.CharField(
        label=_("Visit report"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What the experts found and recommend."),
    )
    report_gender_equality = forms.CharField(
        label=_("Gender equality"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The report's gender-equality section: how what the visit looked at considers women and men of "
            "migrant and minority background, and what the experts recommend for them."
        ),
    )

    def __init__(self, *args: Any, visit: Visit, first_visit: bool, **kwargs: Any) -> None:
        stored = {m.category: m for m in visit.meetings.all()} if visit.pk else {}
        initial: dict[str, Any] = {
            "agenda": visit.agenda,
            "report": visit.report,
            "report_gender_equality": visit.report_gender_equality,
        }
        for category, _label in StakeholderCategory.choices:
            meeting = stored.get(category)
            initial[f"count_{category}"] = meeting.count if meeting else 0
            initial[f"note_{category}"] = meeting.note if meeting else ""
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        if first_visit:
            del self.fields["report"]
            del self.fields["report_gender_equality"]
        for category, label in StakeholderCategory.choices:
            self.fields[f"count_{category}"] = forms.IntegerField(
                label=_("%(category)s: number of people met") % {"category": str(label).capitalize()},
                min_value=0,
                max_value=MAX_COUNT,
                widget=forms.NumberInput(attrs={"class": "narrow"}),
                error_messages={
                    "required": _("Give a number (0 if you met none)."),
                    "invalid": _("Give a whole number, such as 3."),
                },
            )
            self.fields[f"note_{category}"] = forms.CharField(
                label=_("%(category)s: who they were") % {"category": str(label).capitalize()},
                required=False,
                max_length=NOTE_MAX,
            )

    def category_rows(self) -> list[tuple[str, Any, Any]]:
        return [
            (str(label).capitalize(), self[f"count_{category}"], self[f"note_{category}"])
            for category, label in StakeholderCategory.choices
        ]

    def meetings(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            category: (data.get(f"count_{category}"), data.get(f"note_{category}", ""))
            for category, _label in StakeholderCategory.choices
        }


class VisitDocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, DOCX, ODT, XLSX, PNG or JPEG: the programme, a presentation, minutes."),
        error_messages={"required": _("Choose a file to attach.")},
    )


class ProfileStartForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the profile"), choices=profile_languages)


def _area_choices() -> list[tuple[str, Any]]:
    return [("", _("The whole profile")), *((a.key, a.title) for a in index_areas())]


class CommentForm(forms.Form):
    area = forms.ChoiceField(label=_("About"), choices=_area_choices, required=False)
    text = forms.CharField(
        label=_("Comment"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the comment before sending it.")},
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the profile is returned"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The lead expert reads this to correct the profile; it is kept with the profile."),
        error_messages={"required": _("Say why the profile is returned: the expert reads it to correct it.")},
    )
