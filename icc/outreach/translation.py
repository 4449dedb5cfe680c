"""Translated content fields (django-modeltranslation): the news and the newsletter issues."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.outreach.models import NewsItem, NewsletterIssue


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(NewsletterIssue)
class NewsletterIssueTranslation(TranslationOptions):
    fields = ("subject", "introduction")


# History after translation, so that it records every language's column (as icc/network/translation.py).
for model in (NewsItem, NewsletterIssue):
    simple_history.register(model)
