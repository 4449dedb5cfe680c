from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "icc.clusters"
    label = "clusters"
    verbose_name = _("Learning clusters and the policy lab")

    def ready(self) -> None:
        from icc.clusters.reasons import CLUSTER_REASON_CHOICES, CLUSTER_REASONS
        from icc.core.history import register_reasons

        register_reasons(CLUSTER_REASONS, choices=CLUSTER_REASON_CHOICES)
