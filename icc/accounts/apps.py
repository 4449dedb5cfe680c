from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "icc.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from icc.accounts.services import ACCESS_REASONS
        from icc.core.history import register_reasons

        register_reasons(ACCESS_REASONS)
