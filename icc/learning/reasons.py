"""The reasons the learning services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by LearningConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.learning.models import VersionStatus

LEARNING_REASONS = {
    "learning.course_created": _("course created"),
    "learning.course_changed": _("course changed"),
    "learning.course_published": _("course published"),
    "learning.lesson_created": _("lesson created"),
    "learning.version_created": _("new draft version %(number)s"),
    "learning.version_changed": _("lesson version changed"),
    "learning.version_status": _("lesson version %(status)s"),
    "learning.question_added": _("quiz question added"),
    "learning.image_added": _("image %(words)s added"),
    "learning.enrolled": _("enrolled"),
    "learning.progress": _("progress saved"),
    "learning.completed": _("course completed"),
    "learning.reminded": _("reminder sent"),
    "learning.demo_data": _("demo data"),
}
LEARNING_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "learning.version_status": {"status": VersionStatus},
}
