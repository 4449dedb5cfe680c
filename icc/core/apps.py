from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "icc.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from icc.core.history import restore_history_after_save, skip_unchanged_history

        # For every model with history; post_save runs after simple-history's receiver (connected first).
        pre_save.connect(skip_unchanged_history, dispatch_uid="icc-skip-unchanged-history")
        post_save.connect(restore_history_after_save, dispatch_uid="icc-restore-history")
