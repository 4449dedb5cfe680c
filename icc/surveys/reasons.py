"""The reasons the survey services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered by SurveysConfig.ready()."""

from django.utils.translation import gettext_lazy as _

SURVEY_REASONS = {
    "surveys.questionnaire_loaded": _("questionnaire version loaded"),
    "surveys.created": _("survey created"),
    "surveys.changed": _("survey edited"),
    "surveys.published": _("results published"),
    "surveys.unpublished": _("results withdrawn from the public site"),
    "surveys.imported": _("%(count)s answers imported from %(words)s"),
    "surveys.demo_data": _("demo data"),
}
