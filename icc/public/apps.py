from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "icc.public"
    label = "public"
    verbose_name = _("Public site and open data")

    def ready(self) -> None:
        from icc.public import signals

        signals.connect()
