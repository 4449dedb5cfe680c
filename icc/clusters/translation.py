"""Translated content fields (django-modeltranslation): the names and titles of the app's records."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.clusters.models import ClusterTheme, LabCall, LabCriterion, LearningCluster, PolicyLab


@register(ClusterTheme)
class ClusterThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(LearningCluster)
class LearningClusterTranslation(TranslationOptions):
    fields = ("title",)


@register(PolicyLab)
class PolicyLabTranslation(TranslationOptions):
    fields = ("title",)


@register(LabCall)
class LabCallTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(LabCriterion)
class LabCriterionTranslation(TranslationOptions):
    fields = ("name",)


# History after translation, so that it records every language's column (as icc/network/translation.py).
for model in (ClusterTheme, LearningCluster, PolicyLab, LabCall, LabCriterion):
    simple_history.register(model)
