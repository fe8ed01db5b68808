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
        from wenchuang.core.files import register_file_owner

        from . import demo, permissions, verbs  # noqa: F401
        from .models import Application

        # Attachments: read by whoever may read the application, added by the applicant's
        # people while the stage lets them edit.
        register_file_owner(
            Application,
            can_read=permissions.may_read_application,
            can_attach=permissions.may_attach,
        )

        # Calls and applications in `wenchuang demo-data`, after the directory's records.
        register_demo_step(DemoStep("workflows", create=demo.create, wipe=demo.wipe, order=100))
