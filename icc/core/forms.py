"""Form helpers shared by every app."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


class MarkedBoundField(BoundField):
    """A required field says so in words in its label ("Name (required)"), on every form (GOV.UK asks for
    the mark; the `required` attribute alone is invisible to sighted people)."""

    def label_tag(
        self, contents: Any = None, attrs: Any = None, label_suffix: Any = None, tag: Any = None
    ) -> SafeString:
        if contents is None and self.field.required and self.label and not self.is_hidden:
            label = str(conditional_escape(self.label))
            suffix = label_suffix
            if suffix is None:
                suffix = (
                    self.field.label_suffix if self.field.label_suffix is not None else self.form.label_suffix
                )
            if suffix and label[-1] not in ":?.!":
                label += str(suffix)
            contents = format_html(
                '{} <span class="required-mark">{}</span>', SafeString(label), _("(required)")
            )
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)


class FormRenderer(DjangoTemplates):
    """The platform's form renderer (settings.FORM_RENDERER): Django's templates, required fields marked."""

    bound_field_class = MarkedBoundField


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = field if field in form.fields else None
            if field != NON_FIELD_ERRORS and target is None:
                errors = [f"{_field_label(form, field)}: {message}" for message in errors]
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _field_label(form: forms.BaseForm, field: str) -> str:
    return field.replace("_", " ").capitalize()
