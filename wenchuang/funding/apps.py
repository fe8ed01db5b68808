"""App configuration for special funds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "wenchuang.funding"
    label = "funding"
    verbose_name = _("Special funds")

    def ready(self) -> None:
        from wenchuang.core.files import register_file_owner

        # Registers the overdue-report reminders with the scheduler.
        from . import kind, permissions, reminders  # noqa: F401
        from .models import UseReport

        kind.register()

        from wenchuang.core.demo import DemoStep, register_demo_step

        from . import demo

        # After the engine's calls and applications (order 100): awards built on them.
        register_demo_step(DemoStep("funding", create=demo.create, wipe=demo.wipe, order=200))

        register_file_owner(
            UseReport,
            can_read=permissions.can_view_report,
            can_attach=permissions.can_attach_to_report,
        )
