"""App configuration for the registry of original works."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpRegistryConfig(AppConfig):
    name = "wenchuang.ip_registry"
    label = "ip_registry"
    verbose_name = _("Registry of original works")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wenchuang.core.files import register_file_owner

        from . import permissions
        from .models import Work

        register_file_owner(
            Work, can_read=permissions.can_read_files, can_attach=permissions.can_attach
        )
