"""Translated content fields (django-modeltranslation): the names of themes and of kinds of work."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.experts.models import Theme, WorkKind


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(WorkKind)
class WorkKindTranslation(TranslationOptions):
    fields = ("name",)


# History after translation, so that it records every language's column (as icc/network/translation.py).
for model in (Theme, WorkKind):
    simple_history.register(model)
