"""App configuration for the directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wenchuang.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from .search import register_all

        register_all()
