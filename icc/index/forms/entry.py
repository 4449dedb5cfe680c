"""Forms of the city's data entry: assigning sections and confirming the submission.

The answers themselves are not a Django form: each question's inputs depend on its type in the
questionnaire document, and `icc.index.answers.clean_answer` is the one place that validates them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.accounts.models import User


class AssignForm(forms.Form):
    area = forms.ChoiceField(label=_("Section"))
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        help_text=_("The city's coordinators and contributors: invite a colleague to the team below first."),
    )

    def __init__(self, *args: object, areas: list[tuple[str, str]], people: list[User], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["area"].choices = areas  # type: ignore[attr-defined]
        field = self.fields["user"]
        field.queryset = User.objects.filter(pk__in=[p.pk for p in people]).order_by("full_name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.full_name or user.email  # type: ignore[attr-defined]


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the answers; submit them to the secretariat."),
        error_messages={"required": _("Tick the box to confirm that the answers are ready to be submitted.")},
    )
