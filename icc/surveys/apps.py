from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "icc.surveys"
    label = "surveys"
    verbose_name = _("Residents' questionnaires")

    def ready(self) -> None:
        from icc.core.history import register_reasons
        from icc.notifications.services import register_deadlines
        from icc.surveys.reasons import SURVEY_REASONS
        from icc.surveys.services import surveys_closed_notify, surveys_few_answers_notify

        register_reasons(SURVEY_REASONS)
        # The daily run (notifications_send_due) tells coordinators, once per survey (keys).
        register_deadlines(surveys_few_answers_notify)
        register_deadlines(surveys_closed_notify)
