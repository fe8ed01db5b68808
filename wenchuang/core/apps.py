"""App configuration for the shared core."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wenchuang.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from .planner import after_migrate

        # Sent once per app; `sender=self` runs the refresh once per migrate.
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="core.planner")
