"""App configuration for the marketplace."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "wenchuang.market"
    label = "market"
    verbose_name = _("Marketplace")

    def ready(self) -> None:
        from wenchuang.core import search
        from wenchuang.core.demo import DemoStep, register_demo_step
        from wenchuang.core.files import register_file_owner
        from wenchuang.core.generations import track

        from . import demo, permissions, workflows  # noqa: F401  (verbs registered)
        from .models import Listing
        from .search import document

        search.register(Listing, document=document)
        register_file_owner(
            Listing, can_read=permissions.can_view_listing, can_attach=permissions.can_attach_image
        )
        track(Listing)
        # Export orders are cultural exports in the statistics (the cube reads them).
        from wenchuang.statistics.sources import register_source

        from .export_figures import exports_for_period

        register_source("cultural_exports", exports_for_period)
        register_demo_step(DemoStep("market", create=demo.create, wipe=demo.wipe, order=370))
