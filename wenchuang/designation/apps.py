"""App configuration for cluster-area designation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignationConfig(AppConfig):
    name = "wenchuang.designation"
    label = "designation"
    verbose_name = _("Cluster-area designation")

    def ready(self) -> None:
        from wenchuang.core.demo import DemoStep, register_demo_step
        from wenchuang.core.generations import track
        from wenchuang.directory.models import Park
        from wenchuang.workflows.plugins import register_actor, register_kind

        # Registers the audit verbs and the daily expiry job.
        from . import demo, expiry, plugin, workflows  # noqa: F401

        # The register's API list is kept for visitors until one of these changes.
        from .models import Designation

        track(Designation, Park)
        # The designation kind of programme, and who "assessor" is in its stage tables.
        register_kind(plugin.KIND)
        register_actor("assessor", plugin.may_assess)
        # After the engine's calls and applications (order 100).
        register_demo_step(
            DemoStep("designation", create=demo.create_demo, wipe=demo.wipe_demo, order=200)
        )
