"""Forms of city strategies. They only parse input; the rules (and the refusals, by field) live in the
services, so values such as a figure are taken as text and the service says what is wrong with them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.activities.models import Event
from icc.network.models import City
from icc.strategies.models import ActionStatus, Polarity, Quadrant, SourceKind, Strategy
from icc.strategies.services import ActionData, IndicatorData, StrategyData

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _area_choices() -> list[tuple[str, str]]:
    from icc.practices.index_areas import index_areas

    return [(a.key, a.title) for a in index_areas()]


class StrategyForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET, required=False)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_WIDGET, required=False)
    index_areas = forms.MultipleChoiceField(
        label=_("Index areas it addresses"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    previous: forms.ModelChoiceField[Strategy] = forms.ModelChoiceField(
        label=_("Replaces the strategy"), queryset=Strategy.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, cities: Any = None, strategy: Strategy | None = None, **kwargs: Any
    ) -> None:
        if strategy is not None and not args:
            kwargs.setdefault(
                "initial",
                {
                    "title_en": strategy.title_en,
                    "title_fr": strategy.title_fr,
                    "summary": strategy.summary,
                    "starts_on": strategy.starts_on,
                    "ends_on": strategy.ends_on,
                    "index_areas": strategy.index_areas,
                    "previous": strategy.previous_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["index_areas"].choices = _area_choices()  # type: ignore[attr-defined]
        if strategy is not None:
            del self.fields["city"]
            self.fields["previous"].queryset = Strategy.objects.filter(city_id=strategy.city_id).exclude(  # type: ignore[attr-defined]
                pk=strategy.pk
            )
        else:
            self.fields["city"].queryset = cities if cities is not None else City.objects.none()  # type: ignore[attr-defined]
            self.fields["previous"].queryset = Strategy.objects.filter(city__in=cities or [])  # type: ignore[attr-defined]

    def data_for_service(self) -> StrategyData:
        d = self.cleaned_data
        return StrategyData(
            title_en=d["title_en"],
            title_fr=d.get("title_fr", ""),
            summary=d.get("summary", ""),
            starts_on=d.get("starts_on"),
            ends_on=d.get("ends_on"),
            index_areas=d.get("index_areas") or [],
            previous=d.get("previous"),
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    correction = forms.BooleanField(label=_("Correct a mistake (go back a step)"), required=False)
    validated_on = forms.DateField(label=_("Validated on"), widget=DATE_WIDGET, required=False)
    validated_by_body = forms.CharField(label=_("Validated by (body)"), max_length=200, required=False)
    presented_at_event = forms.ModelChoiceField(
        label=_("Presented at the event"), queryset=Event.objects.none(), required=False
    )
    presented_on = forms.DateField(label=_("Presented on"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, Any]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices or []  # type: ignore[attr-defined]
        self.fields["presented_at_event"].queryset = Event.objects.order_by("-starts_at")[:200]  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the strategy"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    file = forms.FileField(label=_("Document (PDF, Word, OpenDocument)"), required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.CharField(label=_("Role in the group"), max_length=200, required=False)


class ResultForm(forms.Form):
    title_en = forms.CharField(label=_("Result (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Result (French)"), max_length=200, required=False)
    statement_en = forms.CharField(
        label=_("In plain language (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    statement_fr = forms.CharField(
        label=_("In plain language (French)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)


class IndicatorForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    polarity = forms.ChoiceField(label=_("Polarity"), choices=Polarity.choices)
    source_kind = forms.ChoiceField(label=_("Where the figures come from"), choices=SourceKind.choices)
    source_key = forms.CharField(
        label=_("Source identifier"),
        max_length=60,
        required=False,
        help_text=_("For an Index area: its key (e.g. education). For a gap: the gap indicator key."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)

    def data_for_service(self) -> IndicatorData:
        d = self.cleaned_data
        return IndicatorData(
            name_en=d["name_en"],
            name_fr=d.get("name_fr", ""),
            unit=d.get("unit", ""),
            polarity=d["polarity"],
            source_kind=d["source_kind"],
            source_key=d.get("source_key", ""),
            order=d.get("order") or 0,
        )


class PointForm(forms.Form):
    period_label = forms.CharField(label=_("Period"), max_length=30, required=False, help_text=_("E.g. 2024"))
    period_start = forms.DateField(label=_("Period starts on"), widget=DATE_WIDGET, required=False)
    # Text: the service parses the number and names what is wrong with it.
    value = forms.CharField(label=_("Value"), max_length=40, required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)


class TargetForm(forms.Form):
    period_label = forms.CharField(label=_("Period"), max_length=30, required=False)
    period_start = forms.DateField(label=_("Period starts on"), widget=DATE_WIDGET, required=False)
    value = forms.CharField(label=_("Target"), max_length=40, required=False)


class CurveForm(forms.Form):
    story = forms.CharField(
        label=_("The story behind the curve"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    partners = forms.CharField(
        label=_("Partners with a role to play"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    what_works = forms.CharField(
        label=_("What works"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    practices: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Published practices that work"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from icc.practices.models import Practice

        self.fields["practices"].queryset = Practice.objects.public().order_by("title_en")  # type: ignore[attr-defined]


class ForecastForm(forms.Form):
    values = forms.CharField(
        label=_("Forecast, one period a line"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("“period: value”, e.g. “2026: 41.5”. Leave empty to go back to the computed forecast."),
    )
    forecast_note = forms.CharField(
        label=_("Why you set it by hand"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def parsed(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for line in (self.cleaned_data.get("values") or "").splitlines():
            if not line.strip():
                continue
            label, _sep, value = line.partition(":")
            values[label.strip()] = value.strip()
        return values


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MeasureForm(forms.Form):
    quadrant = forms.ChoiceField(label=_("Quadrant"), choices=Quadrant.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    polarity = forms.ChoiceField(label=_("Polarity"), choices=Polarity.choices)


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Owner (a person of the city's team)"), queryset=None, required=False
    )
    owner_name = forms.CharField(label=_("Owner (name or organisation)"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET, required=False)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, people: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from icc.accounts.models import User

        self.fields["owner"].queryset = User.objects.filter(pk__in=[p.pk for p in people])  # type: ignore[attr-defined]

    def data_for_service(self) -> ActionData:
        d = self.cleaned_data
        return ActionData(
            title=d["title"],
            description=d.get("description", ""),
            owner=d.get("owner"),
            owner_name=d.get("owner_name", ""),
            starts_on=d.get("starts_on"),
            due_on=d.get("due_on"),
        )


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
