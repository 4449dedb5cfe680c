"""Forms of the news and the newsletter. They only parse input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from icc.core.throttling import HONEYPOT_FIELD
from icc.outreach.models import LANGUAGES, NewsItem, NewsletterIssue
from icc.outreach.services import IssueData, NewsData

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewsForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    summary_en = forms.CharField(
        label=_("Summary (English)"), max_length=400, widget=forms.Textarea(attrs={"rows": 2})
    )
    body_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; a blank line starts a new paragraph."),
    )
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)
    summary_fr = forms.CharField(
        label=_("Summary (French)"), max_length=400, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body_fr = forms.CharField(
        label=_("Text (French)"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args: Any, item: NewsItem | None = None, **kwargs: Any) -> None:
        if item is not None and (not args or args[0] is None):
            kwargs.setdefault("initial", {name: getattr(item, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)

    def data_for_service(self) -> NewsData:
        return NewsData(**{name: self.cleaned_data[name] for name in self.fields})


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.org.")},
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=LANGUAGES)
    # Hidden from people (CSS and aria-hidden); robots fill it in (icc/core/throttling.py).
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert HONEYPOT_FIELD in self.fields
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class IssueForm(forms.Form):
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200)
    subject_fr = forms.CharField(label=_("Subject (French)"), max_length=200)
    introduction_en = forms.CharField(
        label=_("Introduction (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    introduction_fr = forms.CharField(
        label=_("Introduction (French)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    news = forms.ModelMultipleChoiceField(
        label=_("News"), queryset=NewsItem.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("New good practices"),
        queryset=NewsItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Coming events"),
        queryset=NewsItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, candidates: Any, issue: NewsletterIssue | None = None, **kwargs: Any
    ) -> None:
        """`candidates`: what the issue may point to (icc.outreach.selectors.issue_candidates), plus what
        an issue being edited already points to."""
        if not args or args[0] is None:
            if issue is not None:
                initial = {
                    name: getattr(issue, name)
                    for name in ("subject_en", "subject_fr", "introduction_en", "introduction_fr")
                }
                initial |= {
                    name: [o.pk for o in getattr(issue, name).all()]
                    for name in ("news", "practices", "events")
                }
            else:
                initial = {
                    name: [o.pk for o in getattr(candidates, name)]
                    for name in ("news", "practices", "events")
                }
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        from icc.activities.models import Event
        from icc.practices.models import Practice

        models = {"news": NewsItem, "practices": Practice, "events": Event}
        for name, model in models.items():
            ids = {o.pk for o in getattr(candidates, name)}
            if issue is not None:
                ids |= set(getattr(issue, name).values_list("pk", flat=True))
            field = self.fields[name]
            field.queryset = model.objects.filter(pk__in=ids)  # type: ignore[attr-defined]
            field.label_from_instance = _label  # type: ignore[attr-defined]

    def data_for_service(self) -> IssueData:
        return IssueData(
            subject_en=self.cleaned_data["subject_en"],
            subject_fr=self.cleaned_data["subject_fr"],
            introduction_en=self.cleaned_data["introduction_en"],
            introduction_fr=self.cleaned_data["introduction_fr"],
            news=list(self.cleaned_data["news"]),
            practices=list(self.cleaned_data["practices"]),
            events=list(self.cleaned_data["events"]),
        )


def _label(obj: Any) -> str:
    city = getattr(obj, "city", None)
    return f"{obj.title} ({city.name})" if city is not None else str(obj.title)
