"""Forms of evaluations. They only parse input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.evaluations.models import Evaluation, EvaluationSection, QuestionKind
from icc.evaluations.selectors import evaluable_strategies, other_strategies, report_choices
from icc.experts.models import Expert
from icc.strategies.models import Action, Result, Strategy

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EvaluationForm(forms.Form):
    strategy: forms.ModelChoiceField[Strategy] = forms.ModelChoiceField(
        label=_("Strategy to evaluate"), queryset=Strategy.objects.none()
    )
    title_en = forms.CharField(
        label=_("Title (English)"),
        max_length=200,
        required=False,
        help_text=_("Left empty: “Evaluation of” and the strategy's title."),
    )
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = evaluable_strategies()  # type: ignore[attr-defined]
        self.fields["strategy"].label_from_instance = lambda s: f"{s.city.name} · {s.title}"  # type: ignore[attr-defined]


class OpenForm(forms.Form):
    deadline = forms.DateField(label=_("The city answers by"), widget=DATE_WIDGET)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What the city should complete or correct"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )


class AssignForm(forms.Form):
    expert: forms.ModelChoiceField[Expert] = forms.ModelChoiceField(
        label=_("Expert who writes the report"), queryset=Expert.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = Expert.objects.filter(  # type: ignore[attr-defined]
            user__isnull=False, erased_at__isnull=True
        ).order_by("full_name")


class NextStrategyForm(forms.Form):
    next_strategy: forms.ModelChoiceField[Strategy] = forms.ModelChoiceField(
        label=_("Next strategy"), queryset=Strategy.objects.none(), required=False
    )

    def __init__(self, *args: Any, evaluation: Evaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_strategy"].queryset = other_strategies(evaluation)  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    section: forms.ModelChoiceField[EvaluationSection] = forms.ModelChoiceField(
        label=_("Section"), queryset=EvaluationSection.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500)
    text_fr = forms.CharField(label=_("Question (French)"), max_length=500, required=False)
    context = forms.CharField(
        label=_("What the city should know to answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20000,
    )

    def __init__(self, *args: Any, evaluation: Evaluation, with_section: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_section:
            self.fields["section"].queryset = evaluation.sections.order_by("order", "pk")  # type: ignore[attr-defined]
        else:
            del self.fields["section"]


class ReportForm(forms.Form):
    summary_en = forms.CharField(
        label=_("Summary (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    summary_fr = forms.CharField(
        label=_("Summary (French)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    findings_en = forms.CharField(
        label=_("Findings (English)"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    findings_fr = forms.CharField(
        label=_("Findings (French)"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )


class RecommendationForm(forms.Form):
    text_en = forms.CharField(label=_("Recommendation (English)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_fr = forms.CharField(
        label=_("Recommendation (French)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    result: forms.ModelChoiceField[Result] = forms.ModelChoiceField(
        label=_("About the result"), queryset=Result.objects.none(), required=False
    )
    action: forms.ModelChoiceField[Action] = forms.ModelChoiceField(
        label=_("About the action"), queryset=Action.objects.none(), required=False
    )

    def __init__(self, *args: Any, evaluation: Evaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        results, actions = report_choices(evaluation)
        self.fields["result"].queryset = Result.objects.filter(pk__in=[r.pk for r in results])  # type: ignore[attr-defined]
        self.fields["action"].queryset = Action.objects.filter(pk__in=[a.pk for a in actions])  # type: ignore[attr-defined]


class ReportMoveForm(forms.Form):
    status = forms.CharField(max_length=10)
    comment = forms.CharField(
        label=_("What the expert should change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20000,
    )
