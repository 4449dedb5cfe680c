"""Forms of learning clusters and the policy lab. They only parse input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.activities.models import Event
from icc.clusters.models import (
    ApplicationStatus,
    ClusterStatus,
    ClusterTheme,
    DocumentKind,
    LabCriterion,
    MemberRole,
    OrganisationType,
)
from icc.clusters.services.clusters import ClusterData
from icc.core.countries import country_choices
from icc.core.history import REASON_FORM_MAX_LENGTH
from icc.core.models import Gender
from icc.experts.models import Expert
from icc.network.models import City

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClusterForm(forms.Form):
    theme: forms.ModelChoiceField[ClusterTheme] = forms.ModelChoiceField(
        label=_("Theme"), queryset=ClusterTheme.objects.none()
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    lead_expert = forms.ModelChoiceField(
        label=_("Lead expert"), queryset=Expert.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_WIDGET, required=False)
    report_every_months = forms.IntegerField(
        label=_("Progress report every (months)"), min_value=1, max_value=24, initial=6
    )
    expected_results = forms.CharField(
        label=_("Expected results"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, cluster: Any = None, **kwargs: Any) -> None:
        if cluster is not None and not args:
            kwargs.setdefault(
                "initial",
                {
                    "theme": cluster.theme_id,
                    "title_en": cluster.title_en,
                    "title_fr": cluster.title_fr,
                    "lead_expert": cluster.lead_expert_id,
                    "starts_on": cluster.starts_on,
                    "ends_on": cluster.ends_on,
                    "report_every_months": cluster.report_every_months,
                    "expected_results": cluster.expected_results,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = ClusterTheme.objects.all()  # type: ignore[attr-defined]
        self.fields["lead_expert"].queryset = Expert.objects.filter(erased_at__isnull=True).order_by(  # type: ignore[attr-defined]
            "full_name"
        )

    def data_for_service(self) -> ClusterData:
        data = self.cleaned_data
        return ClusterData(
            theme=data["theme"],
            title_en=data["title_en"],
            title_fr=data.get("title_fr") or "",
            lead_expert=data.get("lead_expert"),
            expected_results=data.get("expected_results") or "",
            starts_on=data["starts_on"],
            ends_on=data.get("ends_on"),
            report_every_months=data["report_every_months"],
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ClusterStatus.choices)


class MemberForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    reason = forms.CharField(
        label=_("Why this city"),
        max_length=REASON_FORM_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(status="member").order_by("name")  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"))


class EventLinkForm(forms.Form):
    """Choose an event of the programme (of the given kind, not linked yet) as a meeting or a session."""

    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none())

    def __init__(self, *args: Any, kind: str, unlinked: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = (  # type: ignore[attr-defined]
            Event.objects.filter(kind__key=kind, **{f"{unlinked}__isnull": True}).order_by("-starts_at")
        )


class MeetingForm(forms.Form):
    """A new meeting of the cluster: an event of the programme on one day, in a member city or online."""

    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    host_city = forms.ModelChoiceField(label=_("Host city"), queryset=City.objects.none(), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.URLField(label=_("Online link"), max_length=500, required=False)

    def __init__(self, *args: Any, cluster: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host_city"].queryset = City.objects.filter(  # type: ignore[attr-defined]
            cluster_memberships__cluster=cluster
        ).order_by("name")


class ReportForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Period to"), widget=DATE_WIDGET)
    text = forms.CharField(
        label=_("Progress"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What the cluster did in the period, against its expected results, and what comes next."),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Reviewed: nothing to change")), ("return", _("Return to the lead expert"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the lead expert"),
        max_length=REASON_FORM_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the report: what to change."),
    )


class MatchingSizeForm(forms.Form):
    mentors = forms.IntegerField(label=_("Mentors"), min_value=0, max_value=20, initial=3)
    learners = forms.IntegerField(label=_("Learners"), min_value=0, max_value=40, initial=6)


# --------------------------------------------------------------------------------------------- policy lab


class LabForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CallForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    introduction_en = forms.CharField(
        label=_("Introduction (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    introduction_fr = forms.CharField(
        label=_("Introduction (French)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_WIDGET)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE_WIDGET)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=200, initial=20)


class ApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), choices=OrganisationType.choices)
    country = forms.ChoiceField(label=_("Country"))
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        required=False,
        choices=[("", _("— not stated —")), *Gender.choices],
        help_text=_(
            "Self-declared and optional: counted only in aggregate, for the cohort's gender balance."
        ),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_(
            "Why you wish to join the lab and what you would bring to it (at most 5,000 characters)."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree that the Council of Europe keeps these data to select the lab's members."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]


class ScoreForm(forms.Form):
    """One field per criterion in use: a whole score from 0 to the criterion's maximum, or empty."""

    def __init__(
        self, *args: Any, criteria: list[LabCriterion], scores: dict[str, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.key}"] = forms.IntegerField(
                label=criterion.name,
                required=False,
                min_value=0,
                max_value=criterion.max_score,
                initial=scores.get(criterion.key),
                help_text=_("0 to %(max)s; weight %(weight)s")
                % {"max": criterion.max_score, "weight": criterion.weight},
            )

    def scores(self) -> dict[str, int | None]:
        return {c.key: self.cleaned_data.get(f"score_{c.key}") for c in self.criteria}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ApplicationStatus.ACCEPTED, _("Accept")), (ApplicationStatus.DECLINED, _("Decline"))],
        widget=forms.RadioSelect,
    )
    decision_reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_FORM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant is told this reason."),
    )
