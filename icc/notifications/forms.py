from typing import Any

from django import forms

from icc.notifications.models import Delivery, NotificationKind


class PreferencesForm(forms.Form):
    """One choice per kind of notice: at once, daily digest or off."""

    def __init__(self, *args: Any, initial_choices: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                initial=initial_choices.get(kind),
                widget=forms.RadioSelect,
            )
