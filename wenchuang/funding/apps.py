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

        register_file_owner(
            UseReport,
            can_read=permissions.can_view_report,
            can_attach=permissions.can_attach_to_report,
        )
