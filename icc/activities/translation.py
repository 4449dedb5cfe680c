"""Translated content fields (django-modeltranslation): event kinds, events and the annual programme."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.activities.models import Event, EventKind, ProgrammeItem


@register(EventKind)
class EventKindTranslation(TranslationOptions):
    fields = ("name",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title",)


# History after translation, so that it records every language's column (as icc/network/translation.py).
for model in (EventKind, Event, ProgrammeItem):
    simple_history.register(model)
