"""Forms of the secretariat's round pages. Fields are optional where the service gives the better message."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from icc.index.models import Questionnaire, Response, RoundStatus
from icc.network.models import City

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("As the cities will see it, e.g. “Intercultural Cities Index 2027”."),
    )
    name_fr = forms.CharField(
        label=_("Name (French)"),
        max_length=200,
        required=False,
        help_text=_(
            "As French readers will see it, e.g. “Indice des cités interculturelles 2027”; "
            "leave empty when it is the same."
        ),
    )
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire version"),
        queryset=Questionnaire.objects.order_by("-published", "key"),
        required=False,
        empty_label="—",
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_WIDGET, required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_WIDGET, required=False)


class RoundEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    name_fr = forms.CharField(
        label=_("Name (French)"),
        max_length=200,
        required=False,
        help_text=_("Leave empty when it is the same as the English name."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_(
            "A later date extends the deadline of every city still answering; a city given a later "
            "deadline of its own keeps it."
        ),
    )


class ExtendForm(forms.Form):
    responses = forms.ModelMultipleChoiceField(
        label=_("Cities"),
        queryset=Response.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    deadline = forms.DateField(label=_("New deadline for these cities"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, responses: QuerySet[Response], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responses"].queryset = responses  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    # Every city is accepted here so that the service can refuse an enquiry by name.
    cities: forms.ModelMultipleChoiceField[City] = forms.ModelMultipleChoiceField(
        label=_("Cities"), queryset=City.objects.all(), required=False
    )


class RoundStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RoundStatus.choices)
    confirm_early = forms.BooleanField(label=_("Open it today, before its opening date"), required=False)
