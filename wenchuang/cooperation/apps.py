"""App configuration for park cooperation (the Carrying Plan)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "wenchuang.cooperation"
    label = "cooperation"
    verbose_name = _("Park cooperation")

    def ready(self) -> None:
        from wenchuang.core.demo import DemoStep, register_demo_step
        from wenchuang.core.files import register_file_owner
        from wenchuang.core.generations import track

        from . import demo, permissions, reminders, workflows  # noqa: F401  (verbs, the job)
        from .models import Pairing, PairingBatch

        track(PairingBatch, Pairing)
        # The signed agreement's scan: read by whoever may see the pair, attached by staff.
        register_file_owner(
            Pairing,
            can_read=permissions.can_view_pairing,
            can_attach=permissions.may_decide_pairing,
        )
        register_demo_step(
            DemoStep("cooperation", create=demo.create_demo, wipe=demo.wipe_demo, order=380)
        )
