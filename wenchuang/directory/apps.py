"""App configuration for the directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wenchuang.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from wenchuang.core.signals import worker_ready

        # Registers the directory's periodic jobs with the scheduler.
        from . import reminders  # noqa: F401
        from .search import register_all
        from .tasks import on_worker_ready

        # A restarted worker first fails the imports its predecessor left "running".
        worker_ready.connect(on_worker_ready, dispatch_uid="directory-stale-imports")

        register_all()
        track_listed_models()


def track_listed_models() -> None:
    """The models whose rows the public API lists show (directory/api): a write to any of
    them, in any process, makes the next visitor's list be built afresh (decision 0015)."""
    from wenchuang.accounts.models import Organisation
    from wenchuang.core.generations import track
    from wenchuang.reference.models import IndustryCategory, Region

    from .models import (
        AssociationMembership,
        Enterprise,
        Investor,
        Park,
        ServiceProvider,
        Talent,
    )

    track(Enterprise, Park, Investor, Talent, ServiceProvider, AssociationMembership)
    track(Organisation, Region, IndustryCategory)
