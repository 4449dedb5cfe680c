"""Translated content fields (django-modeltranslation): the catalogue's names, units and definitions."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.gaps.models import Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit", "definition")


# History after translation, so that it records every language's column (as icc/network/translation.py).
simple_history.register(Indicator)
