"""Translated content fields (django-modeltranslation): strategy titles, results and indicator names."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.strategies.models import Indicator, Result, Strategy


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title",)


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("title", "statement")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)


# History after translation, so that it records every language's column (as icc/network/translation.py).
for model in (Strategy, Result, Indicator):
    simple_history.register(model)
