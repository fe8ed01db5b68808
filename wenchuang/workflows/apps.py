"""App configuration for the application engine."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "wenchuang.workflows"
    label = "workflows"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # The engine's audit verbs, registered before any service writes one.
        from wenchuang.core.demo import DemoStep, register_demo_step

        from . import demo, verbs  # noqa: F401

        # Calls and applications in `wenchuang demo-data`, after the directory's records.
        register_demo_step(DemoStep("workflows", create=demo.create, wipe=demo.wipe, order=100))
