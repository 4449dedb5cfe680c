from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "icc.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations of strategies' implementation")
