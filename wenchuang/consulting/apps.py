"""App configuration for consulting services."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultingConfig(AppConfig):
    name = "wenchuang.consulting"
    label = "consulting"
    verbose_name = _("Consulting services")

    def ready(self) -> None:
        from wenchuang.core.demo import DemoStep, register_demo_step
        from wenchuang.core.files import register_file_owner
        from wenchuang.core.generations import track

        # Registers the audit verbs and the periodic jobs.
        from . import demo, permissions, schedule, workflows  # noqa: F401
        from .models import Certification, ConsultingRequest

        track(Certification)
        register_file_owner(
            Certification,
            can_read=permissions.can_view_certification,
            can_attach=permissions.can_attach_to_certification,
        )
        register_file_owner(
            ConsultingRequest,
            can_read=permissions.can_view_request,
            can_attach=permissions.can_attach_to_request,
        )
        register_demo_step(
            DemoStep("consulting", create=demo.create_demo, wipe=demo.wipe_demo, order=340)
        )
