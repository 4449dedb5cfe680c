from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicytoolsConfig(AppConfig):
    name = "icc.policytools"
    label = "policytools"
    verbose_name = _("Policy self-assessment tools")
