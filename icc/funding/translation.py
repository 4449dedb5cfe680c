"""Translated content fields (django-modeltranslation): a partner's description."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.funding.models import Partner


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("description",)


# History after translation, so that it records every language's column (as icc/network/translation.py).
simple_history.register(Partner)
