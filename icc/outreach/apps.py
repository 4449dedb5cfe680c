from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "icc.outreach"
    label = "outreach"
    verbose_name = _("News and the newsletter")
