import re

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

RATE = re.compile(r"^\d+/(s|sec|m|min|h|hour|d|day)$")


class ApiConfig(AppConfig):
    name = "icc.api"
    label = "api"
    verbose_name = _("JSON API")

    def ready(self) -> None:
        # Bad values are refused at start-up, like every other setting.
        for name in ("API_RATE_ANON", "API_RATE_USER"):
            value = getattr(settings, name, "")
            if not RATE.match(str(value)):
                raise ImproperlyConfigured(
                    f"{name}={value!r} is not a rate: write requests per period, e.g. 60/min or 1000/day."
                )
