"""Translated content fields (django-modeltranslation): one column per language, English as fallback."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.network.models import City, GrowthTarget, NationalNetwork


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(NationalNetwork)
class NationalNetworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(GrowthTarget)
class GrowthTargetTranslation(TranslationOptions):
    fields = ("label",)


# History is registered after translation so that it records every language's column
# (django-simple-history with modeltranslation; see docs/architecture notes).
for model in (City, NationalNetwork, GrowthTarget):
    simple_history.register(model)
