"""Translated content fields (django-modeltranslation): titles, labels and descriptions of the strategy."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.programme.models import (
    GenderTarget,
    MitigationAction,
    Objective,
    Risk,
    StrategyPeriod,
    Target,
    WarningIndicator,
)


@register(StrategyPeriod)
class StrategyPeriodTranslation(TranslationOptions):
    fields = ("title",)


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "description", "gender_dimension")


@register(Target)
class TargetTranslation(TranslationOptions):
    fields = ("label",)


@register(Risk)
class RiskTranslation(TranslationOptions):
    fields = ("description",)


@register(MitigationAction)
class MitigationActionTranslation(TranslationOptions):
    fields = ("description",)


# History after translation, so that it records every language's column (as icc/network/translation.py).
for model in (StrategyPeriod, Objective, Target, GenderTarget, Risk, MitigationAction, WarningIndicator):
    simple_history.register(model)
