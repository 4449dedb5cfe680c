"""Translated content fields (django-modeltranslation): the course's, the lessons' and the quizzes' texts."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from icc.learning.models import Choice, Course, LessonVersion, Question


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(LessonVersion)
class LessonVersionTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("text", "feedback")


# History after translation, so that it records every language's column (as icc/clusters/translation.py).
for model in (Course, LessonVersion, Question, Choice):
    simple_history.register(model)
