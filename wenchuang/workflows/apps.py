"""App configuration for the application engine."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "wenchuang.workflows"
    label = "workflows"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # The engine's audit verbs, registered before any service writes one.
        from . import verbs  # noqa: F401
