"""App configuration for events."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "wenchuang.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from wenchuang.core.demo import DemoStep, register_demo_step

        # Registers the audit verbs of the events' workflows.
        from . import demo, workflows  # noqa: F401

        # After the directory, the engine (100), designation (200) and statistics (300–310).
        register_demo_step(
            DemoStep("events", create=demo.create_demo, wipe=demo.wipe_demo, order=320)
        )
