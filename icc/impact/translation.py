"""Translated content fields (django-modeltranslation): the studies' titles and summaries."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.impact.models import ImpactStudy


@register(ImpactStudy)
class ImpactStudyTranslation(TranslationOptions):
    fields = ("title", "summary")


# History after translation, so that it records every language's column (as icc/network/translation.py).
simple_history.register(ImpactStudy)
