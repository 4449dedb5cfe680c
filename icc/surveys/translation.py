"""Translated content fields (django-modeltranslation): a survey's title and consent text."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.surveys.models import Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "consent_text")


# History after translation, so that it records every language's column (as icc/network/translation.py).
simple_history.register(Survey)
