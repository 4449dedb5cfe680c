"""Forms of the programme's activities. They only parse input; the rules live in icc/activities/services/."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from icc.activities.models import (
    OBJECTIVES,
    Event,
    EventKind,
    EventStatus,
    ProgrammeItem,
    ProgrammeStatus,
)
from icc.core.countries import country_choices
from icc.core.history import REASON_FORM_MAX_LENGTH
from icc.core.models import Gender
from icc.network.models import City, NationalNetwork

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MONEY = {"min_value": 0, "max_digits": 10, "decimal_places": 2}
EVENT_FORM_FIELDS = [
    "kind",
    "title_en",
    "title_fr",
    "description_en",
    "description_fr",
    "starts_at",
    "ends_at",
    "time_zone",
    "place",
    "online_link",
    "host_city",
    "audience",
    "national_network",
    "capacity",
    "places_per_city",
    "registration_opens_at",
    "registration_closes_at",
    "funding_ceiling",
    "personal_data_delete_on",
    "public_participants",
    "programme_item",
    "report",
]


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = EVENT_FORM_FIELDS
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "personal_data_delete_on": DATE_WIDGET,
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "report": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title_en": _("Title in English"),
            "title_fr": _("Title in French"),
            "description_en": _("Description in English"),
            "description_fr": _("Description in French"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = EventKind.objects.order_by("order", "key")  # type: ignore[attr-defined]
        self.fields["host_city"].queryset = City.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["national_network"].queryset = NationalNetwork.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["programme_item"].queryset = ProgrammeItem.objects.order_by("-year", "title")  # type: ignore[attr-defined]
        self.fields["title_en"].required = True

    def validate_constraints(self) -> None:
        """The service checks dates and the rest with messages naming the field and the fix."""


class EventStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=EventStatus.choices)
    cancel_reason = forms.CharField(
        label=_("Why it is cancelled"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to cancel; the participants are told. Up to 1,000 characters."),
    )

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "status-%s")
        super().__init__(*args, **kwargs)
        if allowed is not None:
            labels = dict(EventStatus.choices)
            self.fields["status"].choices = [(s, labels[s]) for s in allowed]  # type: ignore[attr-defined]


class InviteCityForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "invite-%s")
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("name")  # type: ignore[attr-defined]


class ContactFieldsForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role_title = forms.CharField(label=_("Role or title"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        required=False,
        choices=[("", "—"), *Gender.choices],
        help_text=_("Self-declared, optional; counted only in aggregate for the programme's gender balance."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]


class InvitePersonForm(ContactFieldsForm):
    city = forms.ModelChoiceField(label=_("City represented"), queryset=City.objects.none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("name")  # type: ignore[attr-defined]


class SelfRegistrationForm(ContactFieldsForm):
    needs = forms.CharField(
        label=_("Accessibility or dietary needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen only by the organisers, and deleted after the event."),
    )
    show_name_publicly = forms.BooleanField(
        label=_("Show my name on the public list of participants"), required=False
    )
    consent = forms.BooleanField(
        label=_("I agree that the Council of Europe keeps these data to organise the event"),
        required=False,
        help_text=_("Needs and travel details are deleted after the event, on the date it announces."),
    )


class DelegateForm(SelfRegistrationForm):
    """A city coordinator registers a delegate of their city (or themselves)."""

    city = forms.ModelChoiceField(label=_("City represented"), queryset=City.objects.none())

    def __init__(self, *args: Any, cities: list[City] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "delegate-%s")
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in cities or []]
        ).order_by("name")


class FundingRequestForm(forms.Form):
    travel = forms.DecimalField(label=_("Travel (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    subsistence = forms.DecimalField(label=_("Subsistence (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "funding-%s")
        super().__init__(*args, **kwargs)


class FundingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    travel = forms.DecimalField(
        label=_("Travel approved (EUR)"),
        required=False,
        help_text=_("Empty: as requested."),
        **MONEY,  # type: ignore[arg-type]
    )
    subsistence = forms.DecimalField(
        label=_("Subsistence approved (EUR)"),
        required=False,
        help_text=_("Empty: as requested."),
        **MONEY,  # type: ignore[arg-type]
    )
    refusal_reason = forms.CharField(
        label=_("Reason for a refusal"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FollowUpForm(forms.Form):
    itinerary = forms.CharField(
        label=_("Itinerary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    arrival_at = forms.DateTimeField(label=_("Arrival"), widget=DATETIME_WIDGET)
    departure_at = forms.DateTimeField(label=_("Departure"), widget=DATETIME_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "follow-%s")
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ClaimForm(forms.Form):
    travel = forms.DecimalField(label=_("Travel (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    subsistence = forms.DecimalField(label=_("Subsistence (EUR)"), required=False, **MONEY)  # type: ignore[arg-type]
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    receipts = forms.FileField(
        label=_("Receipts (PDF, PNG or JPEG)"),
        required=False,
        widget=MultipleFileInput(attrs={"multiple": True}),
    )

    def clean_receipts(self) -> Any:
        return self.files.getlist("receipts") if self.files else []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "claim-%s")
        super().__init__(*args, **kwargs)


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            ("return", _("Return to the participant")),
            ("pay", _("Record the payment")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for returning it"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    paid_amount = forms.DecimalField(
        label=_("Amount paid (EUR)"),
        required=False,
        help_text=_("Empty: the total claimed."),
        **MONEY,  # type: ignore[arg-type]
    )


class FeedbackForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        label=_("How useful was the event for your work?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1: not useful, 5: very useful."),
    )
    what_was_new = forms.CharField(
        label=_("What was new for you?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "feedback-%s")
        super().__init__(*args, **kwargs)


class ProgrammeItemForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title_en = forms.CharField(label=_("Title in English"), max_length=200)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    kind: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Kind of activity"), queryset=EventKind.objects.none()
    )
    objective = forms.ChoiceField(label=_("Objective of the strategy"), choices=OBJECTIVES)
    proposed_by_city = forms.ModelChoiceField(
        label=_("Proposed by the city"),
        queryset=City.objects.none(),
        required=False,
        help_text=_("Empty: proposed by the secretariat."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = EventKind.objects.order_by("order", "key")  # type: ignore[attr-defined]
        self.fields["proposed_by_city"].queryset = City.objects.order_by("name")  # type: ignore[attr-defined]


class ProgrammeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ProgrammeStatus.choices)
    meeting = forms.ModelChoiceField(
        label=_("Coordinators' meeting"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("To validate: the meeting that validated it."),
    )
    drop_reason = forms.CharField(
        label=_("Why it is dropped"),
        required=False,
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "pstatus-%s")
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


def contact_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    """The contact's fields from a form's cleaned data, as the services take them."""
    return {
        name: data.get(name) or ""
        for name in ("full_name", "email", "organisation", "role_title", "country", "language", "gender")
    }


class GenderTargetForm(forms.Form):
    from_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    kind: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Kind of event"),
        queryset=EventKind.objects.none(),
        required=False,
        help_text=_("Empty: every kind of event."),
    )
    women_share = forms.IntegerField(label=_("Share of women aimed at (%)"), min_value=0, max_value=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "target-%s")
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = EventKind.objects.order_by("order", "key")  # type: ignore[attr-defined]
