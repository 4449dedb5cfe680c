"""Translated content fields (django-modeltranslation): one column per language, English as fallback."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.index.models import Round


@register(Round)
class RoundTranslation(TranslationOptions):
    fields = ("name",)


# History is registered after translation so that it records every language's column
# (django-simple-history with modeltranslation, as in icc/network/translation.py).
simple_history.register(Round)
