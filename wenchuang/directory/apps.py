"""App configuration for the directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wenchuang.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        # Registers the directory's periodic jobs with the scheduler.
        from . import reminders  # noqa: F401
