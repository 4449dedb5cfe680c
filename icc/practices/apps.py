from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "icc.practices"
    label = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from icc.core.history import register_reasons
        from icc.practices.models import (
            Adoption,
            BriefTarget,
            Innovation,
            InnovationResource,
            PolicyBrief,
            Practice,
            PracticeImage,
            PracticeVersion,
        )
        from icc.practices.reasons import PRACTICE_REASON_CHOICES, PRACTICE_REASONS

        register_reasons(PRACTICE_REASONS, choices=PRACTICE_REASON_CHOICES)

        from icc.notifications.services import register_deadlines
        from icc.practices.services import practices_to_confirm_notify

        register_deadlines(practices_to_confirm_notify)  # stale practices, told once each

        # The public catalogue is cached per public content version (icc/public/page_cache.py): a change to
        # what it reads moves the version on.
        from icc.public.signals import _changed

        for model in (
            Practice,
            PracticeImage,
            PracticeVersion,
            PolicyBrief,
            BriefTarget,
            Innovation,
            InnovationResource,
            Adoption,
        ):
            label = model._meta.label
            post_save.connect(_changed, sender=model, dispatch_uid=f"public-version-save-{label}")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"public-version-delete-{label}")
