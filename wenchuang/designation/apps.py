"""App configuration for cluster-area designation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignationConfig(AppConfig):
    name = "wenchuang.designation"
    label = "designation"
    verbose_name = _("Cluster-area designation")

    def ready(self) -> None:
        # Registers the audit verbs and the daily expiry job.
        from . import expiry, workflows  # noqa: F401
