"""The reasons the practice services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered by PracticesConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.practices.models import AdoptionStage, BriefStatus, PracticeStatus

PRACTICE_REASONS = {
    "practices.created": _("practice drafted"),
    "practices.changed": _("practice edited"),
    "practices.edited_by_secretariat": _("edited by the secretariat"),
    "practices.status": _("status changed to %(status)s"),
    "practices.declined": _("declined: %(words)s"),
    "practices.published": _("published as version %(version)s"),
    "practices.confirmed": _("confirmed as still current by the city"),
    "practices.question_asked": _("question from the secretariat"),
    "practices.question_answered": _("question answered by the city"),
    "practices.image_added": _("image %(words)s added"),
    "practices.document_added": _("document %(words)s added"),
    "practices.demo_data": _("demo data"),
    "practices.brief_created": _("brief drafted"),
    "practices.brief_changed": _("brief edited"),
    "practices.brief_status": _("status changed to %(status)s"),
    "practices.adoption_stage": _("stage recorded: %(stage)s"),
    "practices.adoption_corrected": _("stage corrected back to %(stage)s"),
}
PRACTICE_REASON_CHOICES: dict[str, dict[str, type[models.Choices]]] = {
    "practices.status": {"status": PracticeStatus},
    "practices.brief_status": {"status": BriefStatus},
    "practices.adoption_stage": {"stage": AdoptionStage},
    "practices.adoption_corrected": {"stage": AdoptionStage},
}
