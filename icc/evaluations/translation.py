"""Translated content fields (django-modeltranslation): titles, questions, the report's texts."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.evaluations.models import (
    Evaluation,
    EvaluationQuestion,
    EvaluationReport,
    EvaluationSection,
    Recommendation,
)


@register(Evaluation)
class EvaluationTranslation(TranslationOptions):
    fields = ("title",)


@register(EvaluationSection)
class EvaluationSectionTranslation(TranslationOptions):
    fields = ("title",)


@register(EvaluationQuestion)
class EvaluationQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(EvaluationReport)
class EvaluationReportTranslation(TranslationOptions):
    fields = ("summary", "findings")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)


# History after translation, so that it records every language's column (as icc/network/translation.py).
for model in (Evaluation, EvaluationSection, EvaluationQuestion, EvaluationReport, Recommendation):
    simple_history.register(model)
